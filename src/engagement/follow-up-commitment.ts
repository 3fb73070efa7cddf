import type { EngagementParts } from './engagement-context';
import type { Actor } from '../base/incoming';
import type { Block } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { dayAtHour, describeDay, describeInZone, zoneOrUtc } from '../base/zoned-time';
import { MORNING_HOUR } from '../remind';
import { localDate } from '../debrief';
import type { CompanyRecord, Commitment } from './company-record';

// A commitment is followed up through a reminder of its own kind, one per person following it,
// keyed by the commitment so asking again moves the reminder instead of adding one.

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** "Acme’s commitment, due Sunday 31 January: “publish the audit”. Has it been delivered?" */
export function commitmentQuestion(ctx: EngagementParts, record: CompanyRecord, commitment: Commitment, zone: string): string {
  const c = ctx.engagementPrompts.commitment;
  return commitment.due
    ? fillTemplate(c.dueQuestion, { company: record.company, what: commitment.text, due: describeDay(commitment.due, zone, ctx.clock.now(), ctx.lang) })
    : fillTemplate(c.openQuestion, { company: record.company, what: commitment.text });
}

/**
 * When to ask next whether a commitment was delivered: on `day` at nine when that is still to come,
 * else after the debrief's usual follow-up delay (a commitment reopened after its date, or given
 * none). Never in the past: the reminder service refuses that.
 */
export function followUpTime(ctx: EngagementParts, day: string | undefined, zone: string): Date {
  const now = ctx.clock.now();
  const at = day ? dayAtHour(day, MORNING_HOUR, zone) : undefined;
  if (at && at.getTime() > now.getTime()) return at;
  // The day is today but nine has passed: within the hour rather than in two weeks.
  if (day === localDate(now, zone)) return new Date(now.getTime() + HOUR);
  return new Date(now.getTime() + ctx.debriefSettings.followUpDays * DAY);
}

/** The follow-up reminder of one commitment for one person, at `at`: made once, moved when asked again. Undefined when refused. */
export async function followUpCommitment(ctx: EngagementParts, actor: Actor, record: CompanyRecord, commitment: Commitment, at: Date): Promise<{ id: string; dueAt: Date } | undefined> {
  const zone = zoneOrUtc(actor.timeZone);
  try {
    const made = await ctx.reminders.create({
      owner: actor,
      target: { platform: actor.platform, tenantId: actor.tenantId, userId: actor.userId },
      // Kept on the reminder for the person's own list; delivered, it is rendered from the record.
      text: commitmentQuestion(ctx, record, commitment, zone).slice(0, 500),
      dueAt: at,
      timeZone: zone,
      kind: 'commitment',
      ref: `${record.id}:${commitment.id}`,
      onceKey: `commitment:${record.id}:${commitment.id}`,
    });
    if (made.existed) {
      // Asked again (a new date, a reopened commitment): the same reminder moves, and wakes if it was done.
      const found = await ctx.reminders.find(actor, made.id);
      const waiting = found.ok && found.reminder.status === 'scheduled' && made.dueAt.getTime() === at.getTime();
      if (waiting) return { id: made.id, dueAt: made.dueAt };
      const moved = await ctx.reminders.snooze(actor, made.id, at);
      return moved.ok ? { id: made.id, dueAt: at } : undefined;
    }
    return { id: made.id, dueAt: made.dueAt };
  } catch (err) {
    ctx.logger.warn({ event: 'engagement.followup_failed', record: record.id, error: (err as Error)?.name }, 'commitment follow-up failed');
    return undefined;
  }
}

/** A follow-up for each commitment just recorded, re-dated or reopened, remembered on the commitment. */
export async function followUps(ctx: EngagementParts, actor: Actor, record: CompanyRecord, ids: readonly string[], day?: (c: Commitment) => string | undefined): Promise<Block[]> {
  const zone = zoneOrUtc(actor.timeZone);
  const blocks: Block[] = [];
  const made: { id: string; reminder: string; at: string }[] = [];
  for (const c of record.commitments.filter((x) => ids.includes(x.id))) {
    const set = await followUpCommitment(ctx, actor, record, c, followUpTime(ctx, day ? day(c) : c.due, zone));
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

/** Whoever follows a commitment up, as the owner of their reminder (a reminder is changed only by its owner). */
const follower = (actor: Actor, userId: string): Actor => ({ platform: actor.platform, tenantId: actor.tenantId, userId });

/**
 * A closed commitment's follow-ups stop, everyone's: a delivered one is done, a waiting one
 * cancelled, so nobody's list keeps asking about something delivered.
 */
export async function stopFollowUps(ctx: EngagementParts, actor: Actor, commitment: Commitment, clicked?: string): Promise<void> {
  const all = [...(clicked ? [{ by: actor.userId, id: clicked }] : []), ...commitment.reminders];
  const seen = new Set<string>();
  for (const { by, id } of all) {
    if (seen.has(id)) continue;
    seen.add(id);
    const owner = follower(actor, by);
    const found = await ctx.reminders.find(owner, id);
    if (!found.ok) continue;
    const waiting = found.reminder.status === 'scheduled' || found.reminder.status === 'sending';
    await (waiting ? ctx.reminders.cancel(owner, id) : ctx.reminders.markDone(owner, id)).catch(() => undefined);
  }
}

/**
 * A commitment given a new date: the others following it are asked on the new date too, at nine
 * in their own zone (the one their reminder was set in), not on the old one.
 */
export async function moveOthersFollowUps(ctx: EngagementParts, actor: Actor, commitment: Commitment): Promise<void> {
  if (!commitment.due) return;
  for (const { by, id } of commitment.reminders.filter((x) => x.by !== actor.userId)) {
    const owner = follower(actor, by);
    const found = await ctx.reminders.find(owner, id);
    if (!found.ok || found.reminder.status !== 'scheduled') continue;
    const at = dayAtHour(commitment.due, MORNING_HOUR, zoneOrUtc(found.reminder.timeZone));
    if (at.getTime() > ctx.clock.now().getTime() && at.toISOString() !== found.reminder.dueAt) await ctx.reminders.snooze(owner, id, at).catch(() => undefined);
  }
}
