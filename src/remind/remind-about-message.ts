import type { RemindContext } from './remind-context';
import type { IncomingShortcut, IncomingSubmission } from '../base/incoming';
import type { SubmissionResult } from '../base/feature';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { cleanUserText } from '../base/clean-user-text';
import { dayAtHour, describeInZone, isCalendarDay, zoneOrUtc } from '../base/zoned-time';
import { MAX_REMINDER_TEXT } from './parse-remind-text';
import { isLink, ReminderRefused } from './create-reminders';
import { MORNING_HOUR, SNOOZES, type Snooze } from './render-reminder';
import { snoozeUntil } from './handle-remind-action';
import { refusal } from './handle-remind-command';

// "Remind me about this" on a message (Slack message shortcut, Teams message action): a short form,
// prefilled with the message's words, and a reminder that links back to the message.

export const MESSAGE_FORM_ID = 'remind-message';
const ON_DATE = 'date';

export function remindAboutMessage(ctx: RemindContext, shortcut: IncomingShortcut): Promise<Reply> {
  const f = ctx.reminderMessages.messageForm;
  const d = ctx.reminderMessages.delivery;
  const words = cleanUserText(shortcut.message.text, MAX_REMINDER_TEXT).text;
  const link = typeof shortcut.message.link === 'string' && isLink(shortcut.message.link) ? shortcut.message.link : '';
  return Promise.resolve({
    text: f.title, blocks: [], visibility: 'private',
    form: {
      id: MESSAGE_FORM_ID, title: f.title, submitLabel: f.submit, intro: f.intro, metadata: link,
      fields: [
        { id: 'what', label: f.whatLabel, kind: 'textarea', maxLength: MAX_REMINDER_TEXT, ...(words ? { initial: words } : {}) },
        {
          id: 'when', label: f.whenLabel, kind: 'choice', initial: 'tomorrow',
          options: [{ value: '1h', label: d.snoozeHour }, { value: 'tomorrow', label: d.snoozeTomorrow }, { value: 'week', label: d.snoozeWeek }, { value: ON_DATE, label: f.onDate }],
        },
        { id: 'date', label: f.dateLabel, kind: 'date', optional: true },
      ],
    },
  });
}

/** The date field's day at nine in the person's zone, or why not. */
function readWhen(ctx: RemindContext, values: IncomingSubmission['values'], zone: string, now: Date): { at: Date } | { errors: Record<string, string> } {
  const f = ctx.reminderMessages.messageForm;
  const when = typeof values.when === 'string' ? values.when : '';
  if (SNOOZES.includes(when as Snooze)) return { at: snoozeUntil(when as Snooze, now, zone) };
  if (when !== ON_DATE) return { errors: { when: f.needDate } };
  const date = typeof values.date === 'string' ? values.date.trim() : '';
  if (!isCalendarDay(date)) return { errors: { date: f.needDate } };
  const at = dayAtHour(date, MORNING_HOUR, zone);
  return at <= now ? { errors: { date: f.pastDate } } : { at };
}

export async function handleMessageReminder(ctx: RemindContext, submission: IncomingSubmission): Promise<SubmissionResult> {
  const m = ctx.reminderMessages;
  const actor = submission.actor;
  const zone = zoneOrUtc(actor.timeZone);
  const now = ctx.clock.now();
  const what = cleanUserText(typeof submission.values.what === 'string' ? submission.values.what : '', MAX_REMINDER_TEXT);
  const when = readWhen(ctx, submission.values, zone, now);
  const errors = { ...(what.hasWords ? {} : { what: m.messageForm.noText }), ...(what.trimmed ? { what: m.problems.tooLong } : {}), ...('errors' in when ? when.errors : {}) };
  if (Object.keys(errors).length || 'errors' in when) return { errors };
  const link = typeof submission.metadata === 'string' && isLink(submission.metadata) ? submission.metadata : undefined;
  try {
    await ctx.reminders.create({
      owner: actor, target: { platform: actor.platform, tenantId: actor.tenantId, userId: actor.userId },
      text: what.text, dueAt: when.at, timeZone: zone, ...(link ? { link } : {}),
    });
  } catch (err) {
    if (err instanceof ReminderRefused) return { reply: refusal(m, err.code, ctx.reminders.maxActivePerUser) };
    throw err;
  }
  return { reply: textReply(fillTemplate(m.set, { who: m.whoMe, when: describeInZone(when.at, zone, now, ctx.lang), what: what.text })) };
}
