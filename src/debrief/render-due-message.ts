import type { BotContext } from '../bot/bot-context';
import type { Reply } from '../base/reply';
import type { Clock } from '../base/clock';
import type { Reminder } from '../remind/reminder-store';
import { renderDelivery } from '../remind/render-reminder';
import { renderDebriefInvite } from './send-invitations';

/**
 * What a due reminder says when it is delivered. Debrief invitations and nudges are rendered by the
 * debrief, at delivery time: someone who has answered in the meantime is not asked again.
 */
export function renderDueMessage(ctx: BotContext, clock: Clock) {
  return async (r: Reminder, late: boolean): Promise<Reply | undefined> => {
    if ((r.kind === 'debrief-invite' || r.kind === 'debrief-nudge') && r.ref && r.target.userId) {
      return renderDebriefInvite(ctx, { platform: r.target.platform, tenantId: r.target.tenantId, userId: r.target.userId }, r.ref);
    }
    return renderDelivery(ctx.reminderCommands!.messages, r, late, clock.now());
  };
}
