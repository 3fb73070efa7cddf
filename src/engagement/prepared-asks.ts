import type { EngagementContext } from './engagement-context';
import type { Actor, IncomingSubmission } from '../base/incoming';
import type { Block, FormField } from '../base/reply';
import type { PreparedAsks } from '../debrief';
import { fillTemplate } from '../base/fill-template';
import { describeInZone, zoneOrUtc } from '../base/zoned-time';
import { ASK_OUTCOMES, RECORD_LIMITS, TEXT_LIMITS, type AskStatus, type Commitment, type CompanyRecord, type Meeting } from './company-record';
import { canSeeMeeting } from './engagement-access';
import { companyKey } from './engagement-repo';
import { formReader } from './form-values';
import { newId } from './read-prep-answers';
import { followUpCommitment, followUpTime } from './follow-up-commitment';

// What the company said on each prepared ask, asked in the debrief of that meeting, and the
// commitments nobody prepared for. Each commitment gets a follow-up reminder on its date.

const NEW_COMMITMENTS = 2;
const askStatusField = (askId: string) => `ask-${askId}`;
const askByField = (askId: string) => `ask-${askId}-by`;
const newField = (n: number, by = false) => `commitment-new-${n}${by ? '-by' : ''}`;

/** The prepared meeting a debrief is of, when the person may see it. */
async function preparedMeeting(ctx: EngagementContext, actor: Actor, debrief: { id: string; company: string }): Promise<{ record: CompanyRecord; meeting: Meeting } | undefined> {
  const entry = (await ctx.engagements.companies(actor)).find((e) => companyKey(e.name) === companyKey(debrief.company));
  const record = entry && (await ctx.engagements.get(actor, entry.id));
  const meeting = record?.meetings.find((m) => m.debriefId === debrief.id);
  return record && meeting && canSeeMeeting(meeting, actor.userId) ? { record, meeting } : undefined;
}

export function createPreparedAsks(ctx: EngagementContext): PreparedAsks {
  const d = ctx.engagementPrompts.debrief;
  const statusOptions = ASK_OUTCOMES.map((s) => ({ value: s, label: ctx.engagementPrompts.askStatus[s] }));
  return {
    async fields(actor, debrief) {
      const found = await preparedMeeting(ctx, actor, debrief);
      if (!found) return [];
      const { record, meeting } = found;
      const fields: FormField[] = [];
      for (const [i, ask] of record.asks.filter((a) => a.meetingId === meeting.id).entries()) {
        const commitment = record.commitments.find((c) => c.askId === ask.id);
        fields.push(
          {
            id: askStatusField(ask.id), label: fillTemplate(d.askLabel, { company: record.company, ask: ask.text.slice(0, 150) }), kind: 'choice',
            optional: true, hint: d.askHint, options: statusOptions, ...(ask.status !== 'open' ? { initial: ask.status } : {}),
          },
          { id: askByField(ask.id), label: fillTemplate(d.askByLabel, { number: i + 1 }), kind: 'date', optional: true, ...(commitment?.due ?? ask.by ? { initial: commitment?.due ?? ask.by } : {}) },
        );
      }
      for (let n = 1; n <= NEW_COMMITMENTS; n++) {
        fields.push(
          { id: newField(n), label: fillTemplate(d.newLabel, { company: record.company }), kind: 'text', optional: true, placeholder: d.newPlaceholder, maxLength: TEXT_LIMITS.commitment },
          { id: newField(n, true), label: d.newByLabel, kind: 'date', optional: true },
        );
      }
      return fields;
    },
    async read(submission, debrief) {
      const found = await preparedMeeting(ctx, submission.actor, debrief);
      if (!found) return { record: async () => [] };
      const parsed = readOutcomes(ctx, submission, found.record, found.meeting);
      if ('errors' in parsed) return parsed;
      return { record: () => recordOutcomes(ctx, submission.actor, found.record.id, found.meeting, parsed) };
    },
  };
}

interface Outcomes {
  statuses: { askId: string; status: AskStatus; by?: string }[];
  fresh: { text: string; due?: string }[];
}

