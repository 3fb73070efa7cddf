import type { Activity } from 'botbuilder';
import type { Actor } from '../../src/base/incoming';

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
  // Teams sends the client's language with every activity ("pt-BR", "ar-SA").
  const locale = typeof activity.locale === 'string' && activity.locale.length <= 35 ? activity.locale : undefined;
  return { platform: 'teams', tenantId, userId, ...(timeZone ? { timeZone } : {}), ...(locale ? { locale } : {}) };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined;
}

/** Zones already checked: building an Intl.DateTimeFormat to test one stood out in a turn's profile
 *  (docs/performance.md, Teams adapter); there are a few hundred zones, so the set stays small. */
const knownZones = new Map<string, boolean>();
const MAX_KNOWN_ZONES = 1000;

function validTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length > 64) return undefined;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    // Made-up names could grow it without end: only real zones are kept once it is full.
    if (knownZones.size < MAX_KNOWN_ZONES || valid) knownZones.set(zone, valid);
  }
  return valid ? zone : undefined;
}
