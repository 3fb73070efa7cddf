import { slackActor } from '../../helpers/make-test-bot';
import { startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';

// A channel reminder needs the bot in that channel. Slack is asked when the reminder is set, so the
// person hears it at once (with how to fix it), not when the reminder quietly fails weeks later.

let slack: SlackTestApp | undefined;
afterEach(async () => { await slack?.close(); slack = undefined; });

const SET = '<#C0PT|policy-team> to send Acme the revised asks tomorrow at 10am';
const waiting = () => slack!.bot.parts.reminders.listActive(slackActor);

test('a public channel the bot is not in: refused at once with how to invite it, nothing stored', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'conversations.info': { body: { ok: true, channel: { id: 'C0PT', is_member: false } } } } });
  const body = await (await slack.command('/engage-remind', SET)).json();
  expect(body.response_type).toBe('ephemeral');
  expect(body.text).toBe('I’m not in #policy-team, so a reminder there would never arrive. Type “/invite @engage-bot” in #policy-team, then set the reminder again. Nothing was saved.');
  expect(slack.capture.of('conversations.info')[0]!.body).toMatchObject({ channel: 'C0PT' });
  expect(await waiting()).toEqual([]);
});

test('a private channel the bot cannot see (channel_not_found) is refused the same way', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'conversations.info': { body: { ok: false, error: 'channel_not_found' } } } });
  const body = await (await slack.command('/engage-remind', SET)).json();
  expect(body.text).toMatch(/“\/invite @engage-bot” in #policy-team/);
  expect(await waiting()).toEqual([]);
});

test('a channel the bot is in, or one Slack cannot tell about, is set as before', async () => {
  slack = await startSlackTestApp({ apiAnswers: { 'conversations.info': { body: { ok: true, channel: { id: 'C0PT', is_member: true } } } } });
  expect(JSON.stringify(await (await slack.command('/engage-remind', SET)).json())).toMatch(/I’ll remind #policy-team “send Acme the revised asks”/);
  // A workspace that installed the app before it asked for channels:read: the reminder is kept.
  slack.capture.answer('conversations.info', { body: { ok: false, error: 'missing_scope', needed: 'channels:read' } });
  await slack.command('/engage-remind', '<#C0XY|ally-chat> to call our ally tomorrow at 11am');
  expect((await waiting()).map((r) => r.target.channelId)).toEqual(['C0PT', 'C0XY']);
  // A reminder for yourself asks Slack nothing.
  await slack.command('/engage-remind', 'me to call Acme tomorrow at 9am');
  expect(slack.capture.of('conversations.info')).toHaveLength(2);
});
