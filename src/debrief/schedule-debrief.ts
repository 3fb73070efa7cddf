import { randomUUID } from 'node:crypto';
import type { DebriefContext } from './debrief-context';
import type { Actor, Mention } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import type { DebriefRecord } from './debrief-repo';
import { fillTemplate } from '../base/fill-template';
import { LIMITS, localDate } from './build-debrief-form';
import { describeInZone, zoneOrUtc } from '../base/zoned-time';
import { parseMeetingTime } from './parse-meeting-time';
import { splitCompany, takeMentions } from './parse-debrief-text';
import { sendInvitations } from './send-invitations';

/**
 * `/engage-debrief schedule Acme consultation tomorrow 15:00-16:00 with @amina @jo`: everyone named
 * (and the person asking) gets a private debrief when the meeting ends, and one nudge a day later
 * if they have not answered. Delivery is the reminder scheduler's job, so it survives restarts.
 */
export async function scheduleDebrief(ctx: DebriefContext, actor: Actor, text: string, mentioned: readonly Mention[] = []): Promise<Reply> {
  const e = ctx.debriefPrompts.errors;
  const timeZone = zoneOrUtc(actor.timeZone);
  const now = ctx.clock.now();
  const { rest, mentions } = takeMentions(text, mentioned, ctx.debriefPrompts.joiningWords);
  const known = await ctx.debriefs.companies(actor);
  const { company, rest: afterCompany } = splitCompany(rest, known);
  const when = company ? parseMeetingTime(afterCompany, now, timeZone, ctx.lang) : undefined;
  if (!company || !when) return textReply(e.scheduleUsage);
  if (when.end <= now) return textReply(fillTemplate(e.schedulePast, { company }));

  const record: DebriefRecord = {
    id: randomUUID().replace(/-/g, ''),
    platform: actor.platform,
    tenantId: actor.tenantId,
    company,
    meeting: when.before.slice(0, LIMITS.meeting),
    starter: actor.userId,
    invitees: mentions.filter((m) => m !== actor.userId),
    respondents: [],
    createdAt: now.toISOString(),
    date: localDate(when.start, timeZone),
    meetingEndsAt: when.end.toISOString(),
    confidential: false,
    followUps: [],
  };
  const participants = [actor.userId, ...record.invitees];
  const sent = await sendInvitations(ctx, actor, record, { to: participants, dueAt: when.end, nudge: true });
  // Invitations that did not go out leave nothing behind: the debrief is saved only once they are queued.
  if (sent.some((b) => b.type === 'text')) return textReply(e.scheduleFailed);
  await ctx.debriefs.save(record);
  return textReply(fillTemplate(ctx.debriefPrompts.schedule.done, { when: describeInZone(when.end, timeZone, now, ctx.lang), count: participants.length, company }));
}
