import type { Clock } from '../core/clock';

// Request de-duplication (Slack replays and retries) on a store only this process may open: SQLite,
// held by the instance lock. With one process, memory decides as surely as the database, and each
// Slack request no longer waits for an SQLite upsert: that upsert was most of the bot's own cost per
// slash command (bench/bench-slack.ts). The decisions still reach the database, in one statement
// every FLUSH_MS, so after a restart a request seen before it is still refused; only the last
// FLUSH_MS before a crash can be forgotten.

const FLUSH_MS = 100;
/**
 * Beyond this many remembered requests the oldest leave memory and a miss asks the database again:
 * ~100 µs for the claim alone, 140-390 µs more per Slack request in
 * `FULL=1 npx tsx bench/measure-slack-stages.ts`. About 150 bytes each with the receiver's keys
 * (heap measured with --expose-gc over 400,000): ~37 MB when full, 10 minutes at 416 a second.
 */
export const MAX_IN_MEMORY = 250_000;

export interface RequestLedger {
  /** Unexpired request keys with their expiry (ms), oldest first, at most `limit`. */
  load(now: number, limit: number): Promise<[string, number][]>;
  /** Writes the rows in one go. */
  save(rows: [string, number][]): Promise<void>;
  /** The durable claim, for a key memory no longer covers. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

export function claimRequestsInMemory(ledger: RequestLedger, clock: Clock, maxInMemory = MAX_IN_MEMORY) {
  const seen = new Map<string, number>();
  // The same entries in arrival order (one caller, one TTL: expiry order too), to let go of the
  // oldest. Not by iterating the Map: deletions at its front leave holes (V8's ordered hash tables)
  // that every new iterator walks again, a cost growing with the number remembered.
  let orderKeys: string[] = [];
  let orderExpires: number[] = []; // a packed array of doubles: 8 bytes an entry, no tuple objects
  let head = 0;
  let pending: [string, number][] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  /** Until then, memory has let go of requests that have not expired: a miss must ask the database. */
  let incompleteUntil = 0;

  const remember = (key: string, expires: number) => {
    seen.set(key, expires);
    orderKeys.push(key);
    orderExpires.push(expires);
  };
  const forgetOldest = (now: number) => {
    while (head < orderKeys.length) {
      const key = orderKeys[head]!;
      const expires = orderExpires[head]!;
      if (expires > now && seen.size <= maxInMemory) break;
      head++;
      if (seen.get(key) !== expires) continue; // seen again since: a later entry stands for it
      if (expires > now) incompleteUntil = Math.max(incompleteUntil, expires);
      seen.delete(key);
    }
    if (head > 1024 && head * 2 > orderKeys.length) {
      orderKeys = orderKeys.slice(head);
      orderExpires = orderExpires.slice(head);
      head = 0;
    }
  };

  const loaded = ledger.load(clock.now().getTime(), maxInMemory + 1).then((rows) => {
    for (const [key, expires] of rows) remember(key, expires);
    forgetOldest(clock.now().getTime());
  });
  loaded.catch(() => undefined); // reported by the first claim that awaits it, not as unhandled

  const flush = (): Promise<void> => {
    timer = undefined;
    const rows = pending;
    pending = [];
    if (rows.length) {
      writing = writing
        .then(() => ledger.save(rows))
        // Kept for the next flush: memory still refuses these meanwhile.
        .catch(() => { pending = rows.concat(pending).slice(-maxInMemory); });
    }
    return writing;
  };

  return {
    async claimRequest(key: string, ttlMs: number): Promise<boolean> {
      await loaded;
      const now = clock.now().getTime();
      forgetOldest(now);
      const known = seen.get(key);
      if (known !== undefined && known > now) return false;
      // Memory no longer covers the whole window: the database decides, and has the row already.
      const durable = known === undefined && now < incompleteUntil;
      if (durable && !(await ledger.claim(key, ttlMs))) return false;
      remember(key, now + ttlMs);
      if (durable) return true;
      pending.push([key, now + ttlMs]);
      // Unref'd: a pending write never keeps the process alive; close() writes it.
      timer ??= setTimeout(() => void flush(), FLUSH_MS);
      timer.unref?.();
      return true;
    },
    async close() {
      if (timer) clearTimeout(timer);
      await loaded.catch(() => undefined);
      await flush();
    },
  };
}
