import { isPlainText, renderAdaptiveCard, renderFormAgain } from '../../../adapters/teams/render-adaptive-card';
import type { TeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import type { Button, Form, Reply } from '../../../src/base/reply';
import { cardProblems } from './card-validator';

// The neutral Reply as an Adaptive Card, exactly (as render-block-kit.test.ts does for Block Kit):
// every expected card below is written out by hand, and every card must also pass the official
// Adaptive Cards parser.

const prompts: TeamsPrompts = {
  requiredField: 'Please fill in “{label}”.',
  fieldProblems: 'Some answers need a second look.',
  welcome: 'Hello! Try “{example}”.',
  shared: 'Shared.',
  done: 'Done.',
  sentPrivately: 'Sent to our private chat.',
  askInPersonalChat: 'Open a private chat with me and ask there.',
  personalChatUnreachable: 'Try again in a moment.',
  conversationDetailsLabel: 'Chat details',
  homeCommand: 'Your home',
  appNameFull: 'engage-bot: test',
  appDescriptionShort: 'Test app',
  appDescriptionFull: 'A test app.',
};

const envelope = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5' };
const reply = (blocks: Reply['blocks'], more: Partial<Reply> = {}): Reply => ({ text: 'fallback text', blocks, visibility: 'private', ...more });

function render(r: Reply) {
  const card = renderAdaptiveCard(r, prompts);
  expect(cardProblems(card)).toEqual([]);
  return card;
}

test('every block kind maps to its card element exactly', () => {
  const card = render(reply([
    { type: 'heading', text: 'Build trust early' },
    { type: 'context', text: 'Practical tip · page 12' },
    { type: 'text', text: 'Meet before you need something.' },
    { type: 'list', items: ['Ask', 'Listen'], ordered: true },
    { type: 'list', items: ['Notes', 'Follow up'] },
    { type: 'fields', fields: [{ label: 'Options', value: 'A · B' }, { label: 'Due', value: 'Friday' }] },
  ]));
  expect(card).toEqual({
    ...envelope,
    body: [
      { type: 'TextBlock', text: 'Build trust early', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
      { type: 'TextBlock', text: 'Practical tip · page 12', wrap: true, isSubtle: true, size: 'Small' },
      { type: 'TextBlock', text: 'Meet before you need something.', wrap: true },
      { type: 'TextBlock', text: '1. Ask\n2. Listen', wrap: true },
      { type: 'TextBlock', text: '- Notes\n- Follow up', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Options', value: 'A · B' }, { title: 'Due', value: 'Friday' }] },
    ],
  });
});

test('buttons are Action.Execute with an Action.Submit fallback carrying the same data; styles map to positive/destructive', () => {
  const card = render(reply([{ type: 'actions', buttons: [
    { action: 'tip.feedback', label: 'Helpful', value: 't1|up', style: 'primary' },
    { action: 'tip.feedback', label: 'Not helpful', value: 't1|down', style: 'danger' },
    { action: 'tip.another', label: 'Another tip', value: 't1' },
  ] }]));
  expect(card).toEqual({
    ...envelope,
    body: [{
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Execute', title: 'Helpful', verb: 'tip.feedback', style: 'positive',
          data: { engage: { kind: 'action', action: 'tip.feedback', value: 't1|up' } },
          fallback: { type: 'Action.Submit', title: 'Helpful', style: 'positive', data: { engage: { kind: 'action', action: 'tip.feedback', value: 't1|up' } } },
        },
        {
          type: 'Action.Execute', title: 'Not helpful', verb: 'tip.feedback', style: 'destructive',
          data: { engage: { kind: 'action', action: 'tip.feedback', value: 't1|down' } },
          fallback: { type: 'Action.Submit', title: 'Not helpful', style: 'destructive', data: { engage: { kind: 'action', action: 'tip.feedback', value: 't1|down' } } },
        },
        {
          type: 'Action.Execute', title: 'Another tip', verb: 'tip.another',
          data: { engage: { kind: 'action', action: 'tip.another', value: 't1' } },
          fallback: { type: 'Action.Submit', title: 'Another tip', data: { engage: { kind: 'action', action: 'tip.another', value: 't1' } } },
        },
      ],
    }],
  });
});

test('an action set keeps its first 6 buttons (what Teams shows in a row)', () => {
  const buttons: Button[] = Array.from({ length: 8 }, (_, i) => ({ action: 'tip.show', label: `Tip ${i}`, value: `t${i}` }));
  const card = renderAdaptiveCard(reply([{ type: 'actions', buttons }]), prompts);
  const [set] = card.body as { actions: { title: string }[] }[];
  expect(set!.actions.map((a) => a.title)).toEqual(['Tip 0', 'Tip 1', 'Tip 2', 'Tip 3', 'Tip 4', 'Tip 5']);
  // The parser checks against its default host config, which allows 5; Teams' allows 6.
  expect(cardProblems(card)).toEqual(['validate: Maximum number of actions exceeded (5).']);
});

test('a divider becomes a separator on the element after it; leading, repeated and trailing ones add nothing', () => {
  const card = render(reply([
    { type: 'divider' },
    { type: 'text', text: 'One' },
    { type: 'divider' },
    { type: 'divider' },
    { type: 'text', text: 'Two' },
    { type: 'divider' },
  ]));
  expect(card).toEqual({
    ...envelope,
    body: [
      { type: 'TextBlock', text: 'One', wrap: true, separator: true },
      { type: 'TextBlock', text: 'Two', wrap: true, separator: true },
    ],
  });
});

test('Markdown in text, list items and facts is escaped; button titles are plain text and kept as they are', () => {
  const card = render(reply([
    { type: 'text', text: 'Use *bold* & [links](x)\n# not a heading\n1. not a list' },
    { type: 'list', items: ['- a dash', 'snake_case'] },
    { type: 'fields', fields: [{ label: 'A_B', value: '<b>hi</b>' }] },
    { type: 'actions', buttons: [{ action: 'tip.show', label: '*Show*', value: 'x' }] },
  ]));
  expect(card.body.slice(0, 3)).toEqual([
    { type: 'TextBlock', text: 'Use \\*bold\\* & \\[links\\](x)\n\\# not a heading\n1\\. not a list', wrap: true },
    { type: 'TextBlock', text: '- \\- a dash\n- snake\\_case', wrap: true },
    { type: 'FactSet', facts: [{ title: 'A\\_B', value: '\\<b\\>hi\\</b\\>' }] },
  ]);
  expect((card.body[3] as { actions: { title: string }[] }).actions[0]!.title).toBe('*Show*');
});

test('a reply without blocks shows its text; one text block alone travels as a plain message', () => {
  expect(render(reply([], { text: 'Nothing to show *yet*' }))).toEqual({
    ...envelope,
    body: [{ type: 'TextBlock', text: 'Nothing to show \\*yet\\*', wrap: true }],
  });
  expect(isPlainText(reply([{ type: 'text', text: 'Thanks!' }]))).toBe(true);
  expect(isPlainText(reply([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }]))).toBe(false);
  expect(isPlainText(reply([{ type: 'context', text: 'a' }]))).toBe(false);
});

