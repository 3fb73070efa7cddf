import type { EngagementParts } from './engagement-context';
import type { Actor, IncomingSubmission } from '../base/incoming';
import type { Block, FormField } from '../base/reply';
import { companyKey, type PreparedAsks } from '../debrief';
import { fillTemplate } from '../base/fill-template';
import { zoneOrUtc } from '../base/zoned-time';
import { ASK_OUTCOMES, capCommitments, newId, TEXT_LIMITS, type Ask, type AskStatus, type Commitment, type CompanyRecord, type Meeting } from './company-record';
import { canSeeMeeting, CONFIDENTIALITY, isRestricted } from './engagement-access';
import { formReader } from './form-values';
import { followUps, moveOthersFollowUps } from './follow-up-commitment';

// What the company said on each prepared ask, asked in the debrief of that meeting, and the
// commitments nobody prepared for. Each commitment gets a follow-up reminder on its date. The
// latest answer about an ask is the record's: asks are facts about the meeting, not anyone's rating.

const NEW_COMMITMENTS = 2;
const askStatusField = (askId: string) => `ask-${askId}`;
const askByField = (askId: string) => `ask-${askId}-by`;
const newField = (n: number, by = false) => `commitment-new-${n}${by ? '-by' : ''}`;

type Debrief = { id: string; company: string };
type Prepared = { record: CompanyRecord; meeting: Meeting; asks: Ask[] };

/** The prepared meeting a debrief is of, when the person may see it. */
async function preparedMeeting(ctx: EngagementParts, actor: Actor, debrief: Debrief): Promise<Prepared | undefined> {
  const entry = (await ctx.engagements.companies(actor)).find((e) => companyKey(e.name) === companyKey(debrief.company));
  const record = entry && (await ctx.engagements.get(actor, entry.id));
  const meeting = record?.meetings.find((m) => m.debriefId === debrief.id);
  if (!record || !meeting || !canSeeMeeting(meeting, actor.userId)) return undefined;
  return { record, meeting, asks: record.asks.filter((a) => a.meetingId === meeting.id) };
}

/** The date a commitment was recorded with, or failing that the date the ask was prepared with: what the date field shows. */
const shownDate = (record: CompanyRecord, ask: Ask) => record.commitments.find((c) => c.askId === ask.id)?.due ?? ask.by;

export function createPreparedAsks(ctx: EngagementParts): PreparedAsks {
  return {
    async fields(actor, debrief) {
      const found = await preparedMeeting(ctx, actor, debrief);
      return found ? askFields(ctx, found) : [];
    },
    async read(submission, debrief) {
      const found = await preparedMeeting(ctx, submission.actor, debrief);
      if (!found) return { record: async () => [] };
      const parsed = readOutcomes(ctx, submission, found);
      if ('errors' in parsed) return parsed;
      return { record: () => recordOutcomes(ctx, submission.actor, found, parsed) };
    },
  };
}

function askFields(ctx: EngagementParts, { record, asks }: Prepared): FormField[] {
  const d = ctx.engagementPrompts.debrief;
  const statusOptions = ASK_OUTCOMES.map((s) => ({ value: s, label: ctx.engagementPrompts.askStatus[s] }));
  const fields: FormField[] = asks.flatMap((ask, i): FormField[] => {
    const date = shownDate(record, ask);
    return [
      {
        id: askStatusField(ask.id), label: fillTemplate(d.askLabel, { company: record.company, ask: ask.text.slice(0, 150) }), kind: 'choice',
        optional: true, hint: d.askHint, options: statusOptions, ...(ask.status !== 'open' ? { initial: ask.status } : {}),
      },
      { id: askByField(ask.id), label: fillTemplate(d.askByLabel, { number: i + 1 }), kind: 'date', optional: true, ...(date ? { initial: date } : {}) },
    ];
  });
  for (let n = 1; n <= NEW_COMMITMENTS; n++) {
    fields.push(
      { id: newField(n), label: fillTemplate(d.newLabel, { company: record.company }), kind: 'text', optional: true, placeholder: d.newPlaceholder, maxLength: TEXT_LIMITS.commitment },
      { id: newField(n, true), label: d.newByLabel, kind: 'date', optional: true },
    );
  }
  return fields;
}

interface Outcomes {
  statuses: { askId: string; status: AskStatus; by?: string }[];
  fresh: { text: string; due?: string }[];
  /** The debrief answer marks the meeting Chatham House, confidential or under NDA. */
  confidentiality?: string;
}

