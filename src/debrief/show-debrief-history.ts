import { itemShortName } from '../guide/name-item';
import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import { textReply, type Block, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { describeDay, describeInZone, zoneOrUtc } from '../base/zoned-time';
import { CHARACTERISTIC_IDS, type DebriefScore } from './score-debrief';
import { splitCompany } from './parse-debrief-text';
import { visibleScore } from './debrief-access';
import { describeMeeting, meetingDay } from './describe-meeting';

const SHOWN = 10;
/** A characteristic moving by less than this between two debriefs is noise, not a direction. */
const DIRECTION_STEP = 10;

/** `/engage-debrief history <company>`: the last debriefs the person may see, trend, directions, asks. */
export async function showHistory(ctx: DebriefContext, actor: Actor, text: string): Promise<Reply> {
  const e = ctx.debriefPrompts.errors;
  const h = ctx.debriefPrompts.history;
  const known = await ctx.debriefs.companies(actor);
  const { company } = splitCompany(text, known);
  if (!company) return textReply(e.needCompany);
  const canonical = known.find((k) => k.toLowerCase() === company.toLowerCase() || k.toLowerCase() === text.trim().toLowerCase());
  if (!canonical) return textReply(fillTemplate(e.noSuchCompany, { company }));

  const zone = zoneOrUtc(actor.timeZone);
  const records = (await ctx.debriefs.forCompany(actor, canonical)).sort((a, b) => meetingDay(a, zone).localeCompare(meetingDay(b, zone)) || a.createdAt.localeCompare(b.createdAt));
  const lines: string[] = [];
  const scored: DebriefScore[] = [];
  const asks: string[] = [];
  const followUps: string[] = [];
  const now = ctx.clock.now();
  for (const record of records.slice(-SHOWN)) {
    const visible = await visibleScore(ctx, actor, record);
    if (visible.kind === 'hidden') continue;
    const score = visible.kind === 'pending' || visible.result.score === undefined
      ? (visible.kind === 'pending' ? h.pending : ctx.debriefPrompts.result.notApplicable)
      : `${visible.result.score} (${visible.result.band!.label})`;
    lines.push(fillTemplate(h.line, { date: describeDay(meetingDay(record, zone), zone, now, ctx.lang), meeting: record.meeting || h.untitledMeeting, score }));
    if (visible.kind !== 'pending' && visible.result.score !== undefined) scored.push(visible.result);
    // Asks: your own, or everyone's once the combined result is open (never one other person's).
    const sources = visible.kind === 'combined' ? await ctx.debriefs.responses(actor, record)
      : visible.kind === 'own' ? [await ctx.debriefs.getResponse(actor, record.id, actor.userId)] : [];
    for (const s of sources) if (s?.asks) asks.push(s.successMeasure ? fillTemplate(ctx.debriefPrompts.result.askLine, { ask: s.asks, measure: s.successMeasure }) : s.asks);
    // One line per debrief: a follow-up is set once per person (older records may hold a repeat).
    const followUp = record.followUps.find((f) => f.by === actor.userId);
    if (followUp && new Date(followUp.dueAt) >= now) {
      followUps.push(fillTemplate(h.followUpLine, { when: describeInZone(new Date(followUp.dueAt), zone, now, ctx.lang), meeting: describeMeeting(ctx, record, zone, now) }));
    }
  }
  if (!lines.length) return textReply(fillTemplate(h.noneVisible, { company: canonical }));

  const blocks: Block[] = [{ type: 'heading', text: fillTemplate(h.heading, { company: canonical }) }, { type: 'list', items: lines }];
  if (scored.length >= 2) {
    const first = scored[0]!.score!;
    const last = scored.at(-1)!.score!;
    const trend = last - first >= DIRECTION_STEP ? h.trendUp : first - last >= DIRECTION_STEP ? h.trendDown : h.trendFlat;
    blocks.push({ type: 'text', text: fillTemplate(trend, { first, last }) });
    const directions = directionsBetween(ctx, scored.at(-2)!, scored.at(-1)!);
    if (directions.length) blocks.push({ type: 'context', text: h.directionsHeading }, { type: 'list', items: directions });
  }
  if (asks.length) blocks.push({ type: 'heading', text: h.openAsksHeading }, { type: 'list', items: [...new Set(asks)].sort() });
  if (followUps.length) blocks.push({ type: 'heading', text: h.followUpsHeading }, { type: 'list', items: followUps });
  return { text: fillTemplate(h.heading, { company: canonical }), blocks, visibility: 'private' };
}

function directionsBetween(ctx: DebriefContext, before: DebriefScore, after: DebriefScore): string[] {
  const h = ctx.debriefPrompts.history;
  return CHARACTERISTIC_IDS.flatMap((id) => {
    const a = before.perCharacteristic[id];
    const b = after.perCharacteristic[id];
    if (a === undefined || b === undefined || Math.abs(b - a) < DIRECTION_STEP) return [];
    return [`${itemShortName(ctx.guide.get(id)!)}: ${b > a ? h.improving : h.slipping} (${a} → ${b})`];
  });
}