const sixTopics = ['policy', 'privacy', 'safety', 'labour', 'access', 'other'].map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }));

const debriefForm: Form = {
  id: 'debrief',
  title: 'Debrief: Acme',
  submitLabel: 'Save',
  intro: 'How did the meeting go?',
  metadata: 'meeting-1',
  fields: [
    { id: 'outcome', label: 'Outcome', kind: 'choice', options: [{ value: 'good', label: 'Good' }, { value: 'bad', label: 'Bad' }], initial: 'good' },
    { id: 'topics', label: 'Topics', kind: 'choice', multiple: true, optional: true, placeholder: 'Pick any', options: sixTopics },
    { id: 'company', label: 'Company', kind: 'text', initial: 'Acme', placeholder: 'Company name', maxLength: 80, hint: 'As it calls itself' },
    { id: 'notes', label: 'Notes', kind: 'textarea', optional: true },
    { id: 'day', label: 'Day', kind: 'date', initial: '2026-12-01' },
    { id: 'at', label: 'Time', kind: 'time', optional: true },
  ],
};

const submit = (form: Form) => ({
  type: 'Action.Execute', title: form.submitLabel, verb: `form.${form.id}`, associatedInputs: 'auto', style: 'positive',
  data: { engage: { kind: 'form', form } },
  fallback: { type: 'Action.Submit', title: form.submitLabel, associatedInputs: 'auto', style: 'positive', data: { engage: { kind: 'form', form } } },
});

