import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/base/clock';
import { createBoundedMap } from '../../src/base/create-bounded-map';

// Reminders need the person's time zone and every answer their language; Slack knows both (users.info
// `tz`, and `locale` when asked with include_locale). One lookup per person per few hours is plenty,
// and it must never hold up an answer: a slow or failed lookup means "unknown" (the core falls back to
// UTC and to the language of the text, else English) and is tried again a little later.

const KEEP_MS = 6 * 60 * 60 * 1000;
const RETRY_FAILED_MS = 5 * 60 * 1000;
const LOOKUP_TIMEOUT_MS = 1500;
const MAX_ENTRIES = 10_000;

export interface SlackProfile {
  timeZone?: string;
  /** "es-LA", "pt-BR", "en-US": the language the person set in Slack. */
  locale?: string;
}

export type ProfileLookup = (client: webApi.WebClient, tenantId: string, userId: string) => Promise<SlackProfile>;

export function createProfileCache(clock: Clock): ProfileLookup {
  const cache = createBoundedMap<string, { profile: SlackProfile; expires: number }>(MAX_ENTRIES);
  return async (client, tenantId, userId) => {
    const key = `${tenantId}:${userId}`;
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.profile;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const profile = await Promise.race([
      client.users.info({ user: userId, include_locale: true }).then(
        (r): SlackProfile => ({
          ...(typeof r.user?.tz === 'string' ? { timeZone: r.user.tz } : {}),
          ...(typeof r.user?.locale === 'string' ? { locale: r.user.locale } : {}),
        }),
        (): SlackProfile => ({}),
      ),
      new Promise<SlackProfile>((resolve) => { timer = setTimeout(() => resolve({}), LOOKUP_TIMEOUT_MS); }),
    ]);
    clearTimeout(timer);
    cache.set(key, { profile, expires: now + (profile.timeZone ? KEEP_MS : RETRY_FAILED_MS) });
    return profile;
  };
}
