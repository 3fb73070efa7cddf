import { existsSync, readFileSync } from 'node:fs';
import { movableClock, prepAnswers } from '../../helpers/engagement-journey';
import { startSlackTestApp, viewSubmission, type SlackTestApp } from '../../helpers/slack-harness';

// Where a modal's answer goes. A modal opened by a slash command answers in the conversation where
// the command was typed, through that command's response_url, which the adapter keeps sealed
// server-side with the modal. When the address cannot be used — refused, out of reach, past Slack's
// half hour, or submitted by someone else — the answer goes to the submitter's DM, as for any other modal.

let slack: SlackTestApp;
afterEach(async () => { await slack?.close(); });

const time = movableClock('2026-11-25T09:00:00Z');
beforeEach(() => time.set('2026-11-25T09:00:00Z'));

/** /engage-prep typed in a channel; the modal it opened, as views.open received it. */
async function openPrep(app: SlackTestApp, extra: Record<string, string> = {}) {
  const n = app.capture.of('views.open').length + 1;
  await app.command('/engage-prep', 'Acme check-in', extra);
  return (await app.capture.waitFor('views.open', n))[n - 1]!.body.view;
}

/** The bot's SQLite database as text, its write-ahead log included. */
const databaseText = (file: string) => [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');

const briefIn = (call: { body: Record<string, any> } | undefined) => JSON.stringify(call?.body.blocks ?? '');

test('the response_url is never in the modal: private_metadata holds a sealed reference only', async () => {
  slack = await startSlackTestApp();
  const view = await openPrep(slack);
  expect(view.private_metadata).toMatch(/^r:[^:]+$/);
  expect(view.private_metadata).not.toContain('127.0.0.1');
  expect(view.private_metadata).not.toContain('respond');
  // Nor is it stored in clear: the database holds the overflow store's sealed value.
  const stored = databaseText(slack.dbFile);
  expect(stored).toContain('reply-overflow');
  expect(stored).not.toContain('/respond/1');
});

test.each([
  ['expired_url', { status: 404, body: 'expired_url' }],
  ['used_url', { status: 200, body: { ok: false, error: 'used_url' } }],
])('Slack refuses the response_url (%s): the brief goes to the DM', async (reason, answer) => {
  slack = await startSlackTestApp();
  slack.capture.answer('respond', answer);
  const view = await openPrep(slack);
  await slack.interact(viewSubmission(view, prepAnswers()));
  const [dm] = await slack.capture.waitFor('chat.postMessage');
  expect(slack.capture.of('respond').map((c) => c.path)).toEqual(['/respond/1']);
  expect(dm!.body.channel).toBe('U0001');
  expect(briefIn(dm)).toContain('Brief: Acme, check-in');
  expect(slack.logs()).toContain(`"reason":"${reason}"`);
  // The address is a key to the conversation: it never reaches the logs.
  expect(slack.logs()).not.toContain('/respond/1');
});

test('the response_url is out of reach: the brief goes to the DM', async () => {
  slack = await startSlackTestApp();
  const view = await openPrep(slack, { response_url: 'http://127.0.0.1:1/respond/unreachable' });
  await slack.interact(viewSubmission(view, prepAnswers()));
  const [dm] = await slack.capture.waitFor('chat.postMessage');
  expect(dm!.body.channel).toBe('U0001');
  expect(briefIn(dm)).toContain('Brief: Acme, check-in');
});

test('submitted after Slack’s half hour: the DM, without trying the stale address', async () => {
  slack = await startSlackTestApp({ clock: time.clock });
  const view = await openPrep(slack);
  time.set('2026-11-25T09:28:00Z');
  const later = await openPrep(slack);
  await slack.interact(viewSubmission(later, prepAnswers({ goal: 'still in time' })));
  const [inTime] = await slack.capture.waitFor('respond');
  expect(inTime!.path).toBe('/respond/2');

  time.set('2026-11-25T09:31:00Z');
  await slack.interact(viewSubmission(view, prepAnswers()));
  const [dm] = await slack.capture.waitFor('chat.postMessage');
  expect(dm!.body.channel).toBe('U0001');
  expect(briefIn(dm)).toContain('Brief: Acme, check-in');
  expect(slack.capture.of('respond').map((c) => c.path)).toEqual(['/respond/2']);
});

test('a modal submitted by someone other than the person who typed the command answers in the submitter’s DM', async () => {
  slack = await startSlackTestApp();
  const view = await openPrep(slack);
  await slack.interact(viewSubmission(view, prepAnswers(), 'U0002'));
  const [dm] = await slack.capture.waitFor('chat.postMessage');
  expect(dm!.body.channel).toBe('U0002');
  expect(slack.capture.of('respond')).toEqual([]);
});
