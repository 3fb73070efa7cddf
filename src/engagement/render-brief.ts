import type { EngagementContext } from './engagement-context';
import type { Actor } from '../base/incoming';
import type { Block, Button, Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { itemShortName } from '../guide/name-item';
import { describeDay, describeInZone, zoneOrUtc } from '../base/zoned-time';
import { listIn } from '../base/language';
import { TIP_ACTIONS } from '../tip';
import type { Ask, CompanyRecord, Meeting } from './company-record';
import { CONFIDENTIALITY, isRestricted } from './engagement-access';
import { READINESS } from './build-prep-form';
import { ENGAGEMENT_ACTIONS, meetingRef } from './engagement-actions';

/** The tip that helps with each gap the brief can find. */
const GAP_TIPS = { measure: 'make-measurable-asks', teams: 'understand-organizational-dynamics' } as const;

interface Gap { text: string; tip: string }

/** What the guide's preparation advice asks for that the meeting does not have yet. */
export function findGaps(ctx: EngagementContext, meeting: Meeting, asks: readonly Ask[]): Gap[] {
  const b = ctx.engagementPrompts.brief;
  const gaps: Gap[] = [];
  asks.forEach((ask, i) => {
    if (!ask.done) gaps.push({ text: fillTemplate(b.gapNoDone, { number: i + 1 }), tip: GAP_TIPS.measure });
    if (!ask.by) gaps.push({ text: fillTemplate(b.gapNoDate, { number: i + 1 }), tip: GAP_TIPS.measure });
  });
  if (!meeting.teams.length) gaps.push({ text: b.gapNoTeams, tip: GAP_TIPS.teams });
  for (const id of READINESS) {
    if (!meeting.readiness.includes(id)) gaps.push({ text: fillTemplate(b.gapReadiness, { item: itemShortName(ctx.guide.get(id)!) }), tip: id });
  }
  return gaps;
}

function askLine(ctx: EngagementContext, ask: Ask, zone: string, now: Date): string {
  const b = ctx.engagementPrompts.brief;
  const by = ask.by ? describeDay(ask.by, zone, now, ctx.lang) : undefined;
  const template = ask.done && by ? b.askDoneBy : ask.done ? b.askDone : by ? b.askBy : b.askLine;
  return fillTemplate(template, { ask: ask.text, done: ask.done ?? '', by: by ?? '' });
}

/** The facts of the brief: goal, time, confidentiality, who is coming, format. */
function briefFields(ctx: EngagementContext, meeting: Meeting, opts: { zone: string; now: Date; shared: boolean }) {
  const b = ctx.engagementPrompts.brief;
  const optionLabel = (formatId: string) => {
    const format = ctx.guide.get(formatId);
    return format?.options?.find((o) => o.id === meeting.formats[formatId])?.label;
  };
  const fields = [
    { label: b.goal, value: meeting.goal },
    { label: b.when, value: meeting.startsAt ? describeInZone(new Date(meeting.startsAt), opts.zone, opts.now, ctx.lang) : meeting.date ? describeDay(meeting.date, opts.zone, opts.now, ctx.lang) : b.notScheduled },
    { label: b.confidentiality, value: optionLabel(CONFIDENTIALITY) ?? '' },
    { label: b.teams, value: listIn(meeting.teams.map((id) => ctx.guide.get(id)).filter(Boolean).map((t) => itemShortName(t!)), ctx.lang) || b.noTeams },
  ];
  // Names of the company's people are personal data: kept out of what is posted to a channel.
  if (meeting.staff && !opts.shared) fields.push({ label: b.staff, value: meeting.staff });
  const format = ctx.guide.ofKind('format').filter((f) => f.id !== CONFIDENTIALITY).map((f) => optionLabel(f.id)).filter(Boolean).join(' · ');
  if (format) fields.push({ label: b.format, value: format });
  return fields;
}

/** The one-screen brief of a prepared meeting; `shared`: as posted to a channel (no buttons to act, no names). */
export function renderBrief(ctx: EngagementContext, actor: Actor, record: CompanyRecord, meeting: Meeting, opts: { shared?: boolean; extra?: Block[] } = {}): Reply {
  const b = ctx.engagementPrompts.brief;
  const zone = zoneOrUtc(actor.timeZone);
  const now = ctx.clock.now();
  const shared = opts.shared === true;
  const asks = record.asks.filter((a) => a.meetingId === meeting.id);
  const heading = fillTemplate(b.heading, { company: record.company, meeting: meeting.title || b.untitled });
  const blocks: Block[] = [{ type: 'heading', text: heading }];
  if (shared) blocks.push({ type: 'context', text: fillTemplate(b.shared, { company: record.company }) });
  blocks.push({ type: 'fields', fields: briefFields(ctx, meeting, { zone, now, shared }) });
  blocks.push({ type: 'heading', text: b.asksHeading }, { type: 'list', ordered: true, items: asks.map((a) => askLine(ctx, a, zone, now)) });
  const ready = READINESS.filter((id) => meeting.readiness.includes(id)).map((id) => itemShortName(ctx.guide.get(id)!));
  if (ready.length) blocks.push({ type: 'context', text: fillTemplate(b.readyLine, { items: ready.join(' · ') }) });
  const gaps = findGaps(ctx, meeting, asks);
  if (!shared) {
    if (gaps.length) {
      blocks.push({ type: 'heading', text: b.gapsHeading });
      for (const gap of gaps) {
        blocks.push({ type: 'text', text: gap.text }, { type: 'actions', buttons: [{ action: TIP_ACTIONS.show, label: itemShortName(ctx.guide.get(gap.tip)!), value: gap.tip }] });
      }
    } else blocks.push({ type: 'context', text: b.noGaps });
  }
  if (isRestricted(meeting)) blocks.push({ type: 'context', text: b.restricted });
  blocks.push(...(opts.extra ?? []));
  if (!shared) blocks.push({ type: 'actions', buttons: briefButtons(ctx, record, meeting) });
  return { text: heading, blocks, visibility: shared ? 'channel' : 'private' };
}

function briefButtons(ctx: EngagementContext, record: CompanyRecord, meeting: Meeting): Button[] {
  const b = ctx.engagementPrompts.brief;
  const ref = meetingRef(record, meeting);
  const buttons: Button[] = [];
  // A confidential meeting's brief is never offered for a channel: not everyone there took part.
  if (!isRestricted(meeting)) buttons.push({ action: ENGAGEMENT_ACTIONS.share, label: b.share, value: ref, sharesHere: true });
  if (!meeting.debriefId) buttons.push({ action: ENGAGEMENT_ACTIONS.debrief, label: b.debriefNow, value: ref, style: 'primary' });
  buttons.push({ action: ENGAGEMENT_ACTIONS.record, label: fillTemplate(b.openRecord, { company: record.company }), value: record.id });
  return buttons;
}
