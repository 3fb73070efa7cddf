import { createSweeper } from '../../../src/remind';
import { silentLogger } from '../../../src/base/logger';
import type { Clock } from '../../../src/base/clock';
import { cardProblems } from './card-validator';
import { hostileString, hostileValue, seededRandom } from '../../helpers/hostile-inputs';
import { startCaptureServer, startTeams, teamsMessage, TENANT, type CaptureServer, type TeamsHarness } from './teams-harness';

// "Remind me about this" from a Teams message's "…" menu, through the real CloudAdapter: Teams asks
// for the dialog (composeExtension/fetchTask) and gets the core's form as a card prefilled from the
// message; the dialog's answers (composeExtension/submitAction) set the reminder, whose delivery
// links back to the message.

const LINK = 'https://teams.microsoft.com/l/message/19:channel-1@thread.skype/1795597100000?tenantId=tenant-1111';
const HTML = '<p>Ask <at id="0">Jo</at> about the <b>audit</b> &amp; the NDA</p>';
const CHANNEL = { id: '19:channel-1@thread.skype;messageid=1795597100000', conversationType: 'channel', tenantId: TENANT };

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams();
  // The person's own chat with the bot: where the confirmation and the reminder go.
  await teams.post(teamsMessage(capture.url, 'help'));
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

const invoke = (name: string, value: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  teams.post(teamsMessage(capture.url, '', { type: 'invoke', name, text: undefined, conversation: CHANNEL, value, ...extra }));

const fetchTask = (commandId: string, extra: Record<string, unknown> = {}) => invoke('composeExtension/fetchTask', {
  commandId, commandContext: 'message', context: { theme: 'default' },
  messagePayload: { id: '1795597100000', body: { contentType: 'html', content: HTML }, linkToMessage: LINK },
}, extra);

const submitAction = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  invoke('composeExtension/submitAction', { commandId: 'remind-message', commandContext: 'message', context: { theme: 'default' }, data }, extra);

/** The dialog's card from a fetchTask answer, and what its submit button carries. */
async function dialogCard(res: Response) {
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.task.type).toBe('continue');
  expect(body.task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = body.task.value.card.content;
  expect(cardProblems(card)).toEqual([]);
  return { title: body.task.value.title as string, card, submit: card.actions[0] };
}
const inputOf = (card: any, id: string) => card.body.find((e: any) => e.id === id);

function sweeperFrom(startIso: string) {
  let now = Date.parse(startIso);
  const clock: Clock = { now: () => new Date(now) };
  const ctx = teams.bot.bot.parts;
  const sweeper = createSweeper({ reminders: ctx.reminders, messages: ctx.reminderMessages, clock, logger: silentLogger, outboxes: { teams: teams.mount.outbox! }, render: teams.bot.bot.renderDue });
  return { sweep: () => sweeper.sweep(), advance: (ms: number) => { now += ms; } };
}

test('fetchTask answers with the form as a dialog card, prefilled with the message’s words; submitAction sets the reminder, which links back', async () => {
  const clock = sweeperFrom('2026-11-25T09:00:00Z');
  await clock.sweep();
  const { title, card, submit } = await dialogCard(await fetchTask('remind-message'));
  expect(title).toBe('Remind me about this');
  expect(inputOf(card, 'what')).toMatchObject({ type: 'Input.Text', value: 'Ask Jo about the audit & the NDA' });
  // Inside a dialog the submit is Action.Submit (Universal Actions do not run there), with the form in its data.
  expect(submit.type).toBe('Action.Submit');
  expect(submit.data.engage.form.metadata).toBe(LINK);

  const before = capture.requests.length;
  const res = await submitAction({ ...submit.data, what: 'Ask Jo about the audit', when: '1h', date: '' });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({});
  const sent = capture.requests.slice(before).filter((r) => r.method === 'POST');
  expect(sent).toHaveLength(1);
  expect(sent[0]!.path).toContain(encodeURIComponent('a:personal-conv-1'));
  expect(JSON.stringify(sent[0]!.body)).toContain('Ask Jo about the audit');

  const due = capture.requests.length;
  clock.advance(2 * 60 * 60_000);
  expect(await clock.sweep()).toMatchObject({ sent: 1 });
  const delivered = capture.requests.slice(due).filter((r) => r.method === 'POST');
  expect(delivered).toHaveLength(1);
  const reminder = delivered[0]!.body.attachments[0].content;
  expect(cardProblems(reminder)).toEqual([]);
  const open = reminder.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions).find((a: any) => a.type === 'Action.OpenUrl');
  expect(open).toMatchObject({ url: LINK, title: expect.any(String) });
});

test('a problem redraws the dialog with the answers kept and the problem shown; nothing is posted', async () => {
  const { submit } = await dialogCard(await fetchTask('remind-message'));
  const before = capture.requests.length;
  const again = await dialogCard(await submitAction({ ...submit.data, what: 'Check the transparency report', when: 'date', date: '' }));
  expect(inputOf(again.card, 'what').value).toBe('Check the transparency report');
  expect(again.card.body.some((e: any) => e.color === 'Attention')).toBe(true);
  expect(again.submit.type).toBe('Action.Submit');
  expect(capture.requests.length).toBe(before);
});

test('with no chat of their own with the bot, the person sees the confirmation in the dialog instead', async () => {
  const stranger = { id: '29:user-2', name: 'Sam', aadObjectId: 'aad-user-2' };
  const { submit } = await dialogCard(await fetchTask('remind-message', { from: stranger }));
  const before = capture.requests.length;
  const res = await submitAction({ ...submit.data, what: 'Call Acme back', when: 'tomorrow', date: '' }, { from: stranger });
  const body = await res.json();
  expect(body.task).toEqual({ type: 'message', value: expect.stringContaining('Call Acme back') });
  expect(capture.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
});

test('an action no feature answers, or a malformed one, gets a short message in the dialog', async () => {
  for (const res of [await fetchTask('no-such-action'), await invoke('composeExtension/fetchTask', { commandContext: 'message' })]) {
    expect(res.status).toBe(200);
    expect((await res.json()).task).toEqual({ type: 'message', value: 'This isn’t available yet.' });
  }
});

test('hostile invoke values and message bodies are answered, never with a server error', async () => {
  const rand = seededRandom(7);
  for (let i = 0; i < 150; i++) {
    const name = i % 2 ? 'composeExtension/fetchTask' : 'composeExtension/submitAction';
    const value = i % 3 === 0
      ? hostileValue(rand)
      : { commandId: 'remind-message', commandContext: 'message', messagePayload: { body: { contentType: 'html', content: hostileString(rand) }, linkToMessage: hostileString(rand) }, data: hostileValue(rand) };
    const res = await invoke(name, value as Record<string, unknown>);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
});
