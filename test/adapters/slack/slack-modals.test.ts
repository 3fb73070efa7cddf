import type { Bot } from '../../../src/bot/create-bot';
import type { Form } from '../../../src/base/reply';
import { buttonClick, startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';

// Forms as Slack modals: the real debrief opens, validates and saves through the real Bolt app,
// receiver, renderer and capture server. One case no real form reaches yet — state too long for
// private_metadata, an error for a field the modal does not have — puts a form of its own behind a
// test button.

const CHARACTERISTICS = ['scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused', 'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained'];
const LONG_FORM: Form = {
  id: 'long-state',
  title: 'Long state',
  submitLabel: 'Save',
  fields: [{ id: 'when', label: 'When was it?', kind: 'date' }],
  metadata: 'x'.repeat(5000),
};

const submissions: unknown[] = [];
/** Adds one button action that answers with LONG_FORM; every other action, command and form is the real core's. */
function withLongState(bot: Bot): Bot {
  return {
    ...bot,
    handleAction: (a) => (a.action === 'test.long-state' ? Promise.resolve({ text: 'Long state', blocks: [], visibility: 'private', form: LONG_FORM }) : bot.handleAction(a)),
    handleSubmission: async (s) => {
      if (s.formId !== LONG_FORM.id) return bot.handleSubmission(s);
      submissions.push(s);
      return s.values.when ? {} : { errors: { when: 'Pick the day of the meeting.', elsewhere: 'Also this.' } };
    },
  };
}

let slack: SlackTestApp;
beforeEach(async () => { submissions.length = 0; slack = await startSlackTestApp({ wrapBot: withLongState }); });
afterEach(async () => { await slack.close(); });

function submission(view: any, values: Record<string, Record<string, unknown>>) {
  return {
    type: 'view_submission',
    team: { id: 'T0001', domain: 'ngo' },
    user: { id: 'U0001', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    trigger_id: 'trigger-submit',
    view: { id: 'V1', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values }, hash: 'h' },
  };
}

/** Every input of the modal the way Slack reports it (each block, answered or not); `unanswered` left empty. */
function answered(view: any, unanswered: string[] = []): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks.filter((b: any) => b.type === 'input')) {
    const { action_id: action, type, options } = block.element;
    if (unanswered.includes(block.block_id)) values[block.block_id] = { [action]: { type, selected_option: null } };
    else if (CHARACTERISTICS.includes(block.block_id)) values[block.block_id] = { [action]: { type, selected_option: { value: '4' } } };
    else if (type === 'datepicker') values[block.block_id] = { [action]: { type, selected_date: '2026-11-24' } };
    else if (type === 'radio_buttons' || type === 'static_select') values[block.block_id] = { [action]: { type, selected_option: block.optional ? null : { value: options[0].value } } };
    else if (type === 'plain_text_input') values[block.block_id] = { [action]: { type, value: block.block_id === 'company' ? 'Acme' : null } };
  }
  return values;
}

test('/engage-debrief answers with the debrief form: a modal opened with the trigger id, within Slack’s limits', async () => {
  const res = await slack.command('/engage-debrief', 'Acme check-in');
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  const [open] = await slack.capture.waitFor('views.open');
  expect(open!.body.trigger_id).toBe('trigger-1');
  const view = open!.body.view;
  expect(view).toMatchObject({ type: 'modal', callback_id: 'debrief' });
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(view.submit.text.length).toBeLessThanOrEqual(24);
  expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  const inputs = view.blocks.filter((b: any) => b.type === 'input');
  expect(inputs.find((b: any) => b.block_id === 'company').element).toMatchObject({ type: 'plain_text_input', initial_value: 'Acme' });
  expect(inputs.find((b: any) => b.block_id === 'notes')).toMatchObject({ optional: true, element: { multiline: true } });
  for (const id of CHARACTERISTICS) expect(inputs.find((b: any) => b.block_id === id)).toMatchObject({ optional: false, element: { type: 'radio_buttons', action_id: 'rating' } });
});

test('a submit with missing answers returns response_action errors beside those fields', async () => {
  await slack.command('/engage-debrief', 'Acme check-in');
  const [open] = await slack.capture.waitFor('views.open');
  const res = await slack.interact(submission(open!.body.view, answered(open!.body.view, ['scope-goals', 'side'])));
  expect(res.status).toBe(200);
  const answer = await res.json();
  expect(answer.response_action).toBe('errors');
  expect(Object.keys(answer.errors).sort()).toEqual(['scope-goals', 'side']);
});

test('a complete submit closes the modal and the score arrives, to the person only, where the command was typed', async () => {
  await slack.command('/engage-debrief', 'Acme check-in');
  const [open] = await slack.capture.waitFor('views.open');
  const res = await slack.interact(submission(open!.body.view, answered(open!.body.view)));
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  const [answer] = await slack.capture.waitFor('respond');
  expect(answer!.path).toBe('/respond/1');
  expect(answer!.body.response_type).toBe('ephemeral');
  expect(JSON.stringify(answer!.body.blocks)).toContain('75/100');
  expect(slack.capture.of('chat.postMessage')).toEqual([]);
});

test('a button answering with a form opens the modal; metadata over 3,000 characters is kept server-side', async () => {
  await slack.interact(buttonClick(slack.capture, 'test.long-state~0', 'x'));
  const [open] = await slack.capture.waitFor('views.open');
  expect(open!.body.trigger_id).toBe('trigger-click-1');
  const metadata = open!.body.view.private_metadata as string;
  expect(metadata.length).toBeLessThanOrEqual(3000);
  expect(metadata).toMatch(/^r:/);
  await slack.interact(submission(open!.body.view, { when: { value: { type: 'datepicker', selected_date: '2026-11-24' } } }));
  expect(submissions[0]).toMatchObject({ metadata: 'x'.repeat(5000) });
});

test('an error for a field the modal does not have lands on the first input instead of being refused', async () => {
  await slack.interact(buttonClick(slack.capture, 'test.long-state~0', 'x'));
  const [open] = await slack.capture.waitFor('views.open');
  const res = await slack.interact(submission(open!.body.view, { when: { value: { type: 'datepicker', selected_date: null } } }));
  expect(await res.json()).toEqual({ response_action: 'errors', errors: { when: 'Pick the day of the meeting. Also this.' } });
});

describe('a slow answer', () => {
  let slow: SlackTestApp;
  afterEach(async () => { await slow.close(); });
  test('is acknowledged at once with a sentence, then delivered through response_url', async () => {
    slow = await startSlackTestApp({
      wrapBot: (bot) => ({ ...bot, handleCommand: async (cmd) => { await new Promise((r) => setTimeout(r, 2600)); return bot.handleCommand(cmd); } }),
    });
    const started = Date.now();
    const res = await slow.command('/engage-tip', 'list');
    expect(Date.now() - started).toBeLessThan(2900);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/Still working/) });
    const [late] = await slow.capture.waitFor('respond', 1, 3000);
    expect(late!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(late!.body.blocks.length).toBeGreaterThan(0);
  });
});
