import { Database } from 'sqlite3';
import type { Pool } from 'pg';
import type { createClient as CreateRedisClient } from '@redis/client';
import type { Clock } from '../base/clock';
import type { StoreKind } from './open-storage';
import { redisClientOptions } from './redis-client-options';
import { claimRequestsInMemory } from './claim-requests-in-memory';
import { EXPIRED_KEYV_ROWS } from './expired-keyv-rows';

export interface Claims {
  /**
   * Atomically takes `key` for `ttlMs`. True for exactly one caller across every instance sharing
   * the store. With `owner`, the same owner may take it again (a lease it renews); without, a key
   * is taken once until it expires (dedupe of replays, one delivery per occurrence).
   */
  claim(key: string, ttlMs: number, owner?: string): Promise<boolean>;
  /** Gives a key back early (e.g. a lease at shutdown). Only its owner can. */
  release(key: string, owner: string): Promise<void>;
  /**
   * `claim` for de-duplicating incoming requests (replays, retries): true the first time `key` is
   * seen within `ttlMs`, across every instance sharing the store. On SQLite, which one instance
   * holds, decided in memory and written behind (see claim-requests-in-memory.ts).
   */
  claimRequest(key: string, ttlMs: number): Promise<boolean>;
}

/** Request keys live beside the others, under their own prefix (loaded at start on SQLite). */
const REQUEST = 'request:';
/** Expired claims and keyv rows are deleted this often (SQLite, Postgres; Redis expires its keys itself). */
export const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Rows per batched insert: 2 parameters each, well under SQLite's limit of 32,766. */
const SAVE_CHUNK = 500;

const TABLE = 'engage_claims';
// One statement: insert, or take over an expired row, or renew our own lease. RETURNING tells us
// whether this caller won; the database serialises concurrent attempts on the primary key.
const UPSERT = (p: (n: number) => string) => `
  INSERT INTO ${TABLE} (key, owner, expires) VALUES (${p(1)}, ${p(2)}, ${p(3)})
  ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
  WHERE ${TABLE}.expires <= ${p(4)} OR (excluded.owner <> '' AND ${TABLE}.owner = excluded.owner)
  RETURNING key`;
