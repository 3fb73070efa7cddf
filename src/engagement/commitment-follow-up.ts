import type { EngagementContext } from './engagement-context';
import type { Actor, IncomingSubmission } from '../base/incoming';
import type { DueItem, SubmissionResult } from '../base/feature';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { describeDay, describeInZone, zoneOrUtc } from '../base/zoned-time';
import { REMIND_ACTIONS } from '../remind';
import { RECORD_LIMITS, TEXT_LIMITS, type Commitment, type CompanyRecord, type Outcome } from './company-record';
import { canSee } from './engagement-access';
import { commitmentRef, ENGAGEMENT_ACTIONS, readRef } from './engagement-actions';
import { formReader } from './form-values';
import { followUpCommitment, followUpTime } from './follow-up-commitment';

// A commitment's follow-up: "Acme said it would publish the audit by 31 January: has it?", with
// Delivered / Snooze / Log outcome. What is logged closes the commitment or keeps it open (and a
// closed one can be reopened), in the company's record and on the reminder alike.

export const OUTCOME_FORM_ID = 'commitment-outcome';
const DELIVERED = ['yes', 'partly', 'no'] as const;

/** The commitment a button or form names, when the person may see it. */
async function findCommitment(ctx: EngagementContext, actor: Actor, value: string) {
  const ref = readRef(value);
  const record = ref && (await ctx.engagements.get(actor, ref.recordId));
  const commitment = record?.commitments.find((c) => c.id === ref!.itemId);
  if (!record || !commitment || !canSee(record, commitment, commitment.recordedBy, actor.userId)) return undefined;
  return { record, commitment, reminderId: ref!.reminderId };
}

/** The delivered follow-up, rendered from the record: a commitment closed meanwhile is not asked about. */
export async function renderCommitmentDue(ctx: EngagementContext, item: DueItem): Promise<Reply | undefined> {
  const found = await findCommitment(ctx, item.recipient, item.ref);
  if (!found || found.commitment.status !== 'open') return undefined;
  const { record, commitment } = found;
  const c = ctx.engagementPrompts.commitment;
  const d = ctx.reminderDelivery;
  const zone = zoneOrUtc(item.recipient.timeZone);
  const now = ctx.clock.now();
  const question = commitment.due
    ? fillTemplate(c.dueQuestion, { company: record.company, what: commitment.text, due: describeDay(commitment.due, zone, now, ctx.lang) })
    : fillTemplate(c.openQuestion, { company: record.company, what: commitment.text });
  const blocks: Block[] = [{ type: 'heading', text: fillTemplate(c.heading, { company: record.company }) }, { type: 'text', text: question }];
  const meeting = record.meetings.find((m) => m.id === commitment.meetingId);
  if (meeting?.title) blocks.push({ type: 'context', text: fillTemplate(c.fromMeeting, { meeting: meeting.title }) });
  if (commitment.link) blocks.push({ type: 'link', text: ctx.engagementPrompts.note.linkText, url: commitment.link });
  const ref = commitmentRef(record, commitment, item.id);
  blocks.push({
    type: 'actions',
    buttons: [
      { action: ENGAGEMENT_ACTIONS.delivered, label: c.delivered, value: ref, style: 'primary' },
      { action: REMIND_ACTIONS.snooze, label: d.snoozeHour, value: `${item.id}|1h` },
      { action: REMIND_ACTIONS.snooze, label: d.snoozeTomorrow, value: `${item.id}|tomorrow` },
      { action: REMIND_ACTIONS.snooze, label: d.snoozeWeek, value: `${item.id}|week` },
      { action: ENGAGEMENT_ACTIONS.outcome, label: c.logOutcome, value: ref },
    ],
  });
  return { text: question, blocks, visibility: 'channel' };
}