function readOutcomes(ctx: EngagementContext, submission: IncomingSubmission, record: CompanyRecord, meeting: Meeting): { errors: Record<string, string> } | Outcomes {
  const e = ctx.engagementPrompts.errors;
  const read = formReader(ctx.engagementPrompts, submission);
  const now = ctx.clock.now();
  const zone = zoneOrUtc(submission.actor.timeZone);
  const statuses: Outcomes['statuses'] = [];
  for (const ask of record.asks.filter((a) => a.meetingId === meeting.id)) {
    const status = read.choice(askStatusField(ask.id), ASK_OUTCOMES) as AskStatus | undefined;
    // The date field comes prefilled with the ask's own date: it is read only for a commitment.
    const by = status === 'committed' ? read.date(askByField(ask.id), now, zone) : undefined;
    if (status) statuses.push({ askId: ask.id, status, ...(status === 'committed' && by ? { by } : {}) });
  }
  const fresh: Outcomes['fresh'] = [];
  for (let n = 1; n <= NEW_COMMITMENTS; n++) {
    const text = read.text(newField(n), TEXT_LIMITS.commitment);
    const due = read.date(newField(n, true), now, zone);
    if (text) fresh.push({ text, ...(due ? { due } : {}) });
    else if (due && !read.errors[newField(n)]) read.errors[newField(n, true)] = e.dateWithoutText;
  }
  return Object.keys(read.errors).length ? { errors: read.errors } : { statuses, fresh };
}

async function recordOutcomes(ctx: EngagementContext, actor: Actor, recordId: string, meeting: Meeting, o: Outcomes): Promise<Block[]> {
  if (!o.statuses.length && !o.fresh.length) return [];
  const now = ctx.clock.now().toISOString();
  const touched: string[] = [];
  const record = await ctx.engagements.edit(actor, recordId, (r) => {
    const commitments = [...r.commitments];
    const asks = r.asks.map((ask) => {
      const said = o.statuses.find((s) => s.askId === ask.id);
      if (!said) return ask;
      if (said.status === 'committed') {
        const at = commitments.findIndex((c) => c.askId === ask.id);
        const due = said.by ?? ask.by;
        if (at < 0) {
          const c: Commitment = { id: newId(), askId: ask.id, meetingId: meeting.id, text: ask.text, ...(due ? { due } : {}), status: 'open', recordedBy: actor.userId, recordedAt: now, outcomes: [], reminders: [] };
          commitments.push(c);
          touched.push(c.id);
        } else if (due && commitments[at]!.due !== due) {
          commitments[at] = { ...commitments[at]!, due };
          touched.push(commitments[at]!.id);
        }
      }
      return { ...ask, status: said.status, statusBy: actor.userId, statusAt: now };
    });
    for (const f of o.fresh) {
      const c: Commitment = { id: newId(), meetingId: meeting.id, text: f.text, ...(f.due ? { due: f.due } : {}), status: 'open', recordedBy: actor.userId, recordedAt: now, outcomes: [], reminders: [] };
      commitments.push(c);
      touched.push(c.id);
    }
    return { ...r, asks, commitments: commitments.slice(-RECORD_LIMITS.commitments) };
  });
  if (!record) return [{ type: 'text', text: ctx.engagementPrompts.errors.unknownRecord }];
  const blocks = await followUps(ctx, actor, record, touched);
  // Nothing said about any ask and no commitment: nothing to report.
  if (o.statuses.length || touched.length) blocks.push({ type: 'context', text: fillTemplate(ctx.engagementPrompts.debrief.recorded, { company: record.company, asks: o.statuses.length, commitments: touched.length }) });
  return blocks;
}

/** A follow-up reminder for each commitment just recorded or re-dated, remembered on the commitment. */
export async function followUps(ctx: EngagementContext, actor: Actor, record: CompanyRecord, ids: readonly string[]): Promise<Block[]> {
  const zone = zoneOrUtc(actor.timeZone);
  const blocks: Block[] = [];
  const made: { id: string; reminder: string; at: string }[] = [];
  for (const c of record.commitments.filter((x) => ids.includes(x.id))) {
    const set = await followUpCommitment(ctx, actor, record, c, followUpTime(ctx, c.due, zone));
    if (!set) { blocks.push({ type: 'text', text: ctx.engagementPrompts.errors.reminderFailed }); continue; }
    made.push({ id: c.id, reminder: set.id, at: set.dueAt.toISOString() });
    blocks.push({ type: 'context', text: fillTemplate(ctx.engagementPrompts.debrief.followUpSet, { what: c.text, when: describeInZone(set.dueAt, zone, ctx.clock.now(), ctx.lang) }) });
  }
  if (made.length) {
    await ctx.engagements.edit(actor, record.id, (r) => ({
      ...r,
      commitments: r.commitments.map((c) => {
        const m = made.find((x) => x.id === c.id);
        return m ? { ...c, reminders: [...c.reminders.filter((x) => x.by !== actor.userId), { by: actor.userId, id: m.reminder, at: m.at }] } : c;
      }),
    }));
  }
  return blocks;
}
