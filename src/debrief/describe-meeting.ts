import type { DebriefContext } from './debrief-context';
import type { DebriefRecord } from './debrief-repo';
import { fillTemplate } from '../base/fill-template';
import { localDate } from './build-debrief-form';
import { describeDay } from '../base/zoned-time';

/** The day of a debriefed meeting as the person gave it (YYYY-MM-DD); a record without one: the day it was started. */
export const meetingDay = (record: DebriefRecord, zone: string) => record.date ?? localDate(new Date(record.createdAt), zone);

/** Which meeting something is about: “quarterly check-in” on Friday 20 November, or the meeting on Friday 20 November. */
export function describeMeeting(ctx: DebriefContext, record: DebriefRecord, zone: string, now: Date): string {
  const r = ctx.debriefPrompts.result;
  const day = describeDay(meetingDay(record, zone), zone, now, ctx.lang);
  return record.meeting ? fillTemplate(r.meetingNamed, { meeting: record.meeting, day }) : fillTemplate(r.meetingUntitled, { day });
}
