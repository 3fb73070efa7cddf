import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/base/clock';
import { createBoundedMap } from '../../src/base/create-bounded-map';

// Reminders need the person's time zone; Slack knows it (users.info `tz`). One lookup per person per
// few hours is plenty, and it must never hold up an answer: a slow or failed lookup means "unknown"
// (the core falls back to UTC) and is tried again a little later.

const KEEP_MS = 6 * 60 * 60 * 1000;
const RETRY_FAILED_MS = 5 * 60 * 1000;
const LOOKUP_TIMEOUT_MS = 1500;
const MAX_ENTRIES = 10_000;

export type TimeZoneLookup = (client: webApi.WebClient, tenantId: string, userId: string) => Promise<string | undefined>;

export function createTimeZoneCache(clock: Clock): TimeZoneLookup {
  const cache = createBoundedMap<string, { tz: string | undefined; expires: number }>(MAX_ENTRIES);
  return async (client, tenantId, userId) => {
    const key = `${tenantId}:${userId}`;
    const now = clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.expires > now) return hit.tz;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tz = await Promise.race([
      client.users.info({ user: userId }).then((r) => (typeof r.user?.tz === 'string' ? r.user.tz : undefined), () => undefined),
      new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS); }),
    ]);
    clearTimeout(timer);
    cache.set(key, { tz, expires: now + (tz ? KEEP_MS : RETRY_FAILED_MS) });
    return tz;
  };
}
