import type { EngagementContext } from './engagement-context';
import type { Actor } from '../base/incoming';
import type { Block } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { describeDay, zoneOrUtc } from '../base/zoned-time';
import { localDate } from '../debrief';
import { visiblePart } from './engagement-access';
import { commitmentRef, ENGAGEMENT_ACTIONS } from './engagement-actions';

const SHOWN = 5;

/** Home (Slack App Home, Teams, console): open commitments across companies, overdue first, then by date. */
export async function openCommitmentsHomeSection(ctx: EngagementContext, actor: Actor): Promise<Block[]> {
  const h = ctx.engagementPrompts.home;
  const zone = zoneOrUtc(actor.timeZone);
  const now = ctx.clock.now();
  const today = localDate(now, zone);
  const open = (await ctx.engagements.all(actor)).flatMap((record) =>
    visiblePart(record, actor.userId).commitments.filter((c) => c.status === 'open').map((c) => ({ record, c })));
  if (!open.length) return [{ type: 'heading', text: h.heading }, { type: 'context', text: h.empty }];
  // Undated last: a date is what makes a commitment checkable.
  open.sort((a, b) => (a.c.due ?? '9999').localeCompare(b.c.due ?? '9999'));
  const lines = open.slice(0, SHOWN).map(({ record, c }) => {
    const values = { company: record.company, what: c.text, due: c.due ? describeDay(c.due, zone, now, ctx.lang) : '' };
    return fillTemplate(!c.due ? h.lineUndated : c.due < today ? h.lineOverdue : h.line, values);
  });
  const blocks: Block[] = [{ type: 'heading', text: h.heading }, { type: 'list', items: lines }];
  blocks.push({ type: 'actions', buttons: open.slice(0, SHOWN).map(({ record, c }) => ({ action: ENGAGEMENT_ACTIONS.outcome, label: fillTemplate(ctx.engagementPrompts.record.logOutcome, { what: c.text }), value: commitmentRef(record, c) })) });
  if (open.length > SHOWN) blocks.push({ type: 'context', text: fillTemplate(h.more, { count: open.length - SHOWN }) });
  return blocks;
}
