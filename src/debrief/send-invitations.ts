import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import type { Block, Reply } from '../base/reply';
import type { DebriefRecord } from './debrief-repo';
import { fillTemplate } from '../base/fill-template';
import { DEBRIEF_ACTIONS } from './render-debrief-result';
import { isParticipant } from './debrief-access';

/** Nudges for an unanswered scheduled debrief: one a day after the meeting, this many times. */
export const NUDGE_DAYS = 1;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Each participant gets their own private invitation through the reminder scheduler (durable,
 * retried, delivered by whichever platform the workspace is on). A failure does not undo the
 * debrief: the starter is told, in one sentence, that invitations did not go out.
 */
export async function sendInvitations(
  ctx: DebriefContext,
  starter: Actor,
  record: DebriefRecord,
  opts: { to: readonly string[]; dueAt: Date; nudge?: boolean },
): Promise<Block[]> {
  const r = ctx.debriefPrompts.result;
  const meeting = record.meeting || ctx.debriefPrompts.defaultMeeting;
  const values = { meeting, company: record.company };
  // "Now" is already the past for the reminder service, which refuses past times: invitations
  // meant to go at once are scheduled a second ahead and leave on the next sweep.
  const dueAt = new Date(Math.max(opts.dueAt.getTime(), ctx.clock.now().getTime() + 1_000));
  try {
    for (const userId of opts.to) {
      const target = { platform: record.platform, tenantId: record.tenantId, userId };
      const base = { owner: starter, target, timeZone: starter.timeZone ?? 'UTC', ref: record.id };
      await ctx.reminders.create({ ...base, text: fillTemplate(ctx.debriefPrompts.schedule.inviteText, values), dueAt, kind: 'debrief-invite' });
      if (opts.nudge) {
        await ctx.reminders.create({ ...base, text: fillTemplate(ctx.debriefPrompts.schedule.nudgeText, values), dueAt: new Date(dueAt.getTime() + NUDGE_DAYS * DAY_MS), kind: 'debrief-nudge' });
      }
    }
  } catch (err) {
    ctx.logger.warn({ event: 'debrief.invite_failed', debrief: record.id, error: (err as Error)?.name }, 'debrief invitations failed');
    return [{ type: 'text', text: ctx.debriefPrompts.errors.inviteFailed }];
  }
  return [{ type: 'context', text: fillTemplate(r.invited, { count: opts.to.length, min: ctx.debriefSettings.minRespondents }) }];
}

/**
 * What a delivered 'debrief-invite' / 'debrief-nudge' reminder shows its recipient: a button that
 * opens their private form. Undefined once they have answered (a nudge then has nothing to say) or
 * when the debrief is gone, so the reminder deliverer can skip it.
 */
export async function renderDebriefInvite(ctx: DebriefContext, recipient: Actor, debriefId: string): Promise<Reply | undefined> {
  const record = await ctx.debriefs.get(recipient, debriefId);
  if (!record || !isParticipant(record, recipient.userId) || record.respondents.includes(recipient.userId)) return undefined;
  const p = ctx.debriefPrompts.invite;
  const values = { company: record.company, meeting: record.meeting || ctx.debriefPrompts.defaultMeeting };
  const text = fillTemplate(p.text, values);
  return {
    text,
    blocks: [
      { type: 'heading', text: fillTemplate(p.heading, values) },
      { type: 'text', text },
      { type: 'actions', buttons: [{ action: DEBRIEF_ACTIONS.open, label: p.button, value: record.id, style: 'primary' }] },
    ],
    visibility: 'private',
  };
}
