import { createSweeper } from '../../../src/remind';
import { silentLogger } from '../../../src/base/logger';
import type { Clock } from '../../../src/base/clock';
import type { SlackTestApp } from '../../helpers/slack-harness';
import { messageShortcut, startSlackTestApp } from '../../helpers/slack-harness';

// "Remind me about this" from a message's "…" menu, through the real Bolt app and receiver: the
// modal opens prefilled with the message's words, its submission sets a reminder through the same
// view_submission path as every modal, and the reminder, when the sweeper delivers it, links back to
// the message with the permalink Slack gave.

const PERMALINK = 'https://ngo.slack.com/archives/C0001/p1795597100000300';
const MESSAGE = 'Ask <@U0002|jo> about the <https://acme.example/audit|audit report> &amp; the NDA <!here>';

let slack: SlackTestApp;
afterEach(async () => { await slack?.close(); });

function sweeperFor(app: SlackTestApp) {
  let now = Date.parse('2026-11-25T09:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const ctx = app.bot.parts;
  const sweeper = createSweeper({ reminders: ctx.reminders, messages: ctx.reminderMessages, clock, logger: silentLogger, outboxes: { slack: app.mount.outbox! }, render: app.bot.renderDue });
  return { sweep: () => sweeper.sweep(), advance: (ms: number) => { now += ms; } };
}

/** What Slack sends when the modal is submitted: each input block's state, as the renderer named it. */
function submitted(view: any, answers: { what: string; when: string; date?: string }) {
  return {
    type: 'view_submission',
    team: { id: 'T0001', domain: 'ngo' },
    user: { id: 'U0001', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    trigger_id: 'trigger-submit',
    view: {
      id: 'V1', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: 'h',
      state: { values: {
        what: { value: { type: 'plain_text_input', value: answers.what } },
        when: { value: { type: 'radio_buttons', selected_option: { value: answers.when } } },
        date: { value: { type: 'datepicker', selected_date: answers.date ?? null } },
      } },
    },
  };
}

const input = (view: any, id: string) => view.blocks.find((b: any) => b.block_id === id);

test('the shortcut opens the modal prefilled with the message’s words; the reminder it sets links back to the message', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'chat.getPermalink': { body: { ok: true, channel: 'C0001', permalink: PERMALINK } } } });
  const clock = sweeperFor(slack);
  await clock.sweep();

  const res = await slack.interact(messageShortcut(slack.capture, 'remind-message', MESSAGE));
  expect(res.status).toBe(200);
  const [open] = await slack.capture.waitFor('views.open');
  expect(open!.body.trigger_id).toBe('trigger-shortcut-1');
  const view = open!.body.view;
  expect(view).toMatchObject({ type: 'modal', callback_id: 'remind-message' });
  // Slack's link syntax read out: the words the person saw, not <@U…> or &amp;.
  expect(input(view, 'what').element).toMatchObject({ type: 'plain_text_input', initial_value: 'Ask @jo about the audit report & the NDA @here' });
  const [permalink] = slack.capture.of('chat.getPermalink');
  expect(permalink!.body).toMatchObject({ channel: 'C0001', message_ts: '1795597100.000300' });

  const saved = await slack.interact(submitted(view, { what: 'Ask Jo about the audit report', when: '1h' }));
  expect(saved.status).toBe(200);
  expect(await saved.text()).toBe('');
  const [confirmation] = await slack.capture.waitFor('chat.postMessage');
  expect(confirmation!.body.channel).toBe('U0001');
  expect(JSON.stringify(confirmation!.body.blocks ?? confirmation!.body.text)).toContain('Ask Jo about the audit report');

  clock.advance(2 * 60 * 60_000);
  expect(await clock.sweep()).toMatchObject({ sent: 1 });
  const posts = slack.capture.of('chat.postMessage');
  expect(posts).toHaveLength(2);
  const delivered = JSON.stringify(posts[1]!.body.blocks);
  expect(delivered).toContain('Ask Jo about the audit report');
  expect(delivered).toContain(`<${PERMALINK}|`);
  // What the message said never reaches the logs.
  expect(slack.logs()).not.toMatch(/audit report|Ask Jo/);
});

test('without a permalink (Slack refuses it) the modal still opens, and the reminder has no link', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'chat.getPermalink': { body: { ok: false, error: 'channel_not_found' } } } });
  const clock = sweeperFor(slack);
  await clock.sweep();
  await slack.interact(messageShortcut(slack.capture, 'remind-message', 'Follow up on the consultation'));
  const [open] = await slack.capture.waitFor('views.open');
  expect(slack.capture.of('chat.getPermalink')).toHaveLength(1);
  expect(input(open!.body.view, 'what').element.initial_value).toBe('Follow up on the consultation');
  await slack.interact(submitted(open!.body.view, { what: 'Follow up on the consultation', when: '1h' }));
  await slack.capture.waitFor('chat.postMessage');
  clock.advance(2 * 60 * 60_000);
  expect(await clock.sweep()).toMatchObject({ sent: 1 });
  const delivered = JSON.stringify(slack.capture.of('chat.postMessage')[1]!.body.blocks);
  expect(delivered).toContain('Follow up on the consultation');
  expect(delivered).not.toContain('<https://');
});

test('a problem in the modal is shown beside its field and nothing is set', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'chat.getPermalink': { body: { ok: true, permalink: PERMALINK } } } });
  await slack.interact(messageShortcut(slack.capture, 'remind-message', 'Check the transparency report'));
  const [open] = await slack.capture.waitFor('views.open');
  const refused = await slack.interact(submitted(open!.body.view, { what: 'Check the transparency report', when: 'date' }));
  expect(await refused.json()).toEqual({ response_action: 'errors', errors: { date: expect.any(String) } });
  expect(slack.capture.of('chat.postMessage')).toHaveLength(0);
});

test('a shortcut no feature answers is acknowledged quietly; a payload without its channel never reaches Bolt', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'chat.getPermalink': { body: { ok: true, permalink: PERMALINK } } } });
  const unknown = await slack.interact(messageShortcut(slack.capture, 'no-such-shortcut', 'Anything', 2));
  expect(unknown.status).toBe(200);
  expect(await unknown.text()).toBe('');
  const { channel: _gone, ...noChannel } = messageShortcut(slack.capture, 'remind-message', 'Anything', 3);
  const malformed = await slack.interact(noChannel);
  expect(malformed.status).toBe(200);
  await new Promise((r) => setTimeout(r, 100));
  expect(slack.capture.calls.filter((c) => ['views.open', 'chat.postMessage', 'respond'].includes(c.method))).toEqual([]);
  expect(slack.logs()).toContain('unhandled_shape');
});
