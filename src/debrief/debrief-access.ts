import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import type { DebriefRecord } from './debrief-repo';
import { combineRatings, scoreRatings, type DebriefScore } from './score-debrief';

// Who may see what. One rule everywhere (result, history, home, export): nobody ever sees another
// person's individual answers; a combined result needs enough answers that none can be picked out;
// confidential debriefs are only shown to the people who took part.

export const isParticipant = (record: DebriefRecord, userId: string) =>
  record.starter === userId || record.invitees.includes(userId) || record.respondents.includes(userId);

/** A debrief with invitees and enough answers for a combined result. */
export const combinedReady = (ctx: DebriefContext, record: DebriefRecord) =>
  record.invitees.length > 0 && record.respondents.length >= ctx.debriefSettings.minRespondents;

export type Visible =
  | { kind: 'combined'; result: DebriefScore }
  | { kind: 'own'; result: DebriefScore }
  | { kind: 'pending' }
  | { kind: 'hidden' };

/** What `viewer` may see of a debrief's score. */
export async function visibleScore(ctx: DebriefContext, viewer: Actor, record: DebriefRecord): Promise<Visible> {
  const scoring = ctx.debriefPrompts.scoring;
  const participant = isParticipant(record, viewer.userId);
  if (combinedReady(ctx, record) && (participant || !record.confidential)) {
    const responses = await ctx.debriefs.responses(viewer, record);
    return { kind: 'combined', result: combineRatings(responses.map((x) => x.ratings), scoring) };
  }
  if (record.respondents.includes(viewer.userId)) {
    const own = await ctx.debriefs.getResponse(viewer, record.id, viewer.userId);
    if (own) return { kind: 'own', result: scoreRatings(own.ratings, scoring) };
  }
  return participant ? { kind: 'pending' } : { kind: 'hidden' };
}
