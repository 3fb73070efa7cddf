import { Database, type Statement } from 'sqlite3';
import type { Clock } from '../base/clock';
import type { Claims, DueQueue, MemberSets, StoreOperations, VersionedRecords } from './store-operations';
import { EXPIRED_KEYV_ROWS } from './expired-keyv-rows';
import { claimRequestsInMemory } from './claim-requests-in-memory';
import { PRUNE_EVERY_MS, REQUEST, PAGE, TOP, CLAIMS, RECORDS, SETS, QUEUE } from './store-names';

// The store's atomic operations in SQLite, on two connections of their own (durable and relaxed,
// see createSqliteOperations). Every decision is one
// statement (a conditional INSERT/UPDATE with RETURNING, or an INSERT ... SELECT that checks a
// set's size as it adds), so SQLite's write lock settles races between callers and between
// connections; nothing here waits on anything of its own.

/** Request rows per batched insert: 2 parameters each, well under SQLite's limit of 32,766. */
const SAVE_CHUNK = 500;

const CREATE = [
  `CREATE TABLE IF NOT EXISTS ${CLAIMS} (key VARCHAR(512) PRIMARY KEY, owner VARCHAR(255) NOT NULL, expires BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${RECORDS} (key TEXT PRIMARY KEY, value TEXT NOT NULL, version INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${SETS} (key TEXT NOT NULL, member TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, member))`,
  `CREATE INDEX IF NOT EXISTS ${SETS}_order ON ${SETS} (key, seq)`,
  // taken_due: the due time an entry had when it was last taken (its lease hides it in `due`).
  `CREATE TABLE IF NOT EXISTS ${QUEUE} (queue TEXT NOT NULL, id TEXT NOT NULL, due INTEGER NOT NULL, taken_due INTEGER, PRIMARY KEY (queue, id))`,
  `CREATE INDEX IF NOT EXISTS ${QUEUE}_due ON ${QUEUE} (queue, due)`,
];

// One statement: insert, or take over an expired row, or renew our own lease. RETURNING tells us
// whether this caller won; SQLite's write lock serialises concurrent attempts.
const CLAIM = `INSERT INTO ${CLAIMS} (key, owner, expires) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
  WHERE ${CLAIMS}.expires <= ? OR (excluded.owner <> '' AND ${CLAIMS}.owner = excluded.owner)
  RETURNING key`;

// ?1 key, ?2 members as a JSON array, ?3 max (null for none). The members not yet in the set, each
// once, in the order given, after the current last one; nothing at all when `max` would be exceeded.
const ADD_MEMBERS = `WITH given(m, ord) AS (SELECT value, min(key) FROM json_each(?2) GROUP BY value),
  fresh AS (SELECT m, ord FROM given WHERE NOT EXISTS (SELECT 1 FROM ${SETS} s WHERE s.key = ?1 AND s.member = given.m)),
  top AS (SELECT coalesce(max(seq), 0) AS seq, count(*) AS n FROM ${SETS} WHERE key = ?1)
  INSERT INTO ${SETS} (key, member, seq)
  SELECT ?1, fresh.m, top.seq + row_number() OVER (ORDER BY fresh.ord) FROM fresh, top
  WHERE ?3 IS NULL OR top.n + (SELECT count(*) FROM fresh) <= ?3`;

// One statement picks the due entries and moves them to the lease end, under SQLite's write lock:
// two takers never get the same entry. RETURNING sees only the new row, so the due time each had
// is kept beside it (SET reads the old values) to hand them out soonest first.
const TAKE = `UPDATE ${QUEUE} SET taken_due = due, due = ?1
  WHERE queue = ?2 AND id IN (SELECT id FROM ${QUEUE} WHERE queue = ?2 AND due <= ?3 ORDER BY due, id LIMIT ?4)
  RETURNING id, taken_due`;

export interface SqliteOperationsOptions {
  clock: Clock;
  /** The table keyv keeps its namespaces in: its expired rows are pruned with the claims. */
  keyvTable: string;
  pruneEveryMs?: number;
}

interface Connection {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement that writes; resolves to how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs a statement once, unprepared (its text varies with its number of rows). */
  once(sql: string, params: unknown[]): Promise<void>;
}

/**
 * The operations on the SQLite file at `path`, on two connections that `close` closes: a durable
 * one for what people wrote (each commit waits for the disk) and a relaxed one for claims and
 * delivery bookkeeping (see StoreOperations.relaxed).
 */
