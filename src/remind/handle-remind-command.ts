import type { RemindContext } from './remind-context';
import type { IncomingCommand } from '../base/incoming';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { cleanUserText } from '../base/clean-user-text';
import { MAX_REMINDER_TEXT, parseRemindText, type ParseProblem } from './parse-remind-text';
import { ReminderRefused, type RefusalCode } from './create-reminders';
import type { ReminderMessages } from './load-reminder-messages';
import { describeSchedule, REMIND_ACTIONS, whoWords } from './render-reminder';
import { describeInZone, zoneOrUtc } from '../base/zoned-time';

/** `/engage-remind …`: set, list, cancel, help. Times are read in the person's own zone. */
export async function handleRemindCommand(ctx: RemindContext, cmd: IncomingCommand): Promise<Reply> {
  const m = ctx.reminderMessages;
  const zone = zoneOrUtc(cmd.actor.timeZone);
  const now = ctx.clock.now();
  // Cleaning keeps the words and drops invisible characters; a generous cap leaves room for the time.
  const parsed = parseRemindText(cleanUserText(cmd.text, MAX_REMINDER_TEXT + 200).text, zone, now, cmd.channels ?? [], { lang: ctx.lang, words: m.words, english: ctx.englishReminderWords });
  switch (parsed.kind) {
    case 'help':
      return help(m);
    case 'error':
      return problem(m, parsed.reason);
    case 'list':
      return list(ctx, m, cmd);
    case 'cancel': {
      const r = await ctx.reminders.cancel(cmd.actor, parsed.id);
      if (!r.ok) return textReply(fillTemplate(m.problems.notFound, { id: parsed.id }));
      return textReply(fillTemplate(m.cancelled, { what: r.reminder.text }));
    }
    case 'create': {
      const channel = parsed.who.kind === 'channel' ? parsed.who : undefined;
      const target = channel
        ? { platform: cmd.actor.platform, tenantId: cmd.actor.tenantId, channelId: channel.channelId }
        : { platform: cmd.actor.platform, tenantId: cmd.actor.tenantId, userId: cmd.actor.userId };
      // Kept so the echo and the list can say "#policy-team" without another platform call.
      const named = channel?.channelName ? { targetName: channel.channelName } : {};
      const who = whoWords(m, { target, ...named });
      // Checked now: in a channel the bot is not in, the reminder would only fail when it falls due.
      if (channel && cmd.botCanPostIn && !(await cmd.botCanPostIn(channel.channelId))) return textReply(fillTemplate(m.problems.notInChannel, { who }));
      try {
        const { id, dueAt } = await ctx.reminders.create({
          owner: cmd.actor, target, text: parsed.text, dueAt: parsed.dueAt, timeZone: zone, kind: 'reminder',
          ...(parsed.cron ? { cron: parsed.cron } : {}), ...named,
        });
        ctx.logger.info({ event: 'reminder.created', id, recurring: Boolean(parsed.cron), target: parsed.who.kind }, 'reminder created');
        const when = describeInZone(dueAt, zone, now, ctx.lang);
        const said = parsed.cron
          ? fillTemplate(m.setRecurring, { who, what: parsed.text, schedule: describeSchedule(m, parsed.cron, zone), when })
          : fillTemplate(m.set, { who, what: parsed.text, when });
        return { text: said, blocks: [{ type: 'text', text: said }, { type: 'context', text: fillTemplate(m.idLine, { id }) }], visibility: 'private' };
      } catch (err) {
        if (err instanceof ReminderRefused) return refusal(m, err.code, ctx.reminders.maxActivePerUser);
        throw err;
      }
    }
  }
}

function help(m: ReminderMessages): Reply {
  return {
    text: m.help.intro,
    blocks: [{ type: 'heading', text: m.help.heading }, { type: 'text', text: m.help.intro }, { type: 'list', items: m.help.examples }],
    visibility: 'private',
  };
}

function problem(m: ReminderMessages, reason: ParseProblem): Reply {
  if (reason === 'tooLong') return textReply(fillTemplate(m.problems.tooLong, { max: MAX_REMINDER_TEXT }));
  return textReply(m.problems[reason]);
}

export function refusal(m: ReminderMessages, code: RefusalCode, max: number): Reply {
  switch (code) {
    case 'limit': return textReply(fillTemplate(m.problems.limit, { max }));
    case 'tooLong': return textReply(fillTemplate(m.problems.tooLong, { max: MAX_REMINDER_TEXT }));
    case 'past': return textReply(m.problems.past);
    case 'noText': return textReply(m.problems.noText);
    case 'badCron': return textReply(m.problems.badRecurrence);
    default: return textReply(m.problems.noWho);
  }
}

async function list(ctx: RemindContext, m: ReminderMessages, cmd: IncomingCommand): Promise<Reply> {
  const reminders = await ctx.reminders.listActive(cmd.actor);
  if (!reminders.length) return textReply(m.list.empty);
  const now = ctx.clock.now();
  const blocks: Block[] = [{ type: 'heading', text: m.list.heading }];
  for (const r of reminders.slice(0, 40)) {
    blocks.push({ type: 'text', text: fillTemplate(m.list.item, {
      when: describeInZone(new Date(r.dueAt), r.timeZone, now, ctx.lang), what: r.text, id: r.id,
      who: whoWords(m, r),
      repeat: r.cron ? fillTemplate(m.list.repeat, { schedule: describeSchedule(m, r.cron, r.timeZone) }) : '',
    }) });
    blocks.push({ type: 'actions', buttons: [{ action: REMIND_ACTIONS.cancel, label: fillTemplate(m.list.cancelButton, { id: r.id }), value: r.id }] });
  }
  return { text: m.list.heading, blocks, visibility: 'private' };
}
