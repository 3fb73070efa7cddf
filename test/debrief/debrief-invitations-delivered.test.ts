import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { readSlackLinks } from '../../adapters/slack/read-slack-links';
import { answers, buttonsOf } from '../helpers/debrief-fixtures';
import { createSweeper } from '../../src/remind/deliver-due-reminders';
import { silentLogger } from '../../src/base/logger';
import type { Clock } from '../../src/base/clock';
import type { DeliveryTarget } from '../../src/base/outbox';
import type { Reply } from '../../src/base/reply';

/** A test bot and the real sweeper over its reminders, delivering into a list. */
function botWithSweeper(clock: Clock) {
  const t = makeTestBot({ clock });
  const sent: { target: DeliveryTarget; reply: Reply }[] = [];
  const ctx = t.bot.parts;
  const sweeper = createSweeper({
    reminders: ctx.reminders, messages: ctx.reminderMessages, clock, logger: silentLogger,
    outboxes: { slack: { send: async (target, reply) => { sent.push({ target, reply }); return { ok: true, messageId: `m${sent.length}` }; } } },
    render: t.bot.renderDue,
  });
  return { t, ctx, sent, sweeper };
}

// Debrief invitations travel through the real reminder service and sweeper; what they say is
// decided at delivery time, so someone who already answered is not invited again.

test('invitations are delivered by the sweeper with an answer button; who already answered gets none', async () => {
  let now = Date.parse('2026-11-25T09:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const { t, ctx, sent, sweeper } = botWithSweeper(clock);

  await sweeper.sweep(); // as the scheduler does at start-up: the sweep position starts here

  const { form } = await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', ...readSlackLinks('Acme consultation with <@U0002> <@U0003>') });
  const submitted = await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4']), metadata: form!.metadata });
  expect(JSON.stringify(submitted)).toContain('sent a private debrief to 2 people');
  // U0003 answers before the invitation goes out (they heard about it in the meeting).
  const jo = { ...slackActor, userId: 'U0003' };
  const debriefId = (await ctx.debriefs.forUser(slackActor))[0]!.id;
  const opened = await t.bot.handleAction({ actor: jo, action: 'debrief.open', value: debriefId });
  await t.bot.handleSubmission({ actor: jo, formId: 'debrief', values: answers(['3', '3', '3', '3', '3', '3', '3', '3', '3', '3']), metadata: opened!.form!.metadata });

  now += 2 * 60_000;
  expect(await sweeper.sweep()).toMatchObject({ sent: 1, skipped: 1 });
  expect(sent.map((s) => s.target.userId)).toEqual(['U0002']);
  const [button] = buttonsOf(sent[0]!.reply);
  expect(button).toMatchObject({ action: 'debrief.open', value: debriefId });
  expect(sent[0]!.reply.text).toContain('Acme');
  await t.close();
});

test('a scheduled debrief reaches each participant when the meeting ends, in their time zone, and not before', async () => {
  let now = Date.parse('2026-11-25T09:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const { t, sent, sweeper } = botWithSweeper(clock);
  await sweeper.sweep();
  // slackActor is in Africa/Nairobi (UTC+3): 15:00-16:00 tomorrow ends at 13:00 UTC.
  const scheduled = await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', ...readSlackLinks('schedule Acme consultation tomorrow 15:00-16:00 with <@U0002>') });
  expect(scheduled.text).toMatch(/Acme/);
  now = Date.parse('2026-11-26T12:58:00Z');
  await sweeper.sweep();
  expect(sent).toHaveLength(0);
  now = Date.parse('2026-11-26T13:01:00Z');
  await sweeper.sweep();
  expect(sent.map((s) => s.target.userId).sort()).toEqual(['U0001', 'U0002']);
  expect(buttonsOf(sent[0]!.reply)[0]).toMatchObject({ action: 'debrief.open' });
  await t.close();
});
