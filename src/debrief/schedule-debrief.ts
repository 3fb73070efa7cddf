import type { DebriefContext } from './debrief-context';
import type { Actor, Mention } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { describeInZone, zoneOrUtc } from '../base/zoned-time';
import { parseMeetingTime } from './parse-meeting-time';
import { splitCompany, takeMentions } from './parse-debrief-text';
import { createDebriefService } from './debrief-service';

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

  const participants = [actor.userId, ...mentions.filter((m) => m !== actor.userId)];
  // Invitations that did not go out leave nothing behind: the debrief is saved only once they are queued.
  const started = await createDebriefService(ctx).start(actor, { company, title: when.before, invitees: participants, startsAt: when.start, endsAt: when.end });
  if (!started) return textReply(e.scheduleFailed);
  return textReply(fillTemplate(ctx.debriefPrompts.schedule.done, { when: describeInZone(when.end, timeZone, now, ctx.lang), count: participants.length, company }));
}
