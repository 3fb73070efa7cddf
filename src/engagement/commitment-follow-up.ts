import type { EngagementContext } from './engagement-context';
import type { Actor, IncomingSubmission } from '../base/incoming';
import type { DueItem, SubmissionResult } from '../base/feature';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { zoneOrUtc } from '../base/zoned-time';
import { snoozeButtons } from '../remind';
import { RECORD_LIMITS, TEXT_LIMITS, type Commitment, type CompanyRecord, type Outcome } from './company-record';
import { canSee } from './engagement-access';
import { commitmentRef, ENGAGEMENT_ACTIONS, readRef } from './engagement-actions';
import { formReader } from './form-values';
import { commitmentQuestion, followUps, stopFollowUps } from './follow-up-commitment';

// A commitment's follow-up, with Delivered / Snooze / Log outcome. What is logged closes the
// commitment or keeps it open (a closed one can be reopened), in the company's record and on the
// person's reminders alike; an open commitment always has a next follow-up.

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
  const question = commitmentQuestion(ctx, record, commitment, zoneOrUtc(item.recipient.timeZone));
  const blocks: Block[] = [{ type: 'heading', text: fillTemplate(c.heading, { company: record.company }) }, { type: 'text', text: question }];
  const meeting = record.meetings.find((m) => m.id === commitment.meetingId);
  if (meeting?.title) blocks.push({ type: 'context', text: fillTemplate(c.fromMeeting, { meeting: meeting.title }) });
  if (commitment.link) blocks.push({ type: 'link', text: ctx.engagementPrompts.note.linkText, url: commitment.link });
  const ref = commitmentRef(record, commitment, item.id);
  blocks.push({
    type: 'actions',
    buttons: [
      { action: ENGAGEMENT_ACTIONS.delivered, label: c.delivered, value: ref, style: 'primary' },
      ...snoozeButtons(ctx.reminderDelivery, item.id),
      { action: ENGAGEMENT_ACTIONS.outcome, label: c.logOutcome, value: ref },
    ],
  });
  return { text: question, blocks, visibility: 'channel' };
}

/** Delivered / Log outcome / Reopen. */
export async function handleCommitmentAction(ctx: EngagementContext, actor: Actor, action: string, value: string): Promise<Reply> {
  const c = ctx.engagementPrompts.commitment;
  const found = await findCommitment(ctx, actor, value);
  if (!found) return textReply(ctx.engagementPrompts.errors.unknownRecord);
  const { record, commitment, reminderId } = found;
  if (action === ENGAGEMENT_ACTIONS.delivered) return logOutcome(ctx, actor, found, { delivered: 'yes', text: '' });
  if (action === ENGAGEMENT_ACTIONS.reopen) return logOutcome(ctx, actor, found, { delivered: 'no', text: '' });
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
  return { reply: await logOutcome(ctx, submission.actor, found, { delivered: delivered!, text, ...(again ? { again } : {}) }) };
}

interface Found { record: CompanyRecord; commitment: Commitment; reminderId?: string | undefined }

/**
 * Delivered closes the commitment and stops the person's follow-ups; anything else keeps it (or
 * makes it) open, with the next follow-up on the date asked for, else its due date still to come,
 * else after the usual delay.
 */
async function logOutcome(ctx: EngagementContext, actor: Actor, { record, commitment, reminderId }: Found, o: { delivered: Outcome['delivered']; text: string; again?: string }): Promise<Reply> {
  const c = ctx.engagementPrompts.commitment;
  const closed = o.delivered === 'yes';
  const outcome: Outcome = { at: ctx.clock.now().toISOString(), by: actor.userId, delivered: o.delivered, text: o.text };
  const saved = await ctx.engagements.edit(actor, record.id, (r) => ({
    ...r,
    commitments: r.commitments.map((x) => (x.id === commitment.id ? { ...x, status: closed ? 'closed' : 'open', outcomes: [...x.outcomes, outcome].slice(-RECORD_LIMITS.outcomes) } : x)),
  }));
  const current = saved?.commitments.find((x) => x.id === commitment.id);
  // Erased between the click and the save (forget me): nothing left to log on.
  if (!saved || !current) return textReply(ctx.engagementPrompts.errors.unknownRecord);
  const values = { company: record.company, what: commitment.text };
  const lines = [fillTemplate(closed ? c.closed : commitment.status === 'closed' ? c.reopened : c.kept, values)];
  // The outcome is kept on the reminder it was logged from too, as for any reminder.
  if (reminderId && o.text) await ctx.reminders.logOutcome(actor, reminderId, o.text).catch(() => undefined);
  if (closed) await stopFollowUps(ctx, actor, current, reminderId);
  else {
    const next = await followUps(ctx, actor, saved, [current.id], (x) => o.again ?? x.due);
    lines.push(...next.map((b) => ('text' in b ? b.text : '')).filter(Boolean));
  }
  ctx.logger.info({ event: 'engagement.outcome', record: record.id, closed }, 'commitment outcome logged');
  return textReply(lines.join('\n'));
}