const CREATE = `CREATE TABLE IF NOT EXISTS ${TABLE} (key VARCHAR(512) PRIMARY KEY, owner VARCHAR(255) NOT NULL, expires BIGINT NOT NULL)`;
// Renews only our own lease; a Redis-side check so two instances cannot both hold it.
const REDIS_CLAIM = `local v = redis.call('GET', KEYS[1])
if (not v) or (ARGV[1] ~= '' and v == ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1] == '' and '-' or ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const REDIS_RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface ClaimsOptions {
  clock: Clock;
  connectTimeoutMs: number;
  /** The table keyv keeps its namespaces in: its expired rows are pruned with the claims. */
  keyvTable: string;
  /** The storage's own Postgres pool, which the storage also ends. */
  pgPool?: Pool;
  pruneEveryMs?: number;
}

export function createClaims(kind: StoreKind, target: string, { clock, connectTimeoutMs, keyvTable, pgPool, pruneEveryMs = PRUNE_EVERY_MS }: ClaimsOptions): Claims & { close(): Promise<void> } {
  switch (kind) {
    case 'memory': {
      const held = new Map<string, { owner: string; expires: number }>();
      const claim = async (key: string, ttlMs: number, owner = '') => {
        const now = clock.now().getTime();
        const current = held.get(key);
        if (current && current.expires > now && !(owner && current.owner === owner)) return false;
        held.set(key, { owner, expires: now + ttlMs });
        return true;
      };
      return {
        claim,
        claimRequest: (key, ttlMs) => claim(REQUEST + key, ttlMs),
        async release(key, owner) { if (held.get(key)?.owner === owner) held.delete(key); },
        async close() { held.clear(); },
      };
    }
    case 'sqlite': {
      const db = new Database(target);
      const run = <T>(sql: string, params: unknown[] = []) =>
        new Promise<T[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
      // Each claim is a transaction. In the default rollback journal each one had its own fsync:
      // about 1.5 ms of waiting, which capped the bot at ~800 Slack requests a second when every
      // request still took one (bench/bench-slack.ts). WAL with synchronous=NORMAL commits without an
      // fsync and stays consistent after a crash; a power cut may forget the last few claims.
      // Switching to WAL needs the file to itself and SQLite answers SQLITE_BUSY at once (no busy
      // wait) while the keyv connections opened alongside are creating their tables: try again
      // briefly. WAL is kept in the file, so once it took it stays; if it never takes, claims are
      // still correct, only slower.
      const useWal = async () => {
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            await run('PRAGMA journal_mode = WAL');
            return;
          } catch (err) {
            if (!/SQLITE_BUSY/.test(String((err as Error)?.message))) throw err;
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const ready = run('PRAGMA busy_timeout = 5000')
        .then(useWal)
        .then(() => run('PRAGMA synchronous = NORMAL'))
        .then(() => run(CREATE));
      ready.catch(() => undefined); // reported by the first claim that awaits it, not as unhandled
      // Prepared once: parsing and planning the upsert on every call was a good part of its cost.
      const upsert = ready.then(() => db.prepare(UPSERT(() => '?')));
      upsert.catch(() => undefined); // reported by the first claim, as above
      const claim = async (key: string, ttlMs: number, owner = '') => {
        const statement = await upsert;
        const now = clock.now().getTime();
        const rows = await new Promise<unknown[]>((resolve, reject) =>
          statement.all([key, owner, now + ttlMs, now], (err: Error | null, r: unknown[]) => (err ? reject(err) : resolve(r))));
        return rows.length === 1;
      };
      const requests = claimRequestsInMemory({
        load: (now, limit) => ready
          .then(() => run<{ key: string; expires: number }>(`SELECT key, expires FROM ${TABLE} WHERE key LIKE '${REQUEST}%' AND expires > ? ORDER BY expires DESC LIMIT ?`, [now, limit]))
          .then((rows) => rows.reverse().map((r) => [r.key, Number(r.expires)] as [string, number])),
        async save(rows) {
          await ready;
          for (let i = 0; i < rows.length; i += SAVE_CHUNK) {
            const chunk = rows.slice(i, i + SAVE_CHUNK);
            await run(`INSERT INTO ${TABLE} (key, owner, expires) VALUES ${chunk.map(() => "(?, '', ?)").join(', ')}
              ON CONFLICT (key) DO UPDATE SET owner = '', expires = excluded.expires`, chunk.flat());
          }
        },
        claim,
      }, clock);
      const pruning = pruneEvery(pruneEveryMs, () => ready.then(async () => {
        await run(`DELETE FROM ${TABLE} WHERE expires <= ?`, [clock.now().getTime()]);
        await run(EXPIRED_KEYV_ROWS.sqlite(keyvTable), [Date.now()]);
      }));
      return {
        claim,
        claimRequest: (key, ttlMs) => requests.claimRequest(REQUEST + key, ttlMs),
        async release(key, owner) { await ready; await run(`DELETE FROM ${TABLE} WHERE key = ? AND owner = ?`, [key, owner]); },
        close: async () => {
          clearInterval(pruning);
          await requests.close();
          await upsert.then((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve())), () => undefined);
          await new Promise<void>((resolve) => db.close(() => resolve()));
        },
      };
    }
    case 'postgres': {
      const pool = pgPool!;
      const ready = pool.query(CREATE).catch((err) => {
        // Two instances creating the table at once: the loser sees a unique violation; the table exists.
        if ((err as { code?: string }).code !== '23505') throw err;
      });
      ready.catch(() => undefined); // reported by the first claim that awaits it, not as unhandled
      const claim = async (key: string, ttlMs: number, owner = '') => {
        await ready;
        const now = clock.now().getTime();
        return (await pool.query(UPSERT((n) => `$${n}`), [key, owner, now + ttlMs, now])).rowCount === 1;
      };
      const pruning = pruneEvery(pruneEveryMs, () => ready.then(async () => {
        await pool.query(`DELETE FROM ${TABLE} WHERE expires <= $1`, [clock.now().getTime()]);
        await pool.query(EXPIRED_KEYV_ROWS.postgres(keyvTable), [Date.now()]);
      }));
      return {
        claim,
        claimRequest: (key, ttlMs) => claim(REQUEST + key, ttlMs),
        async release(key, owner) { await ready; await pool.query(`DELETE FROM ${TABLE} WHERE key = $1 AND owner = $2`, [key, owner]); },
        close: async () => clearInterval(pruning),
      };
    }
    case 'redis': {
      // Loaded here, not at the top: a bot on SQLite or Postgres never needs it (see open-storage.ts).
      const { createClient } = require('@redis/client') as { createClient: typeof CreateRedisClient };
      const client = createClient(redisClientOptions(target, connectTimeoutMs));
      client.on('error', () => undefined); // failures surface as rejected commands
      // Reopened on demand: after a restart outlasts the reconnect attempts the client is closed,
      // and without this every later claim (every Slack request's replay check) would fail.
      const open = async () => { if (!client.isOpen) await client.connect(); };
      const claim = async (key: string, ttlMs: number, owner = '') => {
        await open();
        const won = await client.eval(REDIS_CLAIM, { keys: [`claim:${key}`], arguments: [owner, String(Math.max(1, Math.round(ttlMs)))] });
        return won === 1;
      };
      return {
        claim,
        claimRequest: (key, ttlMs) => claim(REQUEST + key, ttlMs),
        async release(key, owner) { await open(); await client.eval(REDIS_RELEASE, { keys: [`claim:${key}`], arguments: [owner] }); },
        close: async () => { if (client.isOpen) await client.close().catch(() => undefined); },
      };
    }
  }
}

/** Deletes expired rows now and then: without it, every Slack request ever seen stayed a row. */
function pruneEvery(ms: number, prune: () => Promise<unknown>): ReturnType<typeof setInterval> {
  const timer = setInterval(() => { prune().catch(() => undefined); }, ms); // the next round tries again
  timer.unref?.();
  return timer;
}
