import type { Activity } from 'botbuilder';
import type { Actor } from '../../src/core/incoming';

/**
 * Who is asking. The tenant comes from Teams' channel data (the Bot Framework token proves the
 * activity came through Teams); the Emulator sends none and gets "local". The user is the Entra
 * object id when Teams gives it (stable across bots), else the channel account id.
 */
export function toTeamsActor(activity: Partial<Activity>, local: boolean): Actor | undefined {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown } };
  const tenantId = stringOrUndefined(channelData.tenant?.id) ?? stringOrUndefined(activity.conversation?.tenantId) ?? (local ? 'local' : undefined);
  const userId = stringOrUndefined(activity.from?.aadObjectId) ?? stringOrUndefined(activity.from?.id);
  if (!tenantId || !userId) return undefined;
  const timeZone = validTimeZone(activity.localTimezone);
  return { platform: 'teams', tenantId, userId, ...(timeZone ? { timeZone } : {}) };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

function validTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
