import type { EngagementContext } from './engagement-context';
import type { Actor } from '../base/incoming';
import { textReply, type Block, type Button, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { itemName, itemShortName } from '../guide/name-item';
import { describeDay, describeInZone, zoneOrUtc } from '../base/zoned-time';
import { TIP_ACTIONS } from '../tip';
import type { CompanyRecord } from './company-record';
import { commitmentRef, ENGAGEMENT_ACTIONS, meetingRef } from './engagement-actions';
import { companyKey } from '../debrief';
import { hasVisible, visiblePart } from './engagement-access';
import { meetingDate, readVisibleRecord, weakestOverTime, type VisibleRecord } from './read-company-record';
import { exportRecordCsv } from './export-company-record';

const SHOWN = { meetings: 10, asks: 15, commitments: 10, notes: 5, outcomes: 5, buttons: 5 } as const;

/**
 * `/engage-company [company | export <company>]`: the list of records, or one record. A company
 * named "Export Ltd" is that company, not an export of "Ltd".
 */
export async function handleCompanyCommand(ctx: EngagementContext, actor: Actor, text: string): Promise<Reply> {
  const typed = text.trim();
  if (!typed) return listRecords(ctx, actor);
  const [first = '', ...rest] = typed.split(/\s+/);
  const exporting = first.toLowerCase() === 'export' && rest.length > 0 && !(await findRecord(ctx, actor, typed));
  const name = exporting ? rest.join(' ') : typed;
  const record = await findRecord(ctx, actor, name);
  const visible = record && hasVisible(visiblePart(record, actor.userId));
  if (record && visible) return exporting ? exportRecordCsv(ctx, actor, record) : showRecord(ctx, actor, record);
  // A company only debriefed, never prepared: its scores are its record, when the person may see one.
  const debriefed = (await ctx.debriefService.companies(actor)).find((c) => companyKey(c) === companyKey(name));
  if (debriefed && !exporting && (await ctx.debriefService.scores(actor, debriefed)).length) return showRecord(ctx, actor, emptyRecord(actor, debriefed));
  // A company known only from meetings this person was not in is answered as if unknown.
  return textReply(fillTemplate(ctx.engagementPrompts.errors.noSuchCompany, { company: name.slice(0, 80) }));
}

/** The company named, as a whole: "Open Society Foundations" is not "Open". */
async function findRecord(ctx: EngagementContext, actor: Actor, name: string): Promise<CompanyRecord | undefined> {
  const entry = (await ctx.engagements.companies(actor)).find((e) => companyKey(e.name) === companyKey(name));
  return entry && ctx.engagements.get(actor, entry.id);
}

const emptyRecord = (actor: Actor, company: string): CompanyRecord => ({ id: '', platform: actor.platform, tenantId: actor.tenantId, company, meetings: [], asks: [], commitments: [], notes: [] });

async function listRecords(ctx: EngagementContext, actor: Actor): Promise<Reply> {
  const r = ctx.engagementPrompts.record;
  const lines: string[] = [];
  const buttons: Button[] = [];
  for (const record of await ctx.engagements.all(actor)) {
    const visible = visiblePart(record, actor.userId);
    if (!hasVisible(visible)) continue;
    const open = visible.commitments.filter((c) => c.status === 'open').length;
    lines.push(fillTemplate(r.listLine, { company: record.company, meetings: visible.meetings.length, open }));
    if (buttons.length < SHOWN.buttons) buttons.push({ action: ENGAGEMENT_ACTIONS.record, label: fillTemplate(r.open, { company: record.company }), value: record.id });
  }
  if (!lines.length) return textReply(r.listEmpty);
  return { text: r.listHeading, blocks: [{ type: 'heading', text: r.listHeading }, { type: 'list', items: lines }, { type: 'actions', buttons }], visibility: 'private' };
}

/** One company's record: meetings, scores, asks, commitments, outcomes, notes, next follow-ups, with ways to act. */
export async function showRecord(ctx: EngagementContext, actor: Actor, full: CompanyRecord): Promise<Reply> {
  const r = ctx.engagementPrompts.record;
  const view = await readVisibleRecord(ctx, actor, full);
  const { record } = view;
  const heading = fillTemplate(r.heading, { company: record.company });
  const blocks: Block[] = [{ type: 'heading', text: heading }];
  const sections = [meetingBlocks(ctx, actor, view), askBlocks(ctx, actor, view), commitmentBlocks(ctx, actor, view, await nextFollowUps(ctx, actor, record)), noteBlocks(ctx, actor, view)].flat();
  if (!sections.length) blocks.push({ type: 'text', text: r.nothingYet });
  blocks.push(...sections);
  // A company only debriefed has no stored record to export (`/engage-debrief export` has the answers).
  if (record.id) {
    blocks.push({ type: 'actions', buttons: [
      { action: ENGAGEMENT_ACTIONS.exportCsv, label: r.exportCsv, value: record.id },
      { action: ENGAGEMENT_ACTIONS.exportBrief, label: r.exportBrief, value: record.id },
    ] });
  }
  return { text: heading, blocks, visibility: 'private' };
}

const day = (ctx: EngagementContext, actor: Actor, date: string) => describeDay(date, zoneOrUtc(actor.timeZone), ctx.clock.now(), ctx.lang);

/**
 * One line per meeting, oldest first: a prepared meeting with its debrief's score when there is one,
 * and debriefs of meetings nobody prepared; then the score's trend and what was weakest most often.
 */
function meetingBlocks(ctx: EngagementContext, actor: Actor, view: VisibleRecord): Block[] {
  const { record, scores } = view;
  const r = ctx.engagementPrompts.record;
  const untitled = ctx.engagementPrompts.brief.untitled;
  const scoreOf = new Map(scores.map((s) => [s.debriefId, s]));
  const lines: { date: string; text: string }[] = record.meetings.map((m) => {
    const s = m.debriefId ? scoreOf.get(m.debriefId) : undefined;
    const values = { date: day(ctx, actor, meetingDate(m, view)), meeting: m.title || untitled, score: s?.score ?? '', band: s?.band ?? '' };
    return { date: meetingDate(m, view), text: fillTemplate(s?.score !== undefined ? r.meetingScored : m.debriefId ? r.meetingWaiting : r.meetingPrepared, values) };
  });
  const prepared = new Set(record.meetings.map((m) => m.debriefId));
  for (const s of scores.filter((x) => !prepared.has(x.debriefId))) {
    const values = { date: day(ctx, actor, s.date), meeting: s.meeting || untitled, score: s.score ?? '', band: s.band ?? '' };
    lines.push({ date: s.date, text: fillTemplate(s.score === undefined ? r.pendingScore : r.scoreLine, values) });
  }
  if (!lines.length) return [];
  lines.sort((a, b) => a.date.localeCompare(b.date));
  const blocks: Block[] = [{ type: 'heading', text: r.meetingsHeading }, { type: 'list', items: lines.slice(-SHOWN.meetings).map((l) => l.text) }];
  // A brief shown in a channel (an ephemeral Slack message) is gone after a reload: here it is again.
  const briefs = record.meetings.slice(-SHOWN.buttons).map((m): Button => ({ action: ENGAGEMENT_ACTIONS.show, label: fillTemplate(r.briefButton, { meeting: m.title || untitled }), value: meetingRef(record, m) }));
  if (briefs.length) blocks.push({ type: 'actions', buttons: briefs });
  blocks.push(...trendBlocks(ctx, scores));
  return blocks;
}

function trendBlocks(ctx: EngagementContext, scores: VisibleRecord['scores']): Block[] {
  const r = ctx.engagementPrompts.record;
  const scored = scores.filter((s) => s.score !== undefined);
  const blocks: Block[] = [];
  if (scored.length >= 2) blocks.push({ type: 'text', text: fillTemplate(r.trend, { first: scored[0]!.score!, last: scored.at(-1)!.score! }) });
  const weakest = weakestOverTime(scored);
  if (weakest.length) {
    blocks.push({ type: 'heading', text: r.weakestHeading });
    for (const w of weakest) {
      const item = ctx.guide.get(w.id);
      if (!item) continue;
      blocks.push({ type: 'text', text: fillTemplate(r.weakestLine, { title: itemName(item, ctx.lang), count: w.count }) });
      const tip = ctx.guide.tipsFor(w.id)[0];
      if (tip) blocks.push({ type: 'actions', buttons: [{ action: TIP_ACTIONS.show, label: itemShortName(tip), value: tip.id }] });
    }
  }
  return blocks;
}

function askBlocks(ctx: EngagementContext, actor: Actor, { record }: VisibleRecord): Block[] {
  const r = ctx.engagementPrompts.record;
  if (!record.asks.length) return [];
  const lines = record.asks.slice(-SHOWN.asks).map((a) => fillTemplate(a.by ? r.askLineBy : r.askLine, {
    ask: a.text, status: ctx.engagementPrompts.askStatus[a.status], by: a.by ? day(ctx, actor, a.by) : '',
  }));
  return [{ type: 'heading', text: r.asksHeading }, { type: 'list', items: lines }];
}

function commitmentBlocks(ctx: EngagementContext, actor: Actor, { record, today, dayOf }: VisibleRecord, next: readonly NextFollowUp[]): Block[] {
  const r = ctx.engagementPrompts.record;
  const blocks: Block[] = [];
  const open = record.commitments.filter((c) => c.status === 'open');
  if (open.length) {
    const lines = open.slice(0, SHOWN.commitments).map((c) => {
      const due = c.due ? day(ctx, actor, c.due) : '';
      return fillTemplate(!c.due ? r.commitmentLine : c.due < today ? r.commitmentOverdue : r.commitmentDue, { what: c.text, due });
    });
    blocks.push({ type: 'heading', text: r.openHeading }, { type: 'list', items: lines });
    blocks.push({ type: 'actions', buttons: open.slice(0, SHOWN.buttons).map((c) => ({ action: ENGAGEMENT_ACTIONS.outcome, label: fillTemplate(r.logOutcome, { what: c.text }), value: commitmentRef(record, c) })) });
  }
  const closed = record.commitments.filter((c) => c.status === 'closed');
  if (closed.length) {
    const lines = closed.slice(-SHOWN.commitments).map((c) => fillTemplate(r.closedLine, { what: c.text, outcome: c.outcomes.at(-1)?.text || r.deliveredNoWords }));
    blocks.push({ type: 'heading', text: r.closedHeading }, { type: 'list', items: lines });
    blocks.push({ type: 'actions', buttons: closed.slice(-SHOWN.buttons).map((c) => ({ action: ENGAGEMENT_ACTIONS.reopen, label: fillTemplate(r.reopenButton, { what: c.text }), value: commitmentRef(record, c) })) });
  }
  const logged = record.commitments.flatMap((c) => c.outcomes.filter((o) => o.text).map((o) => ({ c, o }))).sort((a, b) => b.o.at.localeCompare(a.o.at)).slice(0, SHOWN.outcomes);
  if (logged.length) {
    blocks.push({ type: 'heading', text: r.outcomesHeading }, { type: 'list', items: logged.map(({ c, o }) => fillTemplate(r.outcomeLine, { date: day(ctx, actor, dayOf(o.at)), what: c.text, outcome: o.text })) });
  }
  if (next.length) {
    const zone = zoneOrUtc(actor.timeZone);
    const now = ctx.clock.now();
    blocks.push({ type: 'heading', text: r.nextHeading }, { type: 'list', items: next.slice(0, SHOWN.commitments).map(({ what, at }) => fillTemplate(r.nextLine, { when: describeInZone(at, zone, now, ctx.lang), what })) });
  }
  return blocks;
}

interface NextFollowUp { what: string; at: Date }

/** The viewer's own follow-ups of open commitments still waiting, soonest first, as the reminders say now (after any snooze). */
async function nextFollowUps(ctx: EngagementContext, actor: Actor, record: CompanyRecord): Promise<NextFollowUp[]> {
  const now = ctx.clock.now();
  const next: NextFollowUp[] = [];
  for (const c of record.commitments.filter((x) => x.status === 'open')) {
    for (const mine of c.reminders.filter((x) => x.by === actor.userId)) {
      const found = await ctx.reminders.find(actor, mine.id);
      if (found.ok && found.reminder.status === 'scheduled' && new Date(found.reminder.dueAt) > now) next.push({ what: c.text, at: new Date(found.reminder.dueAt) });
    }
  }
  return next.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function noteBlocks(ctx: EngagementContext, actor: Actor, { record, dayOf }: VisibleRecord): Block[] {
  const r = ctx.engagementPrompts.record;
  if (!record.notes.length) return [];
  const blocks: Block[] = [{ type: 'heading', text: r.notesHeading }];
  for (const n of record.notes.slice(-SHOWN.notes)) {
    blocks.push({ type: 'text', text: fillTemplate(r.noteLine, { date: day(ctx, actor, dayOf(n.at)), text: n.text }) });
    if (n.link) blocks.push({ type: 'link', text: ctx.engagementPrompts.note.linkText, url: n.link });
  }
  return blocks;
}
