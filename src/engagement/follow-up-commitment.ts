import type { EngagementContext } from './engagement-context';
import type { Actor } from '../base/incoming';
import { fillTemplate } from '../base/fill-template';
import { describeDay, fromWallTime, zoneOrUtc } from '../base/zoned-time';
import type { CompanyRecord, Commitment } from './company-record';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Follow-ups arrive at the start of the person's working day. */
const MORNING = 9;

/** When to ask whether a commitment was delivered: its date at nine, else the debrief's usual follow-up delay. */
export function followUpTime(ctx: EngagementContext, due: string | undefined, zone: string): Date {
  const now = ctx.clock.now();
  const m = due ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(due) : null;
  const at = m ? fromWallTime({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: MORNING, minute: 0 }, zone) : new Date(now.getTime() + ctx.debriefSettings.followUpDays * DAY);
  // A date that is today, after nine: within the hour rather than never.
  return at.getTime() > now.getTime() ? at : new Date(now.getTime() + HOUR);
}

/**
 * The follow-up reminder of one commitment for one person, at `at`: created once (its key is the
 * commitment's), or moved when the date changed. Undefined when the reminder service refused it.
 */
export async function followUpCommitment(ctx: EngagementContext, actor: Actor, record: CompanyRecord, commitment: Commitment, at: Date): Promise<{ id: string; dueAt: Date } | undefined> {
  const zone = zoneOrUtc(actor.timeZone);
  const now = ctx.clock.now();
  const c = ctx.engagementPrompts.commitment;
  const text = commitment.due
    ? fillTemplate(c.dueQuestion, { company: record.company, what: commitment.text, due: describeDay(commitment.due, zone, now, ctx.lang) })
    : fillTemplate(c.openQuestion, { company: record.company, what: commitment.text });
  try {
    const made = await ctx.reminders.create({
      owner: actor,
      target: { platform: actor.platform, tenantId: actor.tenantId, userId: actor.userId },
      text: text.slice(0, 500),
      dueAt: at,
      timeZone: zone,
      kind: 'commitment',
      ref: `${record.id}:${commitment.id}`,
      onceKey: `commitment:${record.id}:${commitment.id}`,
    });
    if (made.existed && made.dueAt.getTime() !== at.getTime()) {
      const moved = await ctx.reminders.snooze(actor, made.id, at);
      return moved.ok ? { id: made.id, dueAt: at } : undefined;
    }
    return { id: made.id, dueAt: made.dueAt };
  } catch (err) {
    ctx.logger.warn({ event: 'engagement.followup_failed', record: record.id, error: (err as Error)?.name }, 'commitment follow-up failed');
    return undefined;
  }
}
