import type { EngagementContext } from './engagement-context';
import type { IncomingAction } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
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
  let debriefId = meeting.debriefId;
  if (!debriefId) {
    debriefId = await ctx.debriefService.start(actor, { company: record.company, title: meeting.title, invitees: meeting.participants, confidential: isRestricted(meeting), ...(meeting.startsAt ? { startsAt: new Date(meeting.startsAt) } : {}) });
    if (!debriefId) return textReply(e.debriefFailed);
    const id = debriefId;
    // Two people clicking at once: the first debrief linked wins, the other's form answers that one.
    const saved = await ctx.engagements.edit(actor, record.id, (r) => ({ ...r, meetings: r.meetings.map((m) => (m.id === meeting.id && !m.debriefId ? { ...m, debriefId: id } : m)) }));
    debriefId = saved?.meetings.find((m) => m.id === meeting.id)?.debriefId ?? debriefId;
  }
  return (await ctx.debriefService.answerForm(actor, debriefId)) ?? textReply(e.unknownRecord);
}