export function createSqliteOperations(path: string, { clock, keyvTable, pruneEveryMs = PRUNE_EVERY_MS }: SqliteOperationsOptions): StoreOperations & { ready: Promise<void> } {
  const durableDb = new Database(path);
  const relaxedDb = new Database(path);
  const durableReady = openConnection(durableDb, 'FULL');
  // The tables exist once the durable connection has made them.
  const relaxedReady = durableReady.then(() => openConnection(relaxedDb, 'NORMAL'));
  const durable = preparedConnection(durableDb, durableReady);
  const relaxed = preparedConnection(relaxedDb, relaxedReady);
  const claims = sqliteClaims(relaxed.connection, clock);
  const pruning = setInterval(() => {
    // The next round tries again if this one fails. keyv's expiry is its own Date.now().
    relaxed.connection.run(`DELETE FROM ${CLAIMS} WHERE expires <= ?`, [clock.now().getTime()])
      .then(() => relaxed.connection.run(EXPIRED_KEYV_ROWS.sqlite(keyvTable), [Date.now()]))
      .catch(() => undefined);
  }, pruneEveryMs);
  pruning.unref?.();
  const data = (c: Connection) => ({ records: sqliteRecords(c), sets: sqliteSets(c), queue: sqliteQueue(c) });
  return {
    claim: claims.claim,
    release: claims.release,
    claimRequest: claims.claimRequest,
    ...data(durable.connection),
    relaxed: data(relaxed.connection),
    /** Settled once the file is in WAL mode and the tables exist (rejected never: see preparedConnection). */
    ready: relaxedReady.catch(() => undefined),
    async close() {
      clearInterval(pruning);
      await claims.close();
      await Promise.all([durable.finalize(), relaxed.finalize()]);
      await Promise.all([durableDb, relaxedDb].map((db) => new Promise<void>((resolve) => db.close(() => resolve()))));
    },
  };
}

/** Settings and tables; resolves once the connection may be used. */
async function openConnection(db: Database, synchronous: 'FULL' | 'NORMAL'): Promise<void> {
  const exec = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (err) => (err ? reject(err) : resolve())));
  // In the default rollback journal every write waited for its own fsync, which bounded the sweep
  // and the Slack replay check alike (bench/bench-reminders.ts, bench/bench-slack.ts). In WAL, with
  // synchronous=NORMAL a commit does not wait for the disk and the file stays consistent after a
  // crash, but a power cut may forget the last writes: right for claims and delivery bookkeeping,
  // not for what a person entrusted, which keeps FULL (a FULL commit also syncs every earlier
  // NORMAL one, so order is kept). Switching to WAL needs the file to itself and SQLite answers
  // SQLITE_BUSY while the keyv connections opened alongside are creating their table: try again
  // briefly, without waiting for the file meanwhile (a wait holds a lock that makes their writes
  // fail at once). Asked first, before the keyv connections have opened, it rarely has to. WAL is
  // kept in the file, so once it took it stays; if it never takes, every operation is still
  // correct, only slower.
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await exec('PRAGMA journal_mode = WAL');
      break;
    } catch (err) {
      if (!/SQLITE_BUSY/.test(String((err as Error)?.message))) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  await exec('PRAGMA busy_timeout = 5000');
  await exec(`PRAGMA synchronous = ${synchronous}`);
  if (synchronous === 'FULL') for (const sql of CREATE) await exec(sql);
  // A deleted row's bytes are overwritten, not left in the file's free space: what forget me,
  // retention and migrations delete must leave the disk too.
  await exec('PRAGMA secure_delete = ON');
}

