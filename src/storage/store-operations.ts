// The atomic operations features build on, each implemented natively by every backend in one file
// (memory-operations.ts, sqlite-operations.ts, postgres-operations.ts, redis-operations.ts): SQL
// statements and row locks, Redis commands and Lua. Nothing above this interface takes a lock or
// queues work of its own; two instances sharing a store are kept apart by the store itself.
// Plain records that need none of this stay in keyv namespaces (Storage.namespace).

export interface Claims {
  /**
   * Atomically takes `key` for `ttlMs`. True for exactly one caller across every instance sharing
   * the store. With `owner`, the same owner may take it again (a lease it renews); without, a key
   * is taken once until it expires: set-if-absent with expiry (one delivery per occurrence).
   */
  claim(key: string, ttlMs: number, owner?: string): Promise<boolean>;
  /** Gives a key back early (e.g. a lease at shutdown). Only its owner can. */
  release(key: string, owner: string): Promise<void>;
  /**
   * `claim` for de-duplicating incoming requests (replays, retries): true the first time `key` is
   * seen within `ttlMs`, across every instance sharing the store.
   */
  claimRequest(key: string, ttlMs: number): Promise<boolean>;
}

/** A stored value with the version a conditional write compares against. */
export interface Versioned {
  value: string;
  version: number;
}

/** Records written with compare-and-set: a read-modify-write that lost a race is told so and retries. */
export interface VersionedRecords {
  get(key: string): Promise<Versioned | undefined>;
  /**
   * Writes `value` only if the stored version is still `expected` (`undefined`: only if absent).
   * Returns the new version, or `undefined` when someone else wrote first (nothing is written).
   */
  put(key: string, value: string, expected: number | undefined): Promise<number | undefined>;
  delete(key: string): Promise<boolean>;
  /** Every key starting with `prefix` (workspace purge, erasure, key rotation, migration). */
  keys(prefix: string): AsyncIterable<string>;
}

/** Sets of short strings (ids, keys) kept natively, so two writers never lose each other's members. */
export interface MemberSets {
  /**
   * Adds the members not yet present, after the existing ones (insertion order is kept). With `max`,
   * adds nothing when the set would then hold more than `max` members. Returns how many were added.
   */
  add(key: string, members: readonly string[], max?: number): Promise<number>;
  remove(key: string, members: readonly string[]): Promise<number>;
  /** In insertion order. */
  members(key: string): Promise<string[]>;
  delete(key: string): Promise<void>;
  /** Every set key starting with `prefix`. */
  keys(prefix: string): AsyncIterable<string>;
}

/** Entries waiting for a time; the sweeper takes the due ones without reading the rest. */
export interface DueQueue {
  /** Adds `id` to `queue` due at `dueAt` (epoch ms), or moves it there if it is already waiting. */
  schedule(queue: string, id: string, dueAt: number): Promise<void>;
  cancel(queue: string, id: string): Promise<void>;
  /**
   * Up to `limit` ids due at or before `now`, soonest first, leased to the caller: each one's due
   * time moves to `now + leaseMs`, so other instances skip it until then (SQL: FOR UPDATE SKIP
   * LOCKED; Redis: one Lua script). The caller reschedules or cancels what it took; an entry
   * whose taker died comes due again when the lease ends.
   */
  take(queue: string, now: number, limit: number, leaseMs: number): Promise<string[]>;
  /** How many entries wait in `queue` (any due time). */
  size(queue: string): Promise<number>;
}

/** Records, sets and queue together: what a feature's store is built on. */
export interface DataOperations {
  records: VersionedRecords;
  sets: MemberSets;
  queue: DueQueue;
}

export interface StoreOperations extends Claims, DataOperations {
  /**
   * The same data, for bookkeeping a power cut may undo without harm (a delivery recorded, a queue
   * entry moved: at worst a reminder is sent again, as with a claim). SQLite commits these without
   * waiting for the disk; what a person wrote always goes through the durable ones. Absent: the
   * backend makes every write durable anyway (PostgreSQL, Redis as configured) or none (memory).
   */
  relaxed?: DataOperations;
  close(): Promise<void>;
}