/** Delivered / Log outcome / Reopen. */
export async function handleCommitmentAction(ctx: EngagementContext, actor: Actor, action: string, value: string): Promise<Reply> {
  const e = ctx.engagementPrompts.errors;
  const c = ctx.engagementPrompts.commitment;
  const found = await findCommitment(ctx, actor, value);
  if (!found) return textReply(e.unknownRecord);
  const { record, commitment, reminderId } = found;
  if (action === ENGAGEMENT_ACTIONS.delivered) return logOutcome(ctx, actor, record, commitment, reminderId, { delivered: 'yes', text: '' });
  if (action === ENGAGEMENT_ACTIONS.reopen) return logOutcome(ctx, actor, record, commitment, reminderId, { delivered: 'no', text: '' });
  return {
    text: c.formTitle, blocks: [], visibility: 'private',
    form: {
      id: OUTCOME_FORM_ID, title: c.formTitle, submitLabel: c.submit, metadata: commitmentRef(record, commitment, reminderId),
      intro: fillTemplate(c.formIntro, { company: record.company, what: commitment.text }),
      fields: [
        { id: 'delivered', label: c.deliveredLabel, kind: 'choice', options: DELIVERED.map((v) => ({ value: v, label: c.deliveredOptions[v] })) },
        { id: 'outcome', label: c.outcomeLabel, kind: 'textarea', optional: true, placeholder: c.outcomePlaceholder, maxLength: TEXT_LIMITS.outcome },
        { id: 'again', label: c.againLabel, kind: 'date', optional: true },
      ],
    },
  };
}

export async function handleOutcomeSubmission(ctx: EngagementContext, submission: IncomingSubmission): Promise<SubmissionResult> {
  const found = await findCommitment(ctx, submission.actor, String(submission.metadata ?? ''));
  if (!found) return { reply: textReply(ctx.engagementPrompts.errors.unknownRecord) };
  const read = formReader(ctx.engagementPrompts, submission);
  const delivered = read.choice('delivered', DELIVERED, true) as Outcome['delivered'] | undefined;
  const text = read.text('outcome', TEXT_LIMITS.outcome) ?? '';
  const again = read.date('again', ctx.clock.now(), zoneOrUtc(submission.actor.timeZone));
  if (Object.keys(read.errors).length) return { errors: read.errors };
  return { reply: await logOutcome(ctx, submission.actor, found.record, found.commitment, found.reminderId, { delivered: delivered!, text, ...(again ? { again } : {}) }) };
}

/** Delivered closes the commitment and its reminder; anything else keeps it (or makes it) open, with a next check when asked. */
async function logOutcome(ctx: EngagementContext, actor: Actor, record: CompanyRecord, commitment: Commitment, reminderId: string | undefined, o: { delivered: Outcome['delivered']; text: string; again?: string }): Promise<Reply> {
  const c = ctx.engagementPrompts.commitment;
  const closed = o.delivered === 'yes';
  const wasClosed = commitment.status === 'closed';
  const outcome: Outcome = { at: ctx.clock.now().toISOString(), by: actor.userId, delivered: o.delivered, text: o.text };
  const saved = await ctx.engagements.edit(actor, record.id, (r) => ({
    ...r,
    commitments: r.commitments.map((x) => (x.id === commitment.id ? { ...x, status: closed ? 'closed' : 'open', outcomes: [...x.outcomes, outcome].slice(-RECORD_LIMITS.outcomes) } : x)),
  }));
  if (!saved) return textReply(ctx.engagementPrompts.errors.unknownRecord);
  const values = { company: record.company, what: commitment.text };
  const lines = [fillTemplate(closed ? c.closed : wasClosed ? c.reopened : c.kept, values)];
  // The reminder keeps the same story: the outcome logged on it, done once the commitment is closed.
  const mine = reminderId ?? commitment.reminders.find((x) => x.by === actor.userId)?.id;
  if (mine && o.text) await ctx.reminders.logOutcome(actor, mine, o.text).catch(() => undefined);
  if (closed) {
    // The one clicked on is done; any other still waiting has nothing left to ask (others' reminders
    // are theirs to close, and are skipped when they fall due: the commitment is closed).
    if (mine) await ctx.reminders.markDone(actor, mine).catch(() => undefined);
    for (const r of commitment.reminders.filter((x) => x.by === actor.userId && x.id !== mine)) await ctx.reminders.cancel(actor, r.id).catch(() => undefined);
  } else if (o.again) {
    const zone = zoneOrUtc(actor.timeZone);
    const set = await followUpCommitment(ctx, actor, saved, saved.commitments.find((x) => x.id === commitment.id)!, followUpTime(ctx, o.again, zone));
    lines.push(set ? fillTemplate(c.nextCheck, { when: describeInZone(set.dueAt, zone, ctx.clock.now(), ctx.lang) }) : ctx.engagementPrompts.errors.reminderFailed);
  }
  ctx.logger.info({ event: 'engagement.outcome', record: record.id, closed }, 'commitment outcome logged');
  return textReply(lines.join('\n'));
}
