import type { RemindContext } from './remind-context';
import type { IncomingAction } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { ReminderRefused, type Lookup } from './create-reminders';
import { OUTCOME_FORM_ID, REMIND_ACTIONS, SNOOZES, whoWords, type Snooze } from './render-reminder';
import { dayAtHour, describeInZone, toWallTime, zoneOrUtc } from '../base/zoned-time';
import { MORNING_HOUR } from './render-reminder';
import { refusal } from './handle-remind-command';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** When a snooze ends: an hour from now, or nine in the morning tomorrow / a week from today, local time. */
export function snoozeUntil(choice: Snooze, now: Date, zone: string): Date {
  if (choice === '1h') return new Date(Math.ceil((now.getTime() + HOUR) / 60_000) * 60_000);
  const days = choice === 'tomorrow' ? 1 : 7;
  const local = toWallTime(now, zone);
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return dayAtHour(d.toISOString().slice(0, 10), MORNING_HOUR, zone);
}

/** Buttons on a delivered reminder and on the list. Only the person who set a reminder can change it. */
export async function handleRemindAction(ctx: RemindContext, action: IncomingAction): Promise<Reply | undefined> {
  const m = ctx.reminderMessages;
  const [id = '', choice] = action.value.split('|');
  const lost = (l: Lookup & { ok: false }) => textReply(l.why === 'notYours' ? m.problems.notYours : fillTemplate(m.problems.notFound, { id: id.slice(0, 16) }));
  const now = ctx.clock.now();

  switch (action.action) {
    case REMIND_ACTIONS.done: {
      const r = await ctx.reminders.markDone(action.actor, id);
      return r.ok ? textReply(fillTemplate(m.after.done, { what: r.reminder.text })) : lost(r);
    }
    case REMIND_ACTIONS.snooze: {
      if (!SNOOZES.includes(choice as Snooze)) return undefined;
      const found = await ctx.reminders.find(action.actor, id);
      if (!found.ok) return lost(found);
      const zone = zoneOrUtc(found.reminder.timeZone);
      try {
        const r = await ctx.reminders.snooze(action.actor, id, snoozeUntil(choice as Snooze, now, zone));
        if (!r.ok) return lost(r);
        return textReply(fillTemplate(m.after.snoozed, { who: whoWords(m, r.reminder), when: describeInZone(new Date(r.reminder.dueAt), zone, now, ctx.lang) }));
      } catch (err) {
        if (err instanceof ReminderRefused) return refusal(m, err.code, ctx.reminders.maxActivePerUser);
        throw err;
      }
    }
    case REMIND_ACTIONS.stop:
    case REMIND_ACTIONS.cancel: {
      const r = await ctx.reminders.cancel(action.actor, id);
      if (!r.ok) return lost(r);
      return textReply(fillTemplate(action.action === REMIND_ACTIONS.stop ? m.after.stopped : m.cancelled, { what: r.reminder.text }));
    }
    case REMIND_ACTIONS.outcome: {
      const found = await ctx.reminders.find(action.actor, id);
      if (!found.ok) return lost(found);
      const f = m.outcomeForm;
      return {
        text: f.title, blocks: [], visibility: 'private',
        form: {
          id: OUTCOME_FORM_ID, title: f.title, submitLabel: f.submit, intro: f.intro, metadata: found.reminder.id,
          fields: [{ id: 'outcome', label: f.label, kind: 'textarea', placeholder: f.placeholder, maxLength: 1000 }],
        },
      };
    }
    default:
      return undefined;
  }
}
