import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import type { Block } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { visibleScore } from './debrief-access';
import { meetingDay } from './describe-meeting';
import { describeDay, zoneOrUtc } from '../base/zoned-time';

const SHOWN = 5;

/** The person's last debriefs (started, invited to or answered) with what they may see of each score. */
export async function recentDebriefsHomeSection(ctx: DebriefContext, actor: Actor): Promise<Block[]> {
  const h = ctx.debriefPrompts.home;
  const records = await ctx.debriefs.forUser(actor, SHOWN);
  const lines: string[] = [];
  const zone = zoneOrUtc(actor.timeZone);
  const now = ctx.clock.now();
  for (const record of records) {
    const visible = await visibleScore(ctx, actor, record);
    if (visible.kind === 'hidden') continue;
    const score = visible.kind === 'pending' ? ctx.debriefPrompts.history.pending
      : visible.result.score === undefined ? ctx.debriefPrompts.result.notApplicable : `${visible.result.score} (${visible.result.band!.label})`;
    lines.push(fillTemplate(h.line, { date: describeDay(meetingDay(record, zone), zone, now, ctx.lang), company: record.company, score }));
  }
  return [{ type: 'heading', text: h.heading }, lines.length ? { type: 'list', items: lines } : { type: 'context', text: h.empty }];
}