test('a form: title, intro, one input per field kind with its initial value, hints, and a submit carrying the form', () => {
  const card = render(reply([], { form: debriefForm }));
  expect(card).toEqual({
    ...envelope,
    body: [
      { type: 'TextBlock', text: 'Debrief: Acme', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
      { type: 'TextBlock', text: 'How did the meeting go?', wrap: true },
      {
        type: 'Input.ChoiceSet', id: 'outcome', label: 'Outcome', isRequired: true, errorMessage: 'Please fill in “Outcome”.', value: 'good',
        choices: [{ title: 'Good', value: 'good' }, { title: 'Bad', value: 'bad' }], isMultiSelect: false, style: 'expanded',
      },
      {
        type: 'Input.ChoiceSet', id: 'topics', label: 'Topics', isRequired: false, placeholder: 'Pick any', isMultiSelect: true, style: 'compact',
        choices: [
          { title: 'Policy', value: 'policy' }, { title: 'Privacy', value: 'privacy' }, { title: 'Safety', value: 'safety' },
          { title: 'Labour', value: 'labour' }, { title: 'Access', value: 'access' }, { title: 'Other', value: 'other' },
        ],
      },
      { type: 'Input.Text', id: 'company', label: 'Company', isRequired: true, errorMessage: 'Please fill in “Company”.', value: 'Acme', isMultiline: false, placeholder: 'Company name', maxLength: 80 },
      { type: 'TextBlock', text: 'As it calls itself', wrap: true, isSubtle: true, size: 'Small', spacing: 'None' },
      { type: 'Input.Text', id: 'notes', label: 'Notes', isRequired: false, isMultiline: true },
      { type: 'Input.Date', id: 'day', label: 'Day', isRequired: true, errorMessage: 'Please fill in “Day”.', value: '2026-12-01' },
      { type: 'Input.Time', id: 'at', label: 'Time', isRequired: false },
    ],
    actions: [submit(debriefForm)],
  });
});

test('a form drawn again after errors: a notice on top, the answers given instead of the initial values, each problem under its field', () => {
  const form: Form = {
    id: 'remind',
    title: 'New reminder',
    submitLabel: 'Set',
    metadata: '',
    fields: [
      { id: 'what', label: 'What', kind: 'text', initial: 'Call Acme' },
      { id: 'when', label: 'When', kind: 'date', hint: 'Any day from tomorrow' },
      { id: 'note', label: 'Note', kind: 'textarea', optional: true, initial: 'Bring the report' },
    ],
  };
  const card = renderFormAgain(form, prompts, { when: 'That day has passed.' }, { what: 'Email Acme', when: '2020-01-01' });
  expect(cardProblems(card)).toEqual([]);
  expect(card).toEqual({
    ...envelope,
    body: [
      { type: 'TextBlock', text: 'New reminder', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
      { type: 'TextBlock', text: 'Some answers need a second look.', wrap: true, color: 'Attention' },
      { type: 'Input.Text', id: 'what', label: 'What', isRequired: true, errorMessage: 'Please fill in “What”.', value: 'Email Acme', isMultiline: false },
      { type: 'Input.Date', id: 'when', label: 'When', isRequired: true, errorMessage: 'Please fill in “When”.', value: '2020-01-01' },
      { type: 'TextBlock', text: 'Any day from tomorrow', wrap: true, isSubtle: true, size: 'Small', spacing: 'None' },
      { type: 'TextBlock', text: 'That day has passed.', wrap: true, color: 'Attention', size: 'Small', spacing: 'None' },
      { type: 'Input.Text', id: 'note', label: 'Note', isRequired: false, value: 'Bring the report', isMultiline: true },
    ],
    actions: [submit(form)],
  });
});

test('without errors there is no notice; blocks come before the form', () => {
  const form: Form = { id: 'rate', title: 'Rate it', submitLabel: 'Send', metadata: 'm', fields: [{ id: 'score', label: 'Score', kind: 'text' }] };
  const card = render(reply([{ type: 'text', text: 'Thanks for trying the tip.' }], { form }));
  expect(card).toEqual({
    ...envelope,
    body: [
      { type: 'TextBlock', text: 'Thanks for trying the tip.', wrap: true },
      { type: 'TextBlock', text: 'Rate it', wrap: true, style: 'heading', size: 'Medium', weight: 'Bolder' },
      { type: 'Input.Text', id: 'score', label: 'Score', isRequired: true, errorMessage: 'Please fill in “Score”.', isMultiline: false },
    ],
    actions: [submit(form)],
  });
  expect(renderFormAgain(form, prompts, {}, {})).toEqual({ ...envelope, body: card.body.slice(1), actions: [submit(form)] });
});
