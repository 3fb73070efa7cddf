import { CONFIDENTIAL_FORMATS } from '../debrief';
import type { CompanyRecord, Meeting, Placed } from './company-record';

// Who sees what of a record. Confidentiality chosen in preparation governs the meeting and
// everything that came from it (its brief, asks, commitments, notes): Chatham House, NDA and
// good-faith confidential meetings are shown only to the people taking part. Everything else is
// the workspace's, except what someone added as "only me". Nothing ever crosses workspaces: records
// are read under the verified workspace only.

export const CONFIDENTIALITY = 'format-confidentiality';

export const isRestricted = (meeting: Meeting) => CONFIDENTIAL_FORMATS.has(meeting.formats[CONFIDENTIALITY] ?? '');

export const canSeeMeeting = (meeting: Meeting, userId: string) => !isRestricted(meeting) || meeting.participants.includes(userId);

/** Whether `userId` may see an item: its meeting's rule, or "only me" for its author. */
export function canSee(record: CompanyRecord, item: Placed, author: string | undefined, userId: string): boolean {
  if (item.private && author !== userId) return false;
  if (!item.meetingId) return true;
  const meeting = record.meetings.find((m) => m.id === item.meetingId);
  // Its meeting is gone, and with it what it allowed: only the author still sees what is left.
  return meeting ? canSeeMeeting(meeting, userId) : author === userId;
}

/** The record as `userId` may see it: confidential meetings they did not attend, and their items, left out without a trace. */
export function visiblePart(record: CompanyRecord, userId: string): CompanyRecord {
  return {
    ...record,
    meetings: record.meetings.filter((m) => canSeeMeeting(m, userId)),
    asks: record.asks.filter((a) => canSee(record, a, a.addedBy, userId)),
    commitments: record.commitments.filter((c) => canSee(record, c, c.recordedBy, userId)),
    notes: record.notes.filter((n) => canSee(record, n, n.by, userId)),
  };
}

export const hasVisible = (r: CompanyRecord) => r.meetings.length + r.asks.length + r.commitments.length + r.notes.length > 0;
