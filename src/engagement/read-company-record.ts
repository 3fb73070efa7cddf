import type { EngagementContext } from './engagement-context';
import type { Actor } from '../base/incoming';
import type { CompanyScore } from '../debrief';
import { localDate } from '../debrief';
import { zoneOrUtc } from '../base/zoned-time';
import type { CompanyRecord } from './company-record';
import { canSeeMeeting, visiblePart } from './engagement-access';

/** A company's record as one person may see it, with the scores of its debriefs: what the view and the exports show. */
export interface VisibleRecord {
  record: CompanyRecord;
  scores: CompanyScore[];
  /** YYYY-MM-DD in the viewer's zone: what is due before it is overdue. */
  today: string;
  /** A stored moment as the viewer's calendar day (a note written at 02:00 in Kiritimati is that day's). */
  dayOf(iso: string): string;
}

export async function readVisibleRecord(ctx: EngagementContext, viewer: Actor, record: CompanyRecord): Promise<VisibleRecord> {
  // A debrief of a confidential meeting the viewer was not in stays out, whatever its own flag says.
  const hiddenDebriefs = new Set(record.meetings.filter((m) => m.debriefId && !canSeeMeeting(m, viewer.userId)).map((m) => m.debriefId));
  const scores = (await ctx.debriefService.scores(viewer, record.company)).filter((s) => !hiddenDebriefs.has(s.debriefId));
  const zone = zoneOrUtc(viewer.timeZone);
  return { record: visiblePart(record, viewer.userId), scores, today: localDate(ctx.clock.now(), zone), dayOf: (iso) => localDate(new Date(iso), zone) };
}

/** The characteristics most often among the weakest across debriefs, most often first. */
export function weakestOverTime(scores: readonly CompanyScore[], max = 3): { id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const s of scores) for (const id of s.weakest) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, max);
}

/** A meeting's day: the one it was prepared for, else the day it was prepared (in the viewer's zone). */
export const meetingDate = (m: { date?: string; createdAt: string }, view: Pick<VisibleRecord, 'dayOf'>) => m.date ?? view.dayOf(m.createdAt);
