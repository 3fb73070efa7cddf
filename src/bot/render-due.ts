import type { DueRenderer } from '../base/feature';
import type { Reply } from '../base/reply';
import type { Clock } from '../base/clock';
import { renderDelivery, type Reminder, type ReminderMessages } from '../remind';

/**
 * What a due reminder says when it is delivered: the feature that owns its kind renders it (a
 * debrief invitation, for the person it names), any other is the person's own reminder in their words.
 */
export function createDueRenderer(owners: ReadonlyMap<string, DueRenderer>, o: { reminderMessages: ReminderMessages; clock: Clock }) {
  return async (r: Reminder, late: boolean): Promise<Reply | undefined> => {
    const owner = owners.get(r.kind);
    const { platform, tenantId, userId } = r.target;
    if (owner && r.ref && userId) return owner({ kind: r.kind, ref: r.ref, id: r.id, recipient: { platform, tenantId, userId } });
    return renderDelivery(o.reminderMessages, r, late, o.clock.now());
  };
}
