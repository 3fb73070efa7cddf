import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import type { Clock } from '../../src/base/clock';
import { describeWithBackend, TEST_POSTGRES_URL, TEST_REDIS_URL } from '../helpers/backends';
import { queryKeys } from '../helpers/query-sqlite';
import { eventually } from '../helpers/eventually';

// The contract of src/storage/store-operations.ts, on every backend: the same answers everywhere,
// and races settled by the store itself (two handles on one store stand for two instances).

const dir = mkdtempSync(join(tmpdir(), 'engage-store-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = `${process.pid}${Date.now().toString(36)}`;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

let now = Date.parse('2026-11-25T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };

const sqliteFile = join(dir, 'ops.sqlite');
const backends: [string, string][] = [
  ['memory', 'memory://'],
  ['sqlite', `sqlite://${sqliteFile}`],
  ['postgres', TEST_POSTGRES_URL],
  ['redis', TEST_REDIS_URL],
];

/** The rows of the claims table whose key contains `part`, read beside the bot's own connections. */
async function claimRows(url: string, part: string): Promise<string[]> {
  if (url.startsWith('sqlite://')) return queryKeys(url.slice('sqlite://'.length), 'SELECT key FROM engage_claims WHERE key LIKE ?', [`%${part}%`]);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT key FROM engage_claims WHERE key LIKE $1', [`%${part}%`])).rows.map((r: { key: string }) => r.key);
  } finally {
    await client.end();
  }
}

describe.each(backends)('%s', (name, url) => (name === 'memory' ? describe : describeWithBackend(name))('', () => {
  const opened: Storage[] = [];
  const open = (pruneEveryMs?: number) => { const s = openStorage(url, { clock, ...(pruneEveryMs ? { pruneEveryMs } : {}) }); opened.push(s); return s; };
  let a: Storage;
  /** A second instance on the same store (memory:// is one process's own: the same handle). */
  let b: Storage;
  beforeAll(() => { a = open(); b = name === 'memory' ? a : open(); });
  afterAll(async () => { await Promise.all(opened.splice(0).map((s) => s.close())); });
  let n = 0;
  /** A key of this test alone: the PostgreSQL and Redis servers are shared with other suites. */
  const fresh = (what: string) => `t${run}-${name}-${++n}:${what}`;

  describe('records', () => {
    test('put with the version read wins once; absent means only if absent', async () => {
      const key = fresh('r');
      expect(await a.records.get(key)).toBeUndefined();
      expect(await a.records.put(key, 'one', undefined)).toBe(1);
      expect(await b.records.put(key, 'again', undefined)).toBeUndefined();
      expect(await b.records.get(key)).toEqual({ value: 'one', version: 1 });
      expect(await b.records.put(key, 'two', 1)).toBe(2);
      expect(await a.records.put(key, 'stale', 1)).toBeUndefined();
      expect(await a.records.get(key)).toEqual({ value: 'two', version: 2 });
      expect(await a.records.delete(key)).toBe(true);
      expect(await a.records.delete(key)).toBe(false);
      expect(await a.records.get(key)).toBeUndefined();
    });

    test('many concurrent puts with the same expected version: exactly one wins, and its value is stored', async () => {
      const key = fresh('race');
      await a.records.put(key, 'start', undefined);
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).records.put(key, `v${i}`, 1)));
      const winners = results.map((r, i) => (r === undefined ? undefined : i)).filter((i) => i !== undefined);
      expect(winners).toHaveLength(1);
      expect(results[winners[0]!]).toBe(2);
      expect(await a.records.get(key)).toEqual({ value: `v${winners[0]}`, version: 2 });
    });

    test('many concurrent creates of one key: exactly one wins', async () => {
      const key = fresh('create');
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).records.put(key, `v${i}`, undefined)));
      expect(results.filter((r) => r !== undefined)).toEqual([1]);
    });

    test('keys lists exactly those with the prefix, wildcards taken literally', async () => {
      const base = fresh('k');
      const mine = [`${base}|a`, `${base}|b%`, `${base}|c_*`];
      for (const k of [...mine, `${base}x|d`, `${base.slice(0, -1)}|e`]) await a.records.put(k, 'v', undefined);
      const listed: string[] = [];
      for await (const k of b.records.keys(`${base}|`)) listed.push(k);
      expect(listed.sort()).toEqual(mine.sort());
    });
  });

  describe('sets', () => {
    test('adds new members once, keeps insertion order, removes and deletes', async () => {
      const key = fresh('s');
      expect(await a.sets.add(key, ['x', 'y', 'x'])).toBe(2);
      expect(await b.sets.add(key, ['y', 'z'])).toBe(1);
      expect(await a.sets.members(key)).toEqual(['x', 'y', 'z']);
      expect(await a.sets.remove(key, ['y', 'nope'])).toBe(1);
      expect(await a.sets.add(key, ['y'])).toBe(1);
      expect(await b.sets.members(key)).toEqual(['x', 'z', 'y']);
      const listed: string[] = [];
      for await (const k of a.sets.keys(key.slice(0, key.lastIndexOf(':')))) listed.push(k);
      expect(listed).toEqual([key]);
      await a.sets.delete(key);
      expect(await a.sets.members(key)).toEqual([]);
    });

    test('with max: nothing is added when the set would hold more', async () => {
      const key = fresh('max');
      expect(await a.sets.add(key, ['a', 'b'], 3)).toBe(2);
      expect(await a.sets.add(key, ['c', 'd'], 3)).toBe(0);
      expect(await a.sets.add(key, ['a'], 3)).toBe(0); // already in: nothing added, nothing refused
      expect(await a.sets.add(key, ['c'], 3)).toBe(1);
      expect(await a.sets.members(key)).toEqual(['a', 'b', 'c']);
    });

    test('concurrent adds with max never exceed it', async () => {
      const key = fresh('crowd');
      const added = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).sets.add(key, [`m${i}`], 10)));
      expect(added.reduce((x, y) => x + y, 0)).toBe(10);
      expect(await a.sets.members(key)).toHaveLength(10);
    });
  });

  describe('queue', () => {
    test('takes the due entries soonest first, leased: not again until the lease ends', async () => {
      const q = fresh('q');
      await a.queue.schedule(q, 'later', now + 60_000);
      await a.queue.schedule(q, 'second', now - 1_000);
      await a.queue.schedule(q, 'first', now - 5_000);
      await a.queue.schedule(q, 'third', now);
      expect(await a.queue.size(q)).toBe(4);
      expect(await b.queue.take(q, now, 2, 30_000)).toEqual(['first', 'second']);
      expect(await a.queue.take(q, now, 10, 30_000)).toEqual(['third']);
      expect(await a.queue.take(q, now + 29_000, 10, 30_000)).toEqual([]);
      // The taker died: its lease ends and the entries come due again, with the one now due.
      expect(await a.queue.take(q, now + 60_000, 10, 30_000)).toEqual(['first', 'second', 'third', 'later']);
      expect(await a.queue.size(q)).toBe(4);
    });

    test('schedule moves a waiting entry; cancel removes it', async () => {
      const q = fresh('move');
      await a.queue.schedule(q, 'x', now + 60_000);
      await a.queue.schedule(q, 'x', now - 1);
      await a.queue.schedule(q, 'y', now - 1);
      await a.queue.cancel(q, 'y');
      expect(await a.queue.size(q)).toBe(1);
      expect(await a.queue.take(q, now, 10, 1_000)).toEqual(['x']);
      await a.queue.cancel(q, 'x');
      expect(await a.queue.size(q)).toBe(0);
    });

    test('concurrent takes never hand out the same entry', async () => {
      const q = fresh('shared');
      for (let i = 0; i < 60; i++) await a.queue.schedule(q, `e${i}`, now - i);
      const taken = (await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).queue.take(q, now, 8, 60_000)))).flat();
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.length).toBe(60);
    });
  });

  describe('claims', () => {
    test('a request is taken once: the same one again is refused, another is not', async () => {
      const key = fresh('slack');
      // An SQLite file is held by one instance (lock-sqlite-instance.ts), which decides its replay
      // checks in memory: two handles on one file are not two instances there.
      const other = name === 'sqlite' ? a : b;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : other).claimRequest(key, 600_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await a.claimRequest(`${key}-other`, 600_000)).toBe(true);
      now += 600_001;
      expect(await a.claimRequest(key, 600_000)).toBe(name !== 'redis'); // Redis expires on its own clock
    });

    if (name !== 'memory') {
      test('a request seen before a restart is still refused after it', async () => {
        const key = fresh('restart');
        const first = openStorage(url, { clock });
        expect(await first.claimRequest(key, 600_000)).toBe(true);
        await first.close();
        const second = open();
        expect(await second.claimRequest(key, 600_000)).toBe(false);
      });
    }

    if (name === 'sqlite' || name === 'postgres') {
      test('expired claims are deleted from the table', async () => {
        const s = open(50);
        const old = fresh('old');
        const young = fresh('young');
        expect(await s.claimRequest(old, 1000)).toBe(true);
        expect(await s.claim(`occurrence:${old}`, 1000)).toBe(true);
        expect(await s.claim(`occurrence:${young}`, 3_600_000)).toBe(true);
        await settle(150); // prunes run meanwhile, but nothing has expired yet
        expect((await claimRows(url, old)).sort()).toEqual([`occurrence:${old}`, `request:${old}`]);
        now += 2000;
        await eventually(async () => expect(await claimRows(url, old)).toEqual([]));
        expect(await claimRows(url, young)).toEqual([`occurrence:${young}`]);
      });
    }
  });
}));
