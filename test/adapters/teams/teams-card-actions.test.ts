import type { Bot } from '../../../src/core/create-bot';
import type { IncomingSubmission } from '../../../src/core/incoming';
import type { Form } from '../../../src/core/reply';
import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from './teams-harness';

// Buttons and forms: Action.Execute arrives as invoke `adaptiveCard/action` and is answered in the
// HTTP response (the card refreshes in place); Action.Submit arrives as a message with `value`.

const FORM: Form = {
  id: 'debrief',
  title: 'How did the meeting go?',
  submitLabel: 'Save',
  intro: 'Two quick questions.',
  metadata: 'meeting-42',
  fields: [
    { id: 'outcome', label: 'Outcome', kind: 'choice', options: [{ value: 'good', label: 'Good' }, { value: 'bad', label: 'Not good' }] },
    { id: 'topics', label: 'Topics', kind: 'choice', multiple: true, optional: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
    { id: 'notes', label: 'Notes', kind: 'textarea', optional: true, maxLength: 500, hint: 'Only you see these.' },
    { id: 'next', label: 'Next meeting', kind: 'date', optional: true },
    { id: 'at', label: 'Time', kind: 'time', optional: true },
  ],
};
const submissions: IncomingSubmission[] = [];

/** Stands in for the debrief feature being built on another branch: a catalog command with a form. */
const withDebrief = (bot: Bot): Bot => ({
  ...bot,
  context: { ...bot.context, catalog: [...bot.context.catalog, { name: 'engage-debrief', summary: 'Debrief a meeting', usage: '', examples: ['x'] }] },
  async handleCommand(cmd) {
    if (cmd.command === 'engage-debrief') return { text: 'Debrief', blocks: [], visibility: 'private', form: FORM };
    return bot.handleCommand(cmd);
  },
  async handleSubmission(submission) {
    submissions.push(submission);
    if (submission.values.outcome === 'bad' && !submission.values.notes) return { errors: { notes: 'Tell us what went wrong.' } };
    return { reply: { text: 'Saved', blocks: [{ type: 'heading', text: 'Saved' }, { type: 'text', text: 'Thanks.' }], visibility: 'private' } };
  },
});

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams(undefined, undefined, undefined, withDebrief);
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

async function tipCard(): Promise<any> {
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, 'tip nda'));
  return capture.requests[before]!.body.attachments[0].content;
}
const buttons = (card: any): any[] => card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);
const execute = (data: unknown, verb = 'x') => teams.post(teamsMessage(capture.url, '', {
  type: 'invoke', name: 'adaptiveCard/action', text: undefined,
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
}));

test('Action.Execute on "another tip" refreshes the card in place (answer in the invoke response)', async () => {
  const card = await tipCard();
  const another = buttons(card).find((b) => b.data.engage.action === 'tip.another');
  const before = capture.requests.length;
  const res = await execute(another.data, another.verb);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  expect(cardProblems(body.value)).toEqual([]);
  expect(JSON.stringify(body.value)).not.toEqual(JSON.stringify(card));
  expect(capture.requests.length).toBe(before);
});

test('Action.Execute "show" opens the other match in place; "helpful" is a notice that keeps the card', async () => {
  const card = await tipCard();
  const show = buttons(card).find((b) => b.data.engage.action === 'tip.show');
  const shown = await (await execute(show.data)).json();
  expect(shown.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(shown.value.body.find((e: any) => e.style === 'heading').text).toBe(show.title);
  const helpful = buttons(card).find((b) => b.data.engage.action === 'tip.feedback' && b.data.engage.value.endsWith('|up'));
  const vote = await (await execute(helpful.data)).json();
  expect(vote).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/glad it helped/) });
});

