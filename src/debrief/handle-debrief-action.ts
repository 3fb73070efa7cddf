import type { DebriefContext } from './debrief-context';
import type { IncomingAction } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { answerForm } from './debrief-service';
import { debriefEndedMeeting } from './offer-debrief';
import { describeInZone, zoneOrUtc } from '../base/zoned-time';
import { combineRatings } from './score-debrief';
import { DEBRIEF_ACTIONS, followUpOffer, renderScore, renderSharedText } from './render-debrief-result';
import { describeMeeting } from './describe-meeting';
import { combinedReady, isParticipant } from './debrief-access';

const DAY_MS = 24 * 3600 * 1000;

/** Buttons on debrief messages. The value is a debrief id, looked up in the clicker's own workspace only. */
export async function handleDebriefAction(ctx: DebriefContext, action: IncomingAction): Promise<Reply | undefined> {
  const e = ctx.debriefPrompts.errors;
  const r = ctx.debriefPrompts.result;
  const actor = action.actor;
  if (!Object.values(DEBRIEF_ACTIONS).includes(action.action as never)) return undefined;
  if (action.action === DEBRIEF_ACTIONS.begin) return debriefEndedMeeting(ctx, actor, action.value);
  const record = await ctx.debriefs.get(actor, action.value);
  if (!record) return textReply(e.unknownDebrief);
  if (!isParticipant(record, actor.userId)) return textReply(e.notInvited);

  switch (action.action) {
    case DEBRIEF_ACTIONS.open:
      return (await answerForm(ctx, actor, record.id)) ?? textReply(e.unknownDebrief);
    case DEBRIEF_ACTIONS.combined: {
      if (!combinedReady(ctx, record)) {
        return textReply(fillTemplate(r.notYetCombined, { count: record.respondents.length, min: ctx.debriefSettings.minRespondents }));
      }
      const responses = await ctx.debriefs.responses(actor, record);
      const result = combineRatings(responses.map((x) => x.ratings), ctx.debriefPrompts.scoring);
      const heading = fillTemplate(r.headingCombined, { company: record.company, count: responses.length });
      const reply = renderScore(ctx, record, result, heading, followUpOffer(result, responses, actor.userId));
      reply.blocks.push(...renderSharedText(ctx, responses));
      return reply;
    }
    case DEBRIEF_ACTIONS.followUp: {
      const zone = zoneOrUtc(actor.timeZone);
      const now = ctx.clock.now();
      const values = { company: record.company, meeting: describeMeeting(ctx, record, zone, now) };
      const said = (template: string, dueAt: Date) => textReply(fillTemplate(template, { ...values, when: describeInZone(dueAt, zone, now, ctx.lang) }));
      // One follow-up per person and debrief, however often the button is pressed. The record answers
      // for presses far apart (and follow-ups set before reminders had keys); the reminder's key for
      // two presses at once, which both find the record without one.
      const earlier = record.followUps.find((f) => f.by === actor.userId);
      if (earlier) return said(r.followUpExists, new Date(earlier.dueAt));
      let created: { dueAt: Date; existed?: boolean };
      try {
        created = await ctx.reminders.create({
          owner: actor,
          target: { platform: actor.platform, tenantId: actor.tenantId, userId: actor.userId },
          text: fillTemplate(r.followUpText, values),
          dueAt: new Date(now.getTime() + ctx.debriefSettings.followUpDays * DAY_MS),
          timeZone: zone,
          kind: 'reminder',
          ref: record.id,
          onceKey: `debrief-follow-up:${record.id}`,
        });
      } catch (err) {
        ctx.logger.warn({ event: 'debrief.followup_failed', debrief: record.id, error: (err as Error)?.name }, 'follow-up reminder failed');
        return textReply(e.reminderFailed);
      }
      if (created.existed) return said(r.followUpExists, created.dueAt);
      await ctx.debriefs.save({ ...record, followUps: [...record.followUps, { dueAt: created.dueAt.toISOString(), by: actor.userId }] });
      return said(r.followUpSet, created.dueAt);
    }
    default:
      return undefined;
  }
}
