import type { Clock } from '../base/clock';
import { createReplayTable } from './create-replay-table';

// Request de-duplication (Slack replays and retries) on a store only this process may open: SQLite,
// held by the instance lock. With one process, memory decides as surely as the database, and each
// Slack request no longer waits for an SQLite upsert: that upsert was most of the bot's own cost per
// slash command (bench/bench-slack.ts). The decisions still reach the database, in one statement
// every FLUSH_MS, so after a restart a request seen before it is still refused; only the last
// FLUSH_MS before a crash can be forgotten.

const FLUSH_MS = 100;
/**
 * Beyond this many remembered requests the older half leave memory, and until they would have
 * expired a miss asks the database again (a claim, as on every other store). 24 bytes a slot, at most a
 * third full after a rebuild: 24 MB when full, 10 minutes at 660 requests a second.
 */
export const MAX_IN_MEMORY = 400_000;

export interface RequestLedger {
  /** Unexpired request keys with their expiry (ms), oldest first, at most `limit`. */
  load(now: number, limit: number): Promise<[string, number][]>;
  /** Writes the rows in one go. */
  save(rows: [string, number][]): Promise<void>;
  /** The durable claim, for a key memory no longer covers. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

export function claimRequestsInMemory(ledger: RequestLedger, clock: Clock, maxInMemory = MAX_IN_MEMORY) {
  const seen = createReplayTable(maxInMemory);
  let pending: [string, number][] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  let ready = false;
  // One row more than memory holds: if the table has that many, memory knows it cannot hold them all.
  const loaded = ledger.load(clock.now().getTime(), maxInMemory + 1).then((rows) => {
    const now = clock.now().getTime();
    for (const [key, expires] of rows) seen.claim(key, expires, now);
    ready = true;
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
      if (!ready) await loaded;
      const now = clock.now().getTime();
      if (now < seen.droppedUntil) {
        // Memory no longer covers the whole window: on a miss the database decides, and has the row already.
        if (seen.has(key, now) || !(await ledger.claim(key, ttlMs))) return false;
        const then = clock.now().getTime();
        seen.claim(key, then + ttlMs, then);
        return true;
      }
      if (!seen.claim(key, now + ttlMs, now)) return false;
      pending.push([key, now + ttlMs]);
      if (!timer) {
        timer = setTimeout(() => void flush(), FLUSH_MS);
        timer.unref?.(); // a pending write never keeps the process alive; close() writes it
      }
      return true;
    },
    async close() {
      if (timer) clearTimeout(timer);
      await loaded.catch(() => undefined);
      await flush();
    },
  };
}
