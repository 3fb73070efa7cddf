import type { PersonalDataSource } from '../base/personal-data-source';
import type { Actor } from '../base/incoming';
import type { EngagementRepo } from './engagement-repo';
import type { CompanyRecord } from './company-record';
import { isRestricted } from './engagement-access';

// `/engage export me` and `forget me` for engagement records. A record is the organisation's, not
// one person's: forgetting someone removes what is theirs alone (their notes, what they kept "only
// me", the names of company staff they typed, meetings they prepared that nobody else took part in
// or recorded on, with everything from those) and takes their id off what stays, so the thread
// survives without them.

const mine = (record: CompanyRecord, userId: string) => ({
  meetings: record.meetings.filter((m) => m.preparedBy === userId),
  asks: record.asks.filter((a) => a.addedBy === userId),
  commitments: record.commitments.filter((c) => c.recordedBy === userId || c.outcomes.some((o) => o.by === userId)),
  notes: record.notes.filter((n) => n.by === userId),
});

/** Whether anyone but `userId` recorded something on the meeting: then it is theirs too, and stays. */
function othersRecorded(record: CompanyRecord, meetingId: string, userId: string): boolean {
  const other = (id: string | undefined) => id !== undefined && id !== '' && id !== userId;
  return record.asks.some((a) => a.meetingId === meetingId && (other(a.addedBy) || other(a.statusBy)))
    || record.commitments.some((c) => c.meetingId === meetingId && (other(c.recordedBy) || c.outcomes.some((o) => other(o.by))))
    || record.notes.some((n) => n.meetingId === meetingId && other(n.by));
}

function forget(record: CompanyRecord, userId: string): { record: CompanyRecord; erased: number } {
  const left = (m: CompanyRecord['meetings'][number]) => m.participants.filter((p) => p !== userId);
  // Gone: meetings the person prepared alone that nobody else recorded anything on, and confidential
  // meetings nobody who took part is left to see (nobody else ever may).
  const gone = new Set(record.meetings.filter((m) =>
    (m.preparedBy === userId && left(m).length === 0 && !othersRecorded(record, m.id, userId)) || (isRestricted(m) && left(m).length === 0)).map((m) => m.id));
  const keep = <T extends { meetingId?: string; private?: boolean }>(item: T, author: string) => !(item.meetingId && gone.has(item.meetingId)) && !(item.private && author === userId);
  const anon = (id: string) => (id === userId ? '' : id);
  const next: CompanyRecord = {
    ...record,
    meetings: record.meetings.filter((m) => !gone.has(m.id)).map(({ staff, ...m }) => ({
      ...m,
      ...(staff && m.preparedBy !== userId ? { staff } : {}),
      preparedBy: anon(m.preparedBy),
      participants: left(m),
    })),
    asks: record.asks.filter((a) => keep(a, a.addedBy)).map((a) => ({ ...a, addedBy: anon(a.addedBy), ...(a.statusBy ? { statusBy: anon(a.statusBy) } : {}) })),
    commitments: record.commitments.filter((c) => keep(c, c.recordedBy)).map((c) => ({
      ...c, recordedBy: anon(c.recordedBy), outcomes: c.outcomes.map((o) => ({ ...o, by: anon(o.by) })), reminders: c.reminders.filter((r) => r.by !== userId),
    })),
    notes: record.notes.filter((n) => n.by !== userId && !(n.meetingId && gone.has(n.meetingId))),
  };
  const count = (r: CompanyRecord) => r.meetings.length + r.asks.length + r.commitments.length + r.notes.length;
  const named = record.meetings.filter((m) => m.preparedBy === userId && m.staff && !gone.has(m.id)).length;
  return { record: next, erased: count(record) - count(next) + named };
}

export function engagementPersonalData(repo: EngagementRepo): PersonalDataSource {
  return {
    label: 'engagement records',
    async export(actor: Actor) {
      return (await repo.all(actor)).map((r) => ({ company: r.company, ...mine(r, actor.userId) })).filter((r) => r.meetings.length || r.asks.length || r.commitments.length || r.notes.length);
    },
    async erase(actor: Actor) {
      let erased = 0;
      for (const record of await repo.all(actor)) {
        // Counted from the last attempt only: a lost compare-and-set applies the change again.
        let last = 0;
        await repo.edit(actor, record.id, (r) => {
          const { record: next, erased: n } = forget(r, actor.userId);
          last = n;
          return JSON.stringify(next) !== JSON.stringify(r) ? next : undefined;
        });
        erased += last;
        await repo.dropIfEmpty(actor, record.id);
      }
      return erased;
    },
  };
}