/** Statements prepared once per SQL text: parsing and planning them on every call cost a good part of each. */
function preparedConnection(db: Database, ready: Promise<void>): { connection: Connection; finalize(): Promise<void> } {
  ready.catch(() => undefined); // reported by the first operation that awaits it, not as unhandled
  const statements = new Map<string, Promise<Statement>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = ready.then(() => new Promise<Statement>((resolve, reject) => {
        const s = db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
      }));
      statements.set(sql, statement);
      statement.catch(() => statements.delete(sql));
    }
    return statement;
  };
  return {
    connection: {
      all: async <T>(sql: string, params: unknown[] = []) => {
        const s = await prepare(sql);
        return new Promise<T[]>((resolve, reject) => s.all(params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
      },
      once: async (sql, params) => {
        await ready;
        await new Promise<void>((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
      },
      run: async (sql, params = []) => {
        const s = await prepare(sql);
        return new Promise<number>((resolve, reject) => s.run(params, function (this: { changes: number }, err: Error | null) { return err ? reject(err) : resolve(this.changes); }));
      },
    },
    async finalize() {
      const all = [...statements.values()];
      statements.clear();
      await Promise.all(all.map((p) => p.then((s) => new Promise<void>((resolve) => s.finalize(() => resolve())), () => undefined)));
    },
  };
}

function sqliteClaims(connection: Connection, clock: Clock): Claims & { close(): Promise<void> } {
  const claim = async (key: string, ttlMs: number, owner = '') => {
    const now = clock.now().getTime();
    return (await connection.all(CLAIM, [key, owner, now + ttlMs, now])).length === 1;
  };
  // Replay checks run on every incoming Slack request. SQLite has one instance (the instance lock),
  // so they are decided in memory and written behind (claim-requests-in-memory.ts): with an SQLite
  // write per request the bot kept about two thirds of bare Bolt's throughput (docs/performance.md).
  const requests = claimRequestsInMemory({
    load: async (now, limit) => (await connection.all<{ key: string; expires: number }>(
      `SELECT key, expires FROM ${CLAIMS} WHERE key LIKE '${REQUEST}%' AND expires > ? ORDER BY expires DESC LIMIT ?`, [now, limit]))
      .reverse().map((r) => [r.key, Number(r.expires)] as [string, number]),
    async save(rows) {
      for (let i = 0; i < rows.length; i += SAVE_CHUNK) {
        const chunk = rows.slice(i, i + SAVE_CHUNK);
        await connection.once(`INSERT INTO ${CLAIMS} (key, owner, expires) VALUES ${chunk.map(() => "(?, '', ?)").join(', ')}
          ON CONFLICT (key) DO UPDATE SET owner = '', expires = excluded.expires`, chunk.flat());
      }
    },
    claim,
  }, clock);
  return {
    claim,
    claimRequest: (key, ttlMs) => requests.claimRequest(REQUEST + key, ttlMs),
    async release(key, owner) { await connection.run(`DELETE FROM ${CLAIMS} WHERE key = ? AND owner = ?`, [key, owner]); },
    close: () => requests.close(),
  };
}

/** The distinct keys of `table` starting with `prefix`, a page at a time in key order. */
async function* keysWithPrefix(connection: Connection, table: string, prefix: string): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const rows = await connection.all<{ key: string }>(
      `SELECT DISTINCT key FROM ${table} WHERE key >= ? AND key < ? AND key > ? ORDER BY key LIMIT ${PAGE}`, [prefix, prefix + TOP, after ?? '']);
    for (const row of rows) if (row.key !== after) yield row.key;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.key;
  }
}

function sqliteRecords(connection: Connection): VersionedRecords {
  return {
    async get(key) {
      const [row] = await connection.all<{ value: string; version: number }>(`SELECT value, version FROM ${RECORDS} WHERE key = ?`, [key]);
      return row && { value: row.value, version: Number(row.version) };
    },
    async put(key, value, expected) {
      const [row] = expected === undefined
        ? await connection.all<{ version: number }>(`INSERT INTO ${RECORDS} (key, value, version) VALUES (?, ?, 1) ON CONFLICT (key) DO NOTHING RETURNING version`, [key, value])
        : await connection.all<{ version: number }>(`UPDATE ${RECORDS} SET value = ?, version = version + 1 WHERE key = ? AND version = ? RETURNING version`, [value, key, expected]);
      return row ? Number(row.version) : undefined;
    },
    delete: async (key) => (await connection.run(`DELETE FROM ${RECORDS} WHERE key = ?`, [key])) > 0,
    keys: (prefix) => keysWithPrefix(connection, RECORDS, prefix),
  };
}

function sqliteSets(connection: Connection): MemberSets {
  return {
    add: async (key, members, max) => (members.length ? connection.run(ADD_MEMBERS, [key, JSON.stringify(members), max ?? null]) : 0),
    remove: async (key, members) =>
      (members.length ? connection.run(`DELETE FROM ${SETS} WHERE key = ? AND member IN (SELECT value FROM json_each(?))`, [key, JSON.stringify(members)]) : 0),
    members: async (key) => (await connection.all<{ member: string }>(`SELECT member FROM ${SETS} WHERE key = ? ORDER BY seq`, [key])).map((r) => r.member),
    async delete(key) { await connection.run(`DELETE FROM ${SETS} WHERE key = ?`, [key]); },
    keys: (prefix) => keysWithPrefix(connection, SETS, prefix),
  };
}

function sqliteQueue(connection: Connection): DueQueue {
  return {
    async schedule(queue, id, dueAt) {
      await connection.run(`INSERT INTO ${QUEUE} (queue, id, due) VALUES (?, ?, ?) ON CONFLICT (queue, id) DO UPDATE SET due = excluded.due`, [queue, id, dueAt]);
    },
    async cancel(queue, id) { await connection.run(`DELETE FROM ${QUEUE} WHERE queue = ? AND id = ?`, [queue, id]); },
    async take(queue, now, limit, leaseMs) {
      if (limit <= 0) return [];
      const rows = await connection.all<{ id: string; taken_due: number }>(TAKE, [now + leaseMs, queue, now, limit]);
      return rows.sort((x, y) => x.taken_due - y.taken_due || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map((r) => r.id);
    },
    size: async (queue) => Number((await connection.all<{ n: number }>(`SELECT count(*) AS n FROM ${QUEUE} WHERE queue = ?`, [queue]))[0]!.n),
  };
}
