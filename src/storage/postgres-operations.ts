import type { Pool, PoolClient } from 'pg';
import type { Clock } from '../base/clock';
import type { Claims, DueQueue, MemberSets, StoreOperations, VersionedRecords } from './store-operations';
import { EXPIRED_KEYV_ROWS } from './expired-keyv-rows';
import { PRUNE_EVERY_MS, REQUEST, PAGE, TOP, CLAIMS, RECORDS, SETS, QUEUE } from './store-names';

// The store's atomic operations in PostgreSQL: every decision is one conditional statement (or, for
// a set with a limit, a transaction holding an advisory lock on that set), so the database settles
// races between instances and nothing here waits on anything of its own.

const CREATE = [
  `CREATE TABLE IF NOT EXISTS ${CLAIMS} (key VARCHAR(512) PRIMARY KEY, owner VARCHAR(255) NOT NULL, expires BIGINT NOT NULL)`,
  // Keys in byte order (COLLATE "C"): the keys that start with a prefix are then one range of the
  // primary key's index, which `keys(prefix)` reads; a language's collation need not keep them together.
  `CREATE TABLE IF NOT EXISTS ${RECORDS} (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL, version BIGINT NOT NULL)`,
  // seq orders a set's members by insertion; it is only ever assigned under the set's advisory lock.
  `CREATE TABLE IF NOT EXISTS ${SETS} (key TEXT COLLATE "C" NOT NULL, member TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (key, member))`,
  `CREATE INDEX IF NOT EXISTS ${SETS}_order ON ${SETS} (key, seq)`,
  `CREATE TABLE IF NOT EXISTS ${QUEUE} (queue TEXT NOT NULL, id TEXT NOT NULL, due BIGINT NOT NULL, PRIMARY KEY (queue, id))`,
  `CREATE INDEX IF NOT EXISTS ${QUEUE}_due ON ${QUEUE} (queue, due)`,
];
/**
 * Two instances starting at once both run CREATE ... IF NOT EXISTS; the loser of that race sees a
 * unique violation on the catalog (23505), a relation that now exists (42P07), or the table's row type
 * that now exists (42710, seen when two test suites created the tables at once): the table is there.
 */
const ALREADY_CREATED = new Set(['23505', '42P07', '42710']);

// One statement: insert, or take over an expired row, or renew our own lease. RETURNING tells us
// whether this caller won; the database serialises concurrent attempts on the primary key.
const CLAIM = `INSERT INTO ${CLAIMS} (key, owner, expires) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
  WHERE ${CLAIMS}.expires <= $4 OR (excluded.owner <> '' AND ${CLAIMS}.owner = excluded.owner)
  RETURNING key`;

// Members not yet in the set, each once, in the order given, appended after the current last one;
// nothing at all when `max` ($3, null for none) would be exceeded. Run under the set's lock.
const ADD_MEMBERS = `WITH given AS (SELECT m, min(ord) AS ord FROM unnest($2::text[]) WITH ORDINALITY AS u(m, ord) GROUP BY m),
  fresh AS (SELECT m, ord FROM given WHERE NOT EXISTS (SELECT 1 FROM ${SETS} s WHERE s.key = $1 AND s.member = given.m)),
  top AS (SELECT coalesce(max(seq), 0) AS seq, count(*) AS n FROM ${SETS} WHERE key = $1)
  INSERT INTO ${SETS} (key, member, seq)
  SELECT $1, fresh.m, top.seq + row_number() OVER (ORDER BY fresh.ord) FROM fresh, top
  WHERE $3::bigint IS NULL OR top.n + (SELECT count(*) FROM fresh) <= $3::bigint`;

// The due entries no other transaction holds, soonest first, moved to the end of the lease in the
// same statement: a second instance's take skips the locked rows instead of waiting for them.
const TAKE = `WITH picked AS (
    SELECT id, due FROM ${QUEUE} WHERE queue = $1 AND due <= $2 ORDER BY due, id LIMIT $3 FOR UPDATE SKIP LOCKED),
  moved AS (UPDATE ${QUEUE} q SET due = $4 FROM picked WHERE q.queue = $1 AND q.id = picked.id RETURNING q.id, picked.due)
  SELECT id FROM moved ORDER BY due, id`;

export interface PostgresOperationsOptions {
  clock: Clock;
  /** The table keyv keeps its namespaces in: its expired rows are pruned with the claims. */
  keyvTable: string;
  pruneEveryMs?: number;
}

/** The operations on `pool`, which stays the caller's to end (keyv shares it). */
export function createPostgresOperations(pool: Pool, { clock, keyvTable, pruneEveryMs = PRUNE_EVERY_MS }: PostgresOperationsOptions): StoreOperations {
  // Tables are made at start; if the server was down then, the next operation tries again rather
  // than every one failing until a restart.
  let made: Promise<void> | undefined;
  const tables = () => (made ??= createTables(pool).catch((err) => { made = undefined; throw err; }));
  tables().catch(() => undefined); // reported by the first operation that awaits it, not as unhandled
  const query = async (sql: string, params: unknown[]) => {
    await tables();
    return pool.query(sql, params);
  };
  const pruning = setInterval(() => {
    // The next round tries again if this one fails.
    tables().then(async () => {
      await pool.query(`DELETE FROM ${CLAIMS} WHERE expires <= $1`, [clock.now().getTime()]);
      await pool.query(EXPIRED_KEYV_ROWS.postgres(keyvTable), [Date.now()]);
    }).catch(() => undefined);
  }, pruneEveryMs);
  pruning.unref?.();
  return {
    ...postgresClaims(query, clock),
    records: postgresRecords(query),
    sets: postgresSets(query, async () => { await tables(); return pool.connect(); }),
    queue: postgresQueue(query),
    close: async () => clearInterval(pruning),
  };
}

