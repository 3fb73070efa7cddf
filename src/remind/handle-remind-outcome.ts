import type { RemindContext } from './remind-context';
import type { IncomingSubmission } from '../base/incoming';
import type { SubmissionResult } from '../base/feature';
import { textReply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { cleanUserText } from '../base/clean-user-text';

/** "Log outcome": what came of the follow-up, stored with the reminder (and its debrief, via `ref`). */
export async function handleRemindOutcome(ctx: RemindContext, submission: IncomingSubmission): Promise<SubmissionResult> {
  const m = ctx.reminderMessages;
  const raw = submission.values.outcome;
  const text = cleanUserText(Array.isArray(raw) ? raw.join(' ') : raw, 1000);
  if (!text.hasWords) return { errors: { outcome: m.outcomeForm.empty } };
  const r = await ctx.reminders.logOutcome(submission.actor, String(submission.metadata).slice(0, 16), text.text);
  if (!r.ok) return { reply: textReply(r.why === 'notYours' ? m.problems.notYours : m.after.noLongerActive) };
  ctx.logger.info({ event: 'reminder.outcome', id: r.reminder.id }, 'reminder outcome logged');
  return { reply: textReply(fillTemplate(m.after.outcomeSaved, { what: r.reminder.text })) };
}
