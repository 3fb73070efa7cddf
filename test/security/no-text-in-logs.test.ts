import { PassThrough } from 'node:stream';
import { readSlackLinks } from '../../adapters/slack/read-slack-links';
import { createLogger } from '../../src/base/logger';
import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import type { Reply } from '../../src/base/reply';
import type { Clock } from '../../src/base/clock';
import { createSweeper, type SweepReport } from '../../src/remind/deliver-due-reminders';
import { startSlackTestApp } from '../helpers/slack-harness';
import type { Reminder } from '../../src/remind/reminder-store';

// What people type, answer and hold as secrets never reaches the logs, at any level. Marker strings
// are planted in every input of every flow the bot has, at debug level, and searched for afterwards.

const MARKER = 'ZQXMARKER7731';

describe('logs', () => {
  test('no message text, answer or value reaches the logs at debug level', async () => {
    const sink = new PassThrough();
    let logs = '';
    sink.on('data', (d) => { logs += d.toString(); });
    const t = makeTestBot({ logger: createLogger('debug', sink) });
    const seen: Reply[] = [];
    const { catalog } = t.bot.parts;

    for (const command of catalog) {
      for (const example of command.examples) seen.push(await t.bot.handleCommand({ actor: slackActor, command: command.name, text: `${example} ${MARKER}` }));
      seen.push(await t.bot.handleCommand({ actor: slackActor, command: command.name, text: MARKER }));
      seen.push(await t.bot.handleCommand({ actor: slackActor, command: command.name, text: `${MARKER}`.repeat(500) }));
    }
    seen.push(await t.bot.handleCommand({ actor: slackActor, command: MARKER, text: MARKER }));
    for (const reply of [...seen]) {
      for (const block of reply.blocks) {
        if (block.type !== 'actions') continue;
        for (const button of block.buttons) {
          const answer = await t.bot.handleAction({ actor: slackActor, action: button.action, value: button.value });
          if (answer) seen.push(answer);
          await t.bot.handleAction({ actor: slackActor, action: button.action, value: `${button.value}${MARKER}` });
        }
      }
      if (reply.form) {
        const values = Object.fromEntries(reply.form.fields.map((f) => [f.id, f.options?.[0]?.value ?? `${MARKER} answer`]));
        await t.bot.handleSubmission({ actor: slackActor, formId: reply.form.id, values, metadata: reply.form.metadata });
        await t.bot.handleSubmission({ actor: slackActor, formId: reply.form.id, values: Object.fromEntries(reply.form.fields.map((f) => [f.id, MARKER])), metadata: MARKER });
      }
    }
    await t.bot.home(slackActor);
    await t.close();

    expect(logs.length).toBeGreaterThan(0); // debug logging really ran
    expect(logs).not.toContain(MARKER);
  });

  test('reminder delivery: no reminder text, channel name, outcome or debrief words reach the logs', async () => {
    const sink = new PassThrough();
    let logs = '';
    sink.on('data', (d) => { logs += d.toString(); });
    const logger = createLogger('debug', sink);
    let now = Date.parse('2026-11-25T09:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const t = makeTestBot({ logger, clock });
    // The real Slack outbox (Bolt's Web API client, the adapter's own logging) in front of a stand-in
    // for Slack that delivers, refuses a channel for good, rate-limits one and fails for one person.
    const slack = await startSlackTestApp();
    slack.capture.answer('chat.postMessage', (call) => {
      if (call.body.channel === 'C0GONE') return { body: { ok: false, error: 'channel_not_found' } };
      if (call.body.channel === 'C0BUSY') return { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } };
      if (call.body.channel === 'U0002') return { status: 500, body: { ok: false } };
      return { body: { ok: true, channel: call.body.channel, ts: '1795597200.000100' } };
    });
    const ctx = t.bot.parts;
    const book = ctx.reminders;
    const command = (name: string, text: string) => t.bot.handleCommand({ actor: slackActor, command: name, ...readSlackLinks(text) });
    await command('engage-remind', `me to ask ${MARKER} about the audit in 2 minutes`);
    await command('engage-remind', `<#C0GONE|${MARKER}-team> to post ${MARKER} asks in 2 minutes`);
    await command('engage-remind', `<#C0BUSY|busy> to chase ${MARKER} in 2 minutes`);
    await command('engage-remind', `me every day at 9am to check ${MARKER} inbox`);
    await command('engage-debrief', `schedule ${MARKER}Corp ${MARKER} board tomorrow 15:00-16:00 with <@U0002>`);
    const sweeper = createSweeper({ reminders: book, messages: ctx.reminderMessages, clock, logger, outboxes: { slack: slack.mount.outbox! }, render: t.bot.renderDue });
    const total: SweepReport = { batches: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
    const sweep = async () => { for (const [k, v] of Object.entries(await sweeper.sweep())) total[k as keyof SweepReport] += v; };

    now += 3 * 60_000;
    await sweep();
    const delivered = (await book.personalData.export(slackActor) as Reminder[]).find((r) => r.status === 'sent' && r.target.userId);
    await t.bot.handleSubmission({ actor: slackActor, formId: 'remind-outcome', values: { outcome: `${MARKER} replied` }, metadata: delivered!.id });
    await t.bot.handleAction({ actor: slackActor, action: 'remind.snooze', value: `${delivered!.id}|1h` });
    now = Date.parse('2026-11-26T13:05:00Z'); // after the daily 09:00, the snooze and the meeting's end
    await sweep();
    await t.close();
    await slack.close();

    // Every path ran: sent (the reminder, its snooze, the daily one, the starter's invitation),
    // retried (the busy channel twice, the invitation Slack failed on), failed (the gone channel,
    // whose owner was told by direct message).
    expect(total).toMatchObject({ sent: 4, retried: 3, failed: 1 });
    for (const event of ['reminder.sent', 'reminder.retry', 'reminder.failed']) expect(logs).toContain(`"event":"${event}"`);
    expect(slack.logs()).toContain('slack.outbox.failed');
    expect(logs).not.toContain(MARKER);
    expect(slack.logs()).not.toContain(MARKER);
  });
});