type Query = (sql: string, params: unknown[]) => Promise<{ rows: any[]; rowCount: number | null }>;

async function createTables(pool: Pool): Promise<void> {
  for (const sql of CREATE) {
    await pool.query(sql).catch((err) => {
      if (!ALREADY_CREATED.has((err as { code?: string }).code ?? '')) throw err;
    });
  }
}

function postgresClaims(query: Query, clock: Clock): Claims {
  const claim = async (key: string, ttlMs: number, owner = '') => {
    const now = clock.now().getTime();
    return (await query(CLAIM, [key, owner, now + ttlMs, now])).rowCount === 1;
  };
  return {
    claim,
    claimRequest: (key, ttlMs) => claim(REQUEST + key, ttlMs),
    async release(key, owner) { await query(`DELETE FROM ${CLAIMS} WHERE key = $1 AND owner = $2`, [key, owner]); },
  };
}

/** The distinct keys of `table` starting with `prefix`, a page at a time in byte order. */
async function* keysWithPrefix(query: Query, table: string, prefix: string): AsyncGenerator<string> {
  let after: string | null = null;
  for (;;) {
    const { rows } = await query(`SELECT DISTINCT key COLLATE "C" AS key FROM ${table}
      WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2 AND ($3::text IS NULL OR key COLLATE "C" > $3) ORDER BY 1 LIMIT ${PAGE}`,
    [prefix, prefix + TOP, after]);
    for (const row of rows) yield row.key as string;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].key;
  }
}

function postgresRecords(query: Query): VersionedRecords {
  return {
    async get(key) {
      const { rows } = await query(`SELECT value, version FROM ${RECORDS} WHERE key = $1`, [key]);
      return rows[0] ? { value: rows[0].value, version: Number(rows[0].version) } : undefined;
    },
    async put(key, value, expected) {
      const { rows } = expected === undefined
        ? await query(`INSERT INTO ${RECORDS} (key, value, version) VALUES ($1, $2, 1) ON CONFLICT (key) DO NOTHING RETURNING version`, [key, value])
        : await query(`UPDATE ${RECORDS} SET value = $2, version = version + 1 WHERE key = $1 AND version = $3 RETURNING version`, [key, value, expected]);
      return rows[0] ? Number(rows[0].version) : undefined;
    },
    delete: async (key) => ((await query(`DELETE FROM ${RECORDS} WHERE key = $1`, [key])).rowCount ?? 0) > 0,
    keys: (prefix) => keysWithPrefix(query, RECORDS, prefix),
  };
}

function postgresSets(query: Query, connect: () => Promise<PoolClient>): MemberSets {
  return {
    async add(key, members, max) {
      if (!members.length) return 0;
      const client = await connect();
      try {
        await client.query('BEGIN');
        // Adds to one set take turns in the database (a lock held until COMMIT), so the count that
        // `max` is checked against, and the order, cannot change under the insert.
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${SETS}:${key}`]);
        const { rowCount } = await client.query(ADD_MEMBERS, [key, members, max ?? null]);
        await client.query('COMMIT');
        return rowCount ?? 0;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    remove: async (key, members) => (members.length ? (await query(`DELETE FROM ${SETS} WHERE key = $1 AND member = ANY($2::text[])`, [key, members])).rowCount ?? 0 : 0),
    members: async (key) => (await query(`SELECT member FROM ${SETS} WHERE key = $1 ORDER BY seq`, [key])).rows.map((r) => r.member as string),
    async delete(key) { await query(`DELETE FROM ${SETS} WHERE key = $1`, [key]); },
    keys: (prefix) => keysWithPrefix(query, SETS, prefix),
  };
}

function postgresQueue(query: Query): DueQueue {
  return {
    async schedule(queue, id, dueAt) {
      await query(`INSERT INTO ${QUEUE} (queue, id, due) VALUES ($1, $2, $3) ON CONFLICT (queue, id) DO UPDATE SET due = excluded.due`, [queue, id, dueAt]);
    },
    async cancel(queue, id) { await query(`DELETE FROM ${QUEUE} WHERE queue = $1 AND id = $2`, [queue, id]); },
    take: async (queue, now, limit, leaseMs) =>
      (limit > 0 ? (await query(TAKE, [queue, now, limit, now + leaseMs])).rows.map((r) => r.id as string) : []),
    size: async (queue) => Number((await query(`SELECT count(*) AS n FROM ${QUEUE} WHERE queue = $1`, [queue])).rows[0].n),
  };
}
