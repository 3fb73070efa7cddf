import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import { claimRequestsInMemory, type RequestLedger } from '../../src/storage/claim-requests-in-memory';
import type { Clock } from '../../src/base/clock';
import { describeWithBackend } from '../helpers/backends';
import { freshSqliteUrl, ISOLATED_BACKENDS, isolatedStoreUrl } from '../helpers/isolated-store';
import { queryKeys } from '../helpers/query-sqlite';
import { eventually } from '../helpers/eventually';

// Request de-duplication (Slack replays and retries) and the pruning of expired claims, on each
// backend. Each gets a store of its own: pruning deletes every expired row, by this suite's clock.

const dir = mkdtempSync(join(tmpdir(), 'engage-claim-requests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

let now = Date.parse('2026-11-25T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };

/** The rows of the claims table whose key contains `part`, read beside the bot's own connections. */
async function rowsLike(url: string, part: string): Promise<string[]> {
  if (url.startsWith('sqlite://')) {
    return queryKeys(url.slice('sqlite://'.length), 'SELECT key FROM engage_claims WHERE key LIKE ?', [`%${part}%`]);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT key FROM engage_claims WHERE key LIKE $1', [`%${part}%`])).rows.map((r: { key: string }) => r.key);
  } finally {
    await client.end();
  }
}


describe.each(ISOLATED_BACKENDS)('%s', (name) => describeWithBackend(name)('', () => {
  const url = isolatedStoreUrl(name, freshSqliteUrl(dir, 's'));
  const opened: Storage[] = [];
  const open = (u: string, pruneEveryMs?: number) => { const s = openStorage(u, { clock, ...(pruneEveryMs ? { pruneEveryMs } : {}) }); opened.push(s); return s; };
  afterEach(async () => { await Promise.all(opened.splice(0).map((s) => s.close())); });

  test('a request is taken once: the same one again is refused, another is not', async () => {
    const s = open(url());
    const results = await Promise.all(Array.from({ length: 20 }, () => s.claimRequest('slack:same', 600_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await s.claimRequest('slack:other', 600_000)).toBe(true);
    now += 600_001;
    expect(await s.claimRequest('slack:same', 600_000)).toBe(name === 'redis' ? false : true); // Redis expires on its own clock
  });

  test('a request seen before a restart is still refused after it', async () => {
    const u = url();
    const first = open(u);
    expect(await first.claimRequest('slack:before-restart', 600_000)).toBe(true);
    await first.close();
    const second = open(u);
    expect(await second.claimRequest('slack:before-restart', 600_000)).toBe(false);
  });

  if (name !== 'redis') {
    test('expired claims are deleted from the table', async () => {
      const u = url();
      const s = open(u, 50);
      expect(await s.claimRequest('slack:old', 1000)).toBe(true);
      expect(await s.claim('occurrence:old', 1000)).toBe(true);
      expect(await s.claim('occurrence:fresh', 3_600_000)).toBe(true);
      // Written behind; prunes run meanwhile, but nothing has expired yet.
      await eventually(async () => expect((await rowsLike(u, ':old')).sort()).toEqual(['occurrence:old', 'request:slack:old']));
      await settle(150);
      expect((await rowsLike(u, ':old')).sort()).toEqual(['occurrence:old', 'request:slack:old']);
      now += 2000;
      await eventually(async () => expect(await rowsLike(u, ':old')).toEqual([]));
      expect(await rowsLike(u, ':fresh')).toEqual(['occurrence:fresh']);
    });
  }

  if (name === 'sqlite') {
    test('decided in memory, on the table within a moment without a close (a crash loses at most that moment)', async () => {
      const u = url();
      const s = open(u);
      expect(await s.claimRequest('slack:behind', 600_000)).toBe(true);
      await eventually(async () => expect(await rowsLike(u, 'slack:behind')).toEqual(['request:slack:behind']));
    });
  } else {
    test('two instances: exactly one takes a request', async () => {
      const [a, b] = [open(url()), open(url())];
      const results = await Promise.all([a, b, a, b].map((s) => s.claimRequest('slack:shared', 600_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  }
}));

describe('in memory, with the database behind it', () => {
  const ledger = (rows: [string, number][] = []) => {
    const saved: [string, number][] = [];
    const asked: string[] = [];
    let failSaves = 0;
    const failed: number[] = [];
    const l: RequestLedger = {
      load: async (_now, limit) => [...rows, ...saved].slice(-limit),
      async save(r) { if (failSaves > 0) { failSaves--; failed.push(r.length); throw new Error('disk full'); } saved.push(...r); },
      async claim(key) { asked.push(key); return !rows.some(([k]) => k === key) && !saved.some(([k]) => k === key); },
    };
    return { l, saved, asked, failed, failNextSave: () => { failSaves = 1; } };
  };

  test('requests loaded at start are refused without asking the database', async () => {
    const { l, asked } = ledger([['r1', now + 60_000]]);
    const m = claimRequestsInMemory(l, clock);
    expect(await m.claimRequest('r1', 60_000)).toBe(false);
    expect(await m.claimRequest('r2', 60_000)).toBe(true);
    expect(asked).toEqual([]);
    await m.close();
  });

  test('once memory let go of unexpired requests, a miss asks the database', async () => {
    const { l, asked } = ledger();
    const m = claimRequestsInMemory(l, clock, 3);
    for (const k of ['a', 'b', 'c', 'd']) expect(await m.claimRequest(k, 60_000)).toBe(true);
    await m.close(); // written: 'a' left memory but is on the table
    const again = claimRequestsInMemory(l, clock, 3);
    expect(await again.claimRequest('e', 60_000)).toBe(true);
    expect(await again.claimRequest('f', 60_000)).toBe(true);
    expect(await again.claimRequest('a', 60_000)).toBe(false); // beyond memory, refused by the table
    expect(asked).toContain('a');
    await again.close();
  });

  test('a failed write is tried again with the next one, and memory refuses meanwhile', async () => {
    const { l, saved, failed, failNextSave } = ledger();
    const m = claimRequestsInMemory(l, clock);
    failNextSave();
    expect(await m.claimRequest('x', 60_000)).toBe(true);
    await eventually(async () => expect(failed).toEqual([1])); // the timed write was tried, and failed
    expect(saved).toEqual([]);
    expect(await m.claimRequest('x', 60_000)).toBe(false);
    expect(await m.claimRequest('y', 60_000)).toBe(true);
    await m.close();
    expect(saved.map(([k]) => k).sort()).toEqual(['x', 'y']);
  });
});
