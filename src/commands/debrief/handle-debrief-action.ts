import type { BotContext } from '../../core/bot-context';
import type { IncomingAction } from '../../core/incoming';
import { textReply, type Reply } from '../../core/reply';
import { fillTemplate } from '../../text/fill-template';
import { buildDebriefForm, localDate } from '../../survey/build-debrief-form';
import { combineRatings } from '../../survey/score-debrief';
import { DEBRIEF_ACTIONS, needsFollowUp, renderScore, renderSharedText } from './render-debrief-result';
import { combinedReady, isParticipant } from './debrief-access';

const DAY_MS = 24 * 3600 * 1000;

/** Buttons on debrief messages. The value is a debrief id, looked up in the clicker's own workspace only. */
export async function handleDebriefAction(ctx: BotContext, action: IncomingAction): Promise<Reply | undefined> {
  const e = ctx.debriefPrompts.errors;
  const actor = action.actor;
  if (!Object.values(DEBRIEF_ACTIONS).includes(action.action as never)) return undefined;
  const record = await ctx.debriefs.get(actor, action.value);
  if (!record) return textReply(e.unknownDebrief);
  if (!isParticipant(record, actor.userId)) return textReply(e.notInvited);

  switch (action.action) {
    case DEBRIEF_ACTIONS.open: {
      const form = buildDebriefForm(ctx, actor, {
        state: { kind: 'answer', debriefId: record.id },
        knownCompanies: [],
        intro: fillTemplate(ctx.debriefPrompts.form.introInvited, { company: record.company, min: ctx.debriefSettings.minRespondents }),
      });
      return { text: form.title, blocks: [], visibility: 'private', form };
    }
    case DEBRIEF_ACTIONS.combined: {
      const r = ctx.debriefPrompts.result;
      if (!combinedReady(ctx, record)) {
        return textReply(fillTemplate(r.notYetCombined, { count: record.respondents.length, min: ctx.debriefSettings.minRespondents }));
      }
      const responses = await ctx.debriefs.responses(actor, record);
      const result = combineRatings(responses.map((x) => x.ratings), ctx.debriefPrompts.scoring);
      const heading = fillTemplate(r.headingCombined, { company: record.company, count: responses.length });
      const reply = renderScore(ctx, record, result, heading, needsFollowUp(result, responses));
      reply.blocks.push(...renderSharedText(ctx, responses));
      return reply;
    }
    case DEBRIEF_ACTIONS.followUp: {
      const dueAt = new Date(ctx.clock.now().getTime() + ctx.debriefSettings.followUpDays * DAY_MS);
      const timeZone = actor.timeZone ?? 'UTC';
      let created: { dueAt: Date };
      try {
        created = await ctx.reminders.create({
          owner: actor,
          target: { platform: actor.platform, tenantId: actor.tenantId, userId: actor.userId },
          text: fillTemplate(ctx.debriefPrompts.result.followUpText, { company: record.company }),
          dueAt,
          timeZone,
          kind: 'reminder',
          ref: record.id,
        });
      } catch (err) {
        ctx.logger.warn({ event: 'debrief.followup_failed', debrief: record.id, error: (err as Error)?.name }, 'follow-up reminder failed');
        return textReply(e.reminderFailed);
      }
      await ctx.debriefs.save({ ...record, followUps: [...record.followUps, { dueAt: created.dueAt.toISOString(), by: actor.userId }] });
      return textReply(fillTemplate(ctx.debriefPrompts.result.followUpSet, { date: localDate(created.dueAt, timeZone), company: record.company }));
    }
    default:
      return undefined;
  }
}