test('"Share" posts the tip as a new message for everyone and answers the invoke with a notice', async () => {
  const card = await tipCard();
  const share = buttons(card).find((b) => b.data.engage.action === 'tip.share');
  expect(share.style).toBe('positive');
  const before = capture.requests.length;
  const answer = await (await execute(share.data)).json();
  expect(answer.type).toBe('application/vnd.microsoft.activity.message');
  const posted = capture.requests.slice(before);
  expect(posted).toHaveLength(1);
  expect(cardProblems(posted[0]!.body.attachments[0].content)).toEqual([]);
});

test('Action.Submit (older clients): the same data as a message value reaches the same handler', async () => {
  const card = await tipCard();
  const show = buttons(card).find((b) => b.data.engage.action === 'tip.show');
  const before = capture.requests.length;
  const res = await teams.post(teamsMessage(capture.url, '', { text: undefined, value: show.fallback.data, replyToId: 'card-msg-1' }));
  expect(res.status).toBe(200);
  const sent = capture.requests.slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.method).toBe('POST');
  expect(cardProblems(sent[0]!.body.attachments[0].content)).toEqual([]);
});

test('tampered or unknown button data is ignored with a notice, never an error', async () => {
  for (const data of [{ engage: { kind: 'action', action: 'tip.show', value: 'no-such-item' } }, { engage: { kind: 'nope' } }, 'garbage', null, { engage: { kind: 'action', action: 'x'.repeat(500), value: '' } }]) {
    const res = await execute(data);
    expect(res.status).toBe(200);
    expect((await res.json()).type).toBe('application/vnd.microsoft.activity.message');
  }
});

test('"debrief" (a catalog command from another branch) opens a card form with validated inputs', async () => {
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, 'debrief'));
  const card = capture.requests[before]!.body.attachments[0].content;
  expect(cardProblems(card)).toEqual([]);
  const inputs = card.body.filter((e: any) => e.type.startsWith('Input.'));
  expect(inputs.map((i: any) => [i.type, i.id, i.isRequired])).toEqual([
    ['Input.ChoiceSet', 'outcome', true], ['Input.ChoiceSet', 'topics', false], ['Input.Text', 'notes', false], ['Input.Date', 'next', false], ['Input.Time', 'at', false],
  ]);
  expect(inputs[0].errorMessage).toBe('Please fill in “Outcome”.');
  expect(inputs[1].isMultiSelect).toBe(true);
  expect(inputs[2]).toMatchObject({ isMultiline: true, maxLength: 500 });
  expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'form.debrief', associatedInputs: 'auto', fallback: { type: 'Action.Submit' } });
});

test('a submission with field errors re-renders the form in place with the errors and the answers kept', async () => {
  const data = { engage: { kind: 'form', form: FORM }, outcome: 'bad', topics: 'a,b', notes: '' };
  submissions.splice(0);
  const answer = await (await execute(data, 'form.debrief')).json();
  expect(submissions[0]).toMatchObject({ formId: 'debrief', metadata: 'meeting-42', values: { outcome: 'bad', topics: ['a', 'b'], notes: undefined } });
  expect(submissions[0]!.actor).toMatchObject({ platform: 'teams', tenantId: 'tenant-1111', userId: 'aad-user-1', timeZone: 'Africa/Nairobi' });
  const card = answer.value;
  expect(cardProblems(card)).toEqual([]);
  expect(JSON.stringify(card)).toContain('Tell us what went wrong.');
  expect(card.body.find((e: any) => e.id === 'outcome').value).toBe('bad');

  const ok = await (await execute({ ...data, notes: 'They cancelled.' }, 'form.debrief')).json();
  expect(ok.value.body[0]).toMatchObject({ text: 'Saved' });
});

test('a form sent with Action.Submit: errors update the card message, success replaces it', async () => {
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, '', { text: undefined, replyToId: 'form-msg-1', value: { engage: { kind: 'form', form: FORM }, outcome: 'bad' } }));
  const update = capture.requests.slice(before);
  expect(update).toHaveLength(1);
  expect(update[0]).toMatchObject({ method: 'PUT', path: expect.stringContaining('/activities/form-msg-1') });
  expect(cardProblems(update[0]!.body.attachments[0].content)).toEqual([]);
});
