import type { CompanyRecord, Commitment, Meeting } from './company-record';

/** Buttons of the engagement feature. Values name a record and an item in it, looked up in the clicker's own workspace. */
export const ENGAGEMENT_ACTIONS = {
  share: 'engagement.share',
  /** A prepared meeting's brief again, from its record. */
  show: 'engagement.show',
  debrief: 'engagement.debrief',
  record: 'engagement.record',
  delivered: 'engagement.delivered',
  outcome: 'engagement.outcome',
  reopen: 'engagement.reopen',
  exportCsv: 'engagement.csv',
  exportBrief: 'engagement.brief',
} as const;

export const meetingRef = (record: CompanyRecord, meeting: Meeting) => `${record.id}:${meeting.id}`;
/** A commitment, and the follow-up reminder it was clicked on, when there is one. */
export const commitmentRef = (record: Pick<CompanyRecord, 'id'>, c: Pick<Commitment, 'id'>, reminderId?: string) => `${record.id}:${c.id}${reminderId ? `|${reminderId}` : ''}`;

export function readRef(value: string): { recordId: string; itemId: string; reminderId?: string } | undefined {
  const m = /^([a-z0-9]{8,40}):([a-z0-9]{8,40})(?:\|([a-z0-9]{4,16}))?$/.exec(value);
  return m ? { recordId: m[1]!, itemId: m[2]!, ...(m[3] ? { reminderId: m[3] } : {}) } : undefined;
}