function readOutcomes(ctx: EngagementParts, submission: IncomingSubmission, { record, asks }: Prepared): { errors: Record<string, string> } | Outcomes {
  const e = ctx.engagementPrompts.errors;
  const read = formReader(ctx.engagementPrompts, submission);
  const now = ctx.clock.now();
  const zone = zoneOrUtc(submission.actor.timeZone);
  const statuses: Outcomes['statuses'] = [];
  for (const ask of asks) {
    const status = read.choice(askStatusField(ask.id), ASK_OUTCOMES) as AskStatus | undefined;
    if (!status) continue;
    // The date field comes prefilled; read only for a commitment, and kept as it was even once past
    // (a second person answering after the date must not be stopped by a field they did not touch).
    const typed = read.raw(askByField(ask.id));
    const by = status !== 'committed' ? undefined : typed && typed === shownDate(record, ask) ? typed : read.date(askByField(ask.id), now, zone);
    statuses.push({ askId: ask.id, status, ...(by ? { by } : {}) });
  }
  const fresh: Outcomes['fresh'] = [];
  for (let n = 1; n <= NEW_COMMITMENTS; n++) {
    const text = read.text(newField(n), TEXT_LIMITS.commitment);
    const due = read.date(newField(n, true), now, zone);
    if (text) fresh.push({ text, ...(due ? { due } : {}) });
    else if (due && !read.errors[newField(n)]) read.errors[newField(n, true)] = e.dateWithoutText;
  }
  if (Object.keys(read.errors).length) return { errors: read.errors };
  const confidentiality = read.raw(CONFIDENTIALITY);
  return { statuses, fresh, ...(confidentiality ? { confidentiality } : {}) };
}

/** The record after the answers: ask statuses, commitments made, kept or dropped, and the meeting's confidentiality. */
function applyOutcomes(r: CompanyRecord, actor: Actor, meeting: Meeting, o: Outcomes, now: string): { record: CompanyRecord; touched: string[] } {
  const touched: string[] = [];
  let commitments = [...r.commitments];
  const asks = r.asks.map((ask) => {
    const said = o.statuses.find((s) => s.askId === ask.id);
    if (!said) return ask;
    const at = commitments.findIndex((c) => c.askId === ask.id);
    if (said.status === 'committed') {
      // An existing commitment keeps its date unless a new one is given; a new one starts from the ask's.
      const due = said.by ?? (at < 0 ? ask.by : commitments[at]!.due);
      if (at < 0) {
        const c: Commitment = { id: newId(), askId: ask.id, meetingId: meeting.id, text: ask.text, ...(due ? { due } : {}), status: 'open', recordedBy: actor.userId, recordedAt: now, outcomes: [], reminders: [] };
        commitments.push(c);
        touched.push(c.id);
      } else if (due !== commitments[at]!.due) {
        commitments[at] = { ...commitments[at]!, ...(due ? { due } : {}) };
        touched.push(commitments[at]!.id);
      }
    } else if (at >= 0 && !commitments[at]!.outcomes.length) {
      // Now said to be declined, answered or not discussed: a commitment recorded by mistake goes
      // (its reminders are skipped when they fall due); one with outcomes logged is history and stays.
      commitments = commitments.filter((_, i) => i !== at);
    }
    return { ...ask, status: said.status, statusBy: actor.userId, statusAt: now };
  });
  for (const f of o.fresh) {
    // Answering the debrief again does not record the same commitment twice.
    if (commitments.some((c) => c.meetingId === meeting.id && c.text.toLowerCase() === f.text.toLowerCase())) continue;
    const c: Commitment = { id: newId(), meetingId: meeting.id, text: f.text, ...(f.due ? { due: f.due } : {}), status: 'open', recordedBy: actor.userId, recordedAt: now, outcomes: [], reminders: [] };
    commitments.push(c);
    touched.push(c.id);
  }
  // Someone marking the meeting confidential in their debrief makes it, and all from it, the participants' only; nobody can undo it.
  const restrict = o.confidentiality !== undefined && !isRestricted(meeting) && isRestricted({ ...meeting, formats: { ...meeting.formats, [CONFIDENTIALITY]: o.confidentiality } });
  const meetings = restrict ? r.meetings.map((m) => (m.id === meeting.id ? { ...m, formats: { ...m.formats, [CONFIDENTIALITY]: o.confidentiality! } } : m)) : r.meetings;
  return { record: { ...r, meetings, asks, commitments: capCommitments(commitments) }, touched };
}

async function recordOutcomes(ctx: EngagementParts, actor: Actor, { record: before, meeting }: Prepared, o: Outcomes): Promise<Block[]> {
  const now = ctx.clock.now().toISOString();
  let touched: string[] = [];
  const record = await ctx.engagements.edit(actor, before.id, (r) => {
    const applied = applyOutcomes(r, actor, meeting, o, now);
    touched = applied.touched;
    return applied.record;
  });
  if (!record) return [{ type: 'text', text: ctx.engagementPrompts.errors.unknownRecord }];
  const blocks = await followUps(ctx, actor, record, touched);
  for (const c of record.commitments.filter((x) => touched.includes(x.id))) await moveOthersFollowUps(ctx, actor, c);
  // Nothing said about any ask and no commitment: nothing to report.
  if (o.statuses.length || touched.length) blocks.push({ type: 'context', text: fillTemplate(ctx.engagementPrompts.debrief.recorded, { company: record.company, asks: o.statuses.length, commitments: touched.length }) });
  return blocks;
}
