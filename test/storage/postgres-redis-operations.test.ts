import { Pool } from 'pg';
import type { Clock } from '../../src/base/clock';
import { openPostgresPool } from '../../src/storage/postgres-pool';
import { createPostgresOperations } from '../../src/storage/postgres-operations';
import { createRedisOperations } from '../../src/storage/redis-operations';
import type { StoreOperations } from '../../src/storage/store-operations';
import { describeWithBackend, TEST_POSTGRES_URL, TEST_REDIS_URL } from '../helpers/backends';

// The native operations on real servers, two instances sharing each: what only the database can
// decide (one winner, a limit kept, an entry taken once) is raced here, not just called in turn.

const run = `${process.pid}-${Date.now()}`;
let now = Date.parse('2026-11-25T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const collect = async (keys: AsyncIterable<string>) => { const all: string[] = []; for await (const k of keys) all.push(k); return all.sort(); };

// A schema of its own per run: the tables are created from nothing, as on a fresh database.
const schema = `ops_${run.replace(/-/g, '_')}`;
const schemaUrl = `${TEST_POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const pools: Pool[] = [];

interface Backend {
  /** A second call is a second instance: its own connection (pool or client) on the same server. */
  open(): StoreOperations;
  setUp?(): Promise<void>;
  tearDown?(): Promise<void>;
}

const backends: [string, Backend][] = [
  ['postgres', {
    async setUp() {
      const admin = new Pool({ connectionString: TEST_POSTGRES_URL });
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
    },
    open() {
      const pool = openPostgresPool(schemaUrl, 5000);
      pools.push(pool);
      return createPostgresOperations(pool, { clock, keyvTable: 'engage' });
    },
    async tearDown() {
      await Promise.all(pools.splice(0).map((p) => p.end()));
      const admin = new Pool({ connectionString: TEST_POSTGRES_URL });
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  }],
  ['redis', { open: () => createRedisOperations(TEST_REDIS_URL, { clock, connectTimeoutMs: 5000 }) }],
];

describe.each(backends)('%s operations', (name, backend) => describeWithBackend(name)('', () => {
  let a: StoreOperations;
  let b: StoreOperations;
  const key = (what: string) => `t-${run}:${what}`;
  beforeAll(async () => {
    await backend.setUp?.();
    // Both at once: two instances starting together both create the tables.
    [a, b] = [backend.open(), backend.open()];
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await backend.tearDown?.();
  });

  test('records: written if absent, then only over the version read', async () => {
    const k = key('record');
    expect(await a.records.get(k)).toBeUndefined();
    expect(await a.records.put(k, 'one', undefined)).toBe(1);
    expect(await b.records.put(k, 'other', undefined)).toBeUndefined();
    expect(await b.records.put(k, 'two', 1)).toBe(2);
    expect(await a.records.put(k, 'stale', 1)).toBeUndefined();
    expect(await a.records.get(k)).toEqual({ value: 'two', version: 2 });
    expect(await a.records.delete(k)).toBe(true);
    expect(await a.records.delete(k)).toBe(false);
    expect(await a.records.put(k, 'after delete', 2)).toBeUndefined();
    expect(await a.records.get(k)).toBeUndefined();
  });

  test('records: of 50 concurrent puts over one version, exactly one wins', async () => {
    const k = key('race');
    await a.records.put(k, 'start', undefined);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).records.put(k, `writer ${i}`, 1)));
    const winners = results.flatMap((v, i) => (v === undefined ? [] : [i]));
    expect(winners).toHaveLength(1);
    expect(results[winners[0]!]).toBe(2);
    expect(await b.records.get(k)).toEqual({ value: `writer ${winners[0]}`, version: 2 });
    // Absent too: one creator among many.
    const created = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).records.put(key('fresh'), `c${i}`, undefined)));
    expect(created.filter((v) => v === 1)).toHaveLength(1);
  });

  test('records: keys by prefix, including glob and LIKE characters taken literally', async () => {
    const p = key('list*_%[x]:');
    for (const id of ['1', '2', '3']) await a.records.put(`${p}${id}`, id, undefined);
    await a.records.put(key('list-other'), 'x', undefined);
    expect(await collect(b.records.keys(p))).toEqual([`${p}1`, `${p}2`, `${p}3`]);
  });

  test('keys: more than a page of them, each listed once, none from beside the prefix', async () => {
    const p = key('paged:');
    const ids = Array.from({ length: 1234 }, (_, i) => `${p}${String(i).padStart(5, '0')}`);
    await Promise.all(ids.map((k) => a.records.put(k, 'x', undefined)));
    await Promise.all(ids.slice(0, 700).map((k) => a.sets.add(k, ['m'])));
    await a.records.put(key('paged;after'), 'x', undefined); // ";" follows ":" in byte order
    expect(await collect(b.records.keys(p))).toEqual(ids);
    expect(await collect(b.sets.keys(p))).toEqual(ids.slice(0, 700));
  });

  test('sets: members in insertion order, each once; remove, delete, keys', async () => {
    const k = key('set:U1');
    expect(await a.sets.add(k, ['c', 'a', 'c'])).toBe(2);
    expect(await b.sets.add(k, ['a', 'b'])).toBe(1);
    expect(await a.sets.members(k)).toEqual(['c', 'a', 'b']);
    expect(await a.sets.remove(k, ['a', 'zz'])).toBe(1);
    expect(await a.sets.add(k, ['a'])).toBe(1);
    expect(await b.sets.members(k)).toEqual(['c', 'b', 'a']);
    expect(await a.sets.add(k, [])).toBe(0);
    await a.sets.add(key('set:U2'), ['x']);
    expect(await collect(a.sets.keys(key('set:')))).toEqual([k, key('set:U2')]);
    await b.sets.delete(k);
    expect(await a.sets.members(k)).toEqual([]);
    expect(await collect(a.sets.keys(key('set:')))).toEqual([key('set:U2')]);
  });

  test('sets: max refuses the whole add that would exceed it', async () => {
    const k = key('capped');
    expect(await a.sets.add(k, ['1', '2'], 3)).toBe(2);
    expect(await a.sets.add(k, ['3', '4'], 3)).toBe(0);
    expect(await a.sets.add(k, ['2', '3'], 3)).toBe(1);
    expect(await a.sets.members(k)).toEqual(['1', '2', '3']);
  });

  test('sets: 60 concurrent adds from two instances never go past max, and lose no member below it', async () => {
    const capped = key('concurrent-capped');
    const added = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).sets.add(capped, [`m${i}`], 10)));
    expect(added.reduce((n, x) => n + x, 0)).toBe(10);
    expect(await a.sets.members(capped)).toHaveLength(10);
    const open = key('concurrent-open');
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).sets.add(open, [`m${i}`, `shared`])));
    const members = await b.sets.members(open);
    expect(members).toHaveLength(61);
    expect(new Set(members).size).toBe(61);
  });

  test('queue: takes the due entries soonest first and leases them', async () => {
    const q = key('queue');
    await a.queue.schedule(q, 'late', 3000);
    await a.queue.schedule(q, 'first', 1000);
    await a.queue.schedule(q, 'second', 2000);
    await a.queue.schedule(q, 'future', 90_000);
    await a.queue.schedule(q, 'second', 1500); // moved
    expect(await b.queue.size(q)).toBe(4);
    expect(await a.queue.take(q, 3000, 2, 60_000)).toEqual(['first', 'second']);
    expect(await b.queue.take(q, 3000, 10, 60_000)).toEqual(['late']);
    expect(await a.queue.take(q, 3000, 10, 60_000)).toEqual([]);
    // A lease that ends makes the entry due again (its taker died without rescheduling it).
    expect(await b.queue.take(q, 62_999, 10, 60_000)).toEqual([]);
    expect(await b.queue.take(q, 63_000, 10, 1000)).toEqual(['first', 'late', 'second']); // equal due: by id
    await a.queue.cancel(q, 'late');
    expect(await a.queue.size(q)).toBe(3);
    expect(await a.queue.take(q, 90_000, 10, 1000)).toEqual(['first', 'second', 'future']);
    expect(await a.queue.take(q, 0, 0, 1)).toEqual([]);
  });

  test('queue: two instances taking at once never take the same entry', async () => {
    const q = key('shared-queue');
    const ids = Array.from({ length: 300 }, (_, i) => `r${i}`);
    await Promise.all(ids.map((id, i) => a.queue.schedule(q, id, 1000 + i)));
    const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).queue.take(q, 5000, 10, 60_000)));
    const taken = takes.flat();
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken.sort()).toEqual([...ids].sort());
  });

  test('claims: one winner of 20, leases renewed by their owner only, released early', async () => {
    const occurrence = key('occurrence');
    const won = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim(occurrence, 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const lease = key('lease');
    expect(await a.claim(lease, 30_000, 'instance-a')).toBe(true);
    expect(await a.claim(lease, 30_000, 'instance-a')).toBe(true);
    expect(await b.claim(lease, 30_000, 'instance-b')).toBe(false);
    await b.release(lease, 'instance-b');
    expect(await b.claim(lease, 30_000, 'instance-b')).toBe(false);
    await a.release(lease, 'instance-a');
    expect(await b.claim(lease, 30_000, 'instance-b')).toBe(true);
    const request = key('request');
    expect(await a.claimRequest(request, 60_000)).toBe(true);
    expect(await b.claimRequest(request, 60_000)).toBe(false);
  });

  test('claims: taken again once expired', async () => {
    const k = key('expiring');
    expect(await a.claim(k, 1000)).toBe(true);
    expect(await b.claim(k, 1000)).toBe(false);
    if (name === 'redis') await new Promise((r) => setTimeout(r, 1100)); // Redis expires on its own clock
    else now += 1001;
    expect(await b.claim(k, 1000)).toBe(true);
  });
}));
