import type { EngagementContext } from './engagement-context';
import type { IncomingAction } from '../base/incoming';
import { randomUUID } from 'node:crypto';
import { textReply, type Reply } from '../base/reply';
import type { Actor } from '../base/incoming';
import type { CompanyRecord, Meeting } from './company-record';
import { canSeeMeeting, isRestricted } from './engagement-access';
import { ENGAGEMENT_ACTIONS, readRef } from './engagement-actions';
import { renderBrief } from './render-brief';
import { showRecord } from './show-company-record';
import { exportRecordBrief, exportRecordCsv } from './export-company-record';
import { handleCommitmentAction } from './commitment-follow-up';

/** Buttons on briefs, records, follow-ups and the home view. Values are looked up in the clicker's own workspace only. */
export async function handleEngagementAction(ctx: EngagementContext, action: IncomingAction): Promise<Reply | undefined> {
  const e = ctx.engagementPrompts.errors;
  const actor = action.actor;
  switch (action.action) {
    case ENGAGEMENT_ACTIONS.record:
    case ENGAGEMENT_ACTIONS.exportCsv:
    case ENGAGEMENT_ACTIONS.exportBrief: {
      const record = await ctx.engagements.get(actor, action.value);
      if (!record) return textReply(e.unknownRecord);
      if (action.action === ENGAGEMENT_ACTIONS.record) return showRecord(ctx, actor, record);
      return action.action === ENGAGEMENT_ACTIONS.exportCsv ? exportRecordCsv(ctx, actor, record) : exportRecordBrief(ctx, actor, record);
    }
    case ENGAGEMENT_ACTIONS.share:
    case ENGAGEMENT_ACTIONS.show:
    case ENGAGEMENT_ACTIONS.debrief:
      return meetingAction(ctx, action);
    case ENGAGEMENT_ACTIONS.delivered:
    case ENGAGEMENT_ACTIONS.outcome:
    case ENGAGEMENT_ACTIONS.reopen:
      return handleCommitmentAction(ctx, actor, action.action, action.value);
    default:
      return undefined;
  }
}

async function meetingAction(ctx: EngagementContext, action: IncomingAction): Promise<Reply> {
  const e = ctx.engagementPrompts.errors;
  const actor = action.actor;
  const ref = readRef(action.value);
  const record = ref && (await ctx.engagements.get(actor, ref.recordId));
  const meeting = record?.meetings.find((m) => m.id === ref!.itemId);
  if (!record || !meeting) return textReply(e.unknownRecord);
  if (!canSeeMeeting(meeting, actor.userId)) return textReply(e.notAllowed);
  if (action.action === ENGAGEMENT_ACTIONS.show) return renderBrief(ctx, actor, record, meeting);
  if (action.action === ENGAGEMENT_ACTIONS.share) {
    // Checked again here, not only by leaving the button out: a button value can be replayed.
    return isRestricted(meeting) ? textReply(e.notAllowed) : renderBrief(ctx, actor, record, meeting, { shared: true });
  }
  const debriefId = meeting.debriefId ?? (await startDebrief(ctx, actor, record, meeting));
  if (!debriefId) return textReply(e.debriefFailed);
  return (await formOnceStarted(ctx, actor, debriefId)) ?? textReply(e.unknownRecord);
}

/** Someone else's click may have linked the debrief a moment before saving it: its form is waited for, briefly. */
async function formOnceStarted(ctx: EngagementContext, actor: Actor, debriefId: string): Promise<Reply | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const form = await ctx.debriefService.answerForm(actor, debriefId);
    if (form) return form;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/**
 * The meeting's debrief, started now. Its id is linked to the meeting first (compare-and-set), so of
 * two people clicking at once only one starts it and both answer the same debrief.
 */
async function startDebrief(ctx: EngagementContext, actor: Actor, record: CompanyRecord, meeting: Meeting): Promise<string | undefined> {
  const minted = randomUUID().replace(/-/g, '');
  const link = (from: string | undefined, to: string | undefined) => ctx.engagements.edit(actor, record.id, (r) => {
    const m = r.meetings.find((x) => x.id === meeting.id);
    if (!m || m.debriefId !== from) return undefined;
    const { debriefId: _old, ...unlinked } = m;
    return { ...r, meetings: r.meetings.map((x) => (x === m ? (to ? { ...unlinked, debriefId: to } : unlinked) : x)) };
  });
  const saved = await link(undefined, minted);
  const linked = saved?.meetings.find((m) => m.id === meeting.id)?.debriefId;
  if (linked !== minted) return linked;
  const started = await ctx.debriefService.start(actor, {
    id: minted, company: record.company, title: meeting.title, invitees: meeting.participants, confidential: isRestricted(meeting),
    ...(meeting.date ? { date: meeting.date } : {}), ...(meeting.startsAt ? { startsAt: new Date(meeting.startsAt) } : {}),
  });
  // Invitations that could not be queued leave no debrief behind: the link goes too, for a next try.
  if (!started) await link(minted, undefined);
  return started;
}
