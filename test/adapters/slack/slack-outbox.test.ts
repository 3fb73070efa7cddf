import type { Block } from '../../../src/base/reply';
import { buttonClick, startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';

let slack: SlackTestApp;
beforeEach(async () => { slack = await startSlackTestApp(); });
afterEach(async () => { await slack.close(); });

const reply = { text: 'Reminder: <!channel> call the company', blocks: [{ type: 'text' as const, text: 'Reminder: <!channel> call the company' }], visibility: 'private' as const };
const dm = { platform: 'slack' as const, tenantId: 'T0001', userId: 'U0001' };

test('a reminder goes to the person’s DM with chat.postMessage, escaped, and returns the message id', async () => {
  const result = await slack.mount.outbox!.send(dm, reply);
  expect(result).toEqual({ ok: true, messageId: 'U0001:1795597200.000100' });
  const [call] = slack.capture.of('chat.postMessage');
  expect(call!.headers.authorization).toBe('Bearer xoxb-test-token');
  expect(call!.body.channel).toBe('U0001');
  expect(call!.body.text).toBe('Reminder: &lt;!channel&gt; call the company');
  expect(call!.body.blocks[0].text.text).toBe('Reminder: &lt;!channel&gt; call the company');
});

test('a channel target posts to the channel', async () => {
  await slack.mount.outbox!.send({ ...dm, channelId: 'C0009' }, reply);
  expect(slack.capture.of('chat.postMessage')[0]!.body.channel).toBe('C0009');
});

test.each([
  ['user_not_found', true],
  ['channel_not_found', true],
  ['account_inactive', true],
  ['token_revoked', true],
  ['not_in_channel', true],
  ['is_archived', true],
  ['internal_error', false],
  ['fatal_error', false],
])('Slack error %s → permanent: %s', async (error, permanent) => {
  slack.capture.answer('chat.postMessage', { body: { ok: false, error } });
  expect(await slack.mount.outbox!.send(dm, reply)).toEqual({ ok: false, permanent, reason: error });
});

test('429 with Retry-After is retryable and says when; the client does not sit and wait', async () => {
  slack.capture.answer('chat.postMessage', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
  const started = Date.now();
  expect(await slack.mount.outbox!.send(dm, reply)).toEqual({ ok: false, permanent: false, reason: 'ratelimited', retryAfterMs: 30_000 });
  expect(Date.now() - started).toBeLessThan(2000);
  expect(slack.capture.of('chat.postMessage')).toHaveLength(1);
});

test('a 5xx is retryable, tried once (the sweeper retries), a network failure too', async () => {
  slack.capture.answer('chat.postMessage', { status: 503, body: { ok: false } });
  expect(await slack.mount.outbox!.send(dm, reply)).toEqual({ ok: false, permanent: false, reason: 'http_503' });
  expect(slack.capture.of('chat.postMessage')).toHaveLength(1);
  await slack.capture.close();
  expect(await slack.mount.outbox!.send(dm, reply)).toMatchObject({ ok: false, permanent: false });
});

test('a target that is not a Slack person or channel is refused permanently', async () => {
  expect(await slack.mount.outbox!.send({ platform: 'teams', tenantId: 'T0001', userId: 'x' }, reply)).toMatchObject({ ok: false, permanent: true, reason: 'bad_target' });
});

test('a long message arrives in pages: a "more" button fetches the next page, only in the same workspace', async () => {
  const blocks: Block[] = Array.from({ length: 70 }, (_, i) => ({ type: 'text', text: `part ${i}` }));
  await slack.mount.outbox!.send(dm, { text: 'long', blocks, visibility: 'private' });
  const first = slack.capture.of('chat.postMessage')[0]!.body.blocks as any[];
  expect(first).toHaveLength(50);
  const more = first[49].elements[0];
  expect(more.text.text).toBe('More');

  const stranger = { ...buttonClick(slack.capture, more.action_id, more.value, 1), team: { id: 'T_OTHER' }, user: { id: 'U0001', team_id: 'T_OTHER' } };
  await slack.interact(stranger);
  const [gone] = await slack.capture.waitFor('respond');
  expect(gone!.body.text).toMatch(/no longer available/);

  await slack.interact(buttonClick(slack.capture, more.action_id, more.value, 2));
  const pages = await slack.capture.waitFor('respond', 2);
  const second = pages[1]!.body.blocks as any[];
  expect(second.map((b) => b.text.text)).toEqual(Array.from({ length: 22 }, (_, i) => `part ${48 + i}`));
});
