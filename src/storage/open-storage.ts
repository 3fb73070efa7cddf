import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import type KeyvSqliteType from '@keyv/sqlite';
import type KeyvRedisType from '@keyv/redis';
import { systemClock, type Clock } from '../base/clock';
import type { Pool } from 'pg';
import { redisClientOptions } from './redis-client-options';
import type { DataOperations, StoreOperations } from './store-operations';

// One storage handle per process, chosen by STORE_URL. What needs atomic decisions (claims,
// compare-and-set records, member sets, the due queue) goes through the backend's own operations,
// one file per backend (store-operations.ts); plain records each get a keyv namespace.

export type StoreKind = 'sqlite' | 'postgres' | 'redis' | 'memory';

export interface Storage extends StoreOperations {
  kind: StoreKind;
  relaxed: DataOperations;
  namespace<T>(name: string): Keyv<T>;
  /** Names of the namespaces opened so far: a workspace purge walks them all. */
  namespaceNames(): string[];
  close(): Promise<void>;
}

export class StorageUrlError extends Error {}

/** The one table (SQLite, Postgres) every keyv namespace shares, each row keyed "<namespace>:<key>". */
const KEYV_TABLE = 'engage';

export interface StorageOptions {
  clock?: Clock;
  /** How long to wait for Postgres or Redis before calling it down (ms). */
  connectTimeoutMs?: number;
  /** How often expired claims are deleted (ms); tests shorten it. */
  pruneEveryMs?: number;
}

export function parseStoreUrl(url: string): { kind: StoreKind; target: string } {
  if (url === 'memory://') return { kind: 'memory', target: '' };
  const scheme = url.split(':')[0]!.toLowerCase();
  if (scheme === 'sqlite') {
    const path = url.slice('sqlite://'.length);
    if (!path) throw new StorageUrlError('STORE_URL sqlite:// needs a file path, e.g. sqlite://data/engage-bot.sqlite');
    return { kind: 'sqlite', target: resolve(path) };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') return { kind: 'postgres', target: url };
  if (scheme === 'redis' || scheme === 'rediss') return { kind: 'redis', target: url };
  throw new StorageUrlError(`STORE_URL "${scheme}:" is not supported; use sqlite://path/file.sqlite, postgres://… or redis://…`);
}

/** Opens storage for STORE_URL. Errors from the database surface as errors, never as missing data. */
export function openStorage(url: string, { clock = systemClock, connectTimeoutMs = 5000, pruneEveryMs }: StorageOptions = {}): Storage {
  const { kind, target } = parseStoreUrl(url);
  if (kind === 'sqlite') mkdirSync(dirname(target), { recursive: true });
  // Only the chosen backend's client is loaded: pg and the Redis client cost ~200 ms of start-up
  // and ~15 MB that a bot on SQLite never uses (bench/bench-startup.ts).
  const postgres = kind === 'postgres' ? (require('./postgres-pool') as typeof import('./postgres-pool')) : undefined;
  const pgPool: Pool | undefined = postgres?.openPostgresPool(target, connectTimeoutMs);
  const makeStore = (): KeyvStoreAdapter | undefined => {
    switch (kind) {
      case 'memory':
        return undefined;
      case 'sqlite': {
        const sqlite = new (require('@keyv/sqlite').default as typeof KeyvSqliteType)({ uri: `sqlite://${target}`, table: KEYV_TABLE, busyTimeout: 5000 });
        // Its queries wait until the store's own connection has put the file in WAL mode: one that
        // ran meanwhile could find the file locked by the switch and fail at once.
        const query = sqlite.query.bind(sqlite);
        sqlite.query = async (...args: Parameters<typeof query>) => { await sqliteReady; return query(...args); };
        // A deleted row's bytes are overwritten, not left in the file's free space: what forget me,
        // retention and migrations delete must leave the disk too. Per connection, so on each one.
        // A failure here shows on the connection's first real query.
        sqlite.query('PRAGMA secure_delete = ON').catch(() => undefined);
        return sqlite;
      }
      case 'postgres':
        return new postgres!.PooledKeyvPostgres(pgPool!, KEYV_TABLE);
      case 'redis':
        return new (require('@keyv/redis').default as typeof KeyvRedisType)(redisClientOptions(target, connectTimeoutMs), { throwOnConnectError: true, throwOnErrors: true });
    }
  };
  // One Keyv (one connection, one pool) per namespace: asking again returns the same one, so the
  // memory store shares its data and Postgres does not open a pool per caller.
  const opened = new Map<string, Keyv>();
  let closed = false;
  const operations = openOperations(kind, target, { clock, connectTimeoutMs, pgPool, pruneEveryMs });
  const sqliteReady = 'ready' in operations ? operations.ready : undefined;
  return {
    kind,
    claim: operations.claim,
    release: operations.release,
    claimRequest: operations.claimRequest,
    records: operations.records,
    sets: operations.sets,
    queue: operations.queue,
    relaxed: operations.relaxed ?? { records: operations.records, sets: operations.sets, queue: operations.queue },
    namespace<T>(name: string) {
      const existing = opened.get(name);
      if (existing) return existing as Keyv<T>;
      // Work still running at shutdown (a start-up migration) must fail, not open new connections
      // to a store that is closing.
      if (closed) throw new Error('storage is closed');
      const store = makeStore();
      const keyv = new Keyv<T>({ ...(store ? { store } : {}), namespace: name, throwOnErrors: true });
      opened.set(name, keyv as Keyv);
      return keyv;
    },
    namespaceNames: () => [...opened.keys()],
    async close() {
      closed = true;
      const all = [...opened.values()];
      opened.clear();
      await Promise.all(all.map((k) => k.disconnect().catch(() => undefined)));
      await operations.close();
      await pgPool?.end().catch(() => undefined);
    },
  };
}

/** The chosen backend's operations file, loaded only for that backend (see openStorage). */
function openOperations(kind: StoreKind, target: string, o: { clock: Clock; connectTimeoutMs: number; pgPool: Pool | undefined; pruneEveryMs: number | undefined }): StoreOperations {
  const common = { clock: o.clock, keyvTable: KEYV_TABLE, ...(o.pruneEveryMs ? { pruneEveryMs: o.pruneEveryMs } : {}) };
  switch (kind) {
    case 'memory':
      return (require('./memory-operations') as typeof import('./memory-operations')).createMemoryOperations(o.clock);
    case 'sqlite':
      return (require('./sqlite-operations') as typeof import('./sqlite-operations')).createSqliteOperations(target, common);
    case 'postgres':
      return (require('./postgres-operations') as typeof import('./postgres-operations')).createPostgresOperations(o.pgPool!, common);
    case 'redis':
      return (require('./redis-operations') as typeof import('./redis-operations')).createRedisOperations(target, { clock: o.clock, connectTimeoutMs: o.connectTimeoutMs });
  }
}
