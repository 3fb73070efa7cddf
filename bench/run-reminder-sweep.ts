// One reminders-at-scale run on one store (STORE_URL), in a process of its own so its peak memory is
// its own: stores TOTAL reminders with DUE of them in one minute, times idle ticks at 10% and 100%
// stored, then times the sweeper (the real one, src/reminders) handing every due one to a counting
// Outbox. Prints one JSON line. Run by bench-reminders.ts; it deletes what it wrote from shared stores.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { createClient } from '@redis/client';
import type Keyv from 'keyv';
import { openStorage, type Storage } from '../src/storage/open-storage';
import { createLogger } from '../src/base/logger';
import type { Clock } from '../src/base/clock';
import type { Actor } from '../src/base/incoming';
import type { Outbox } from '../src/base/outbox';
import { createReminderService } from '../src/remind/create-reminder-service';
import { createSweeper } from '../src/remind/deliver-due-reminders';
import { loadReminderMessages } from '../src/remind/load-reminder-messages';
import { bucketOf, newReminderId, ownerKey, recordKey, REMINDER_SEALED_STORES, type Reminder } from '../src/remind/reminder-store';
import { createDataCipher, parseDataKeys } from '../src/crypto/create-data-cipher';
import { createSealedStore } from '../src/crypto/create-sealed-store';
import { elapsedMs, round, summarize } from './measure';

const MIN = 60_000;
const STORE_URL = process.env.STORE_URL!;
const TOTAL = Number(process.env.TOTAL ?? 100_000);
const DUE = Number(process.env.DUE ?? 10_000);
/** How many are created through the reminder service (timed); the rest are written directly. */
const VIA_SERVICE = Number(process.env.VIA_SERVICE ?? 2_000);
const USERS = 1_000;
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const tenant = `TBENCH${run}`.toUpperCase();
// A minute of its own in 2041–2042: the due index is shared by every tenant of a store.
const D = Date.parse('2041-01-01T00:00:00Z') + Math.floor(Math.random() * 500_000) * MIN;
let now = D - 10 * MIN;
const clock: Clock = { now: () => new Date(now) };

/** Counts store reads (get/getMany) on every namespace, and claims: what a tick costs the store. */
function countingStorage(inner: Storage) {
  const counts = { reads: 0, writes: 0, claims: 0 };
  const storage: Storage = {
    ...inner,
    claim: (...a) => { counts.claims++; return inner.claim(...a); },
    namespace<T>(name: string) {
      const keyv = inner.namespace<T>(name);
      return new Proxy(keyv, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (typeof value !== 'function') return value;
          if (prop === 'get' || prop === 'getMany') return (...a: unknown[]) => { counts.reads++; return value.apply(target, a); };
          if (prop === 'set' || prop === 'setMany' || prop === 'delete') return (...a: unknown[]) => { counts.writes++; return value.apply(target, a); };
          return value.bind(target);
        },
      }) as Keyv<T>;
    },
  };
  return { storage, counts };
}

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? round(Number(m[1]) / 1024, 1) : NaN;
}

async function main() {
  const inner = openStorage(STORE_URL, { clock });
  const { storage, counts } = countingStorage(inner);
  const cipher = createDataCipher(parseDataKeys(`bench:${Buffer.alloc(32, 3).toString('base64')}`));
  const book = createReminderService({ storage, clock, cipher, maxActivePerUser: 200 });
  const meta = inner.namespace<number>('reminder-meta');
  const cursorBefore = await meta.get('cursor');
  // The sweeper reads every minute from the store's cursor on. On a shared store the test suites
  // leave it anywhere (their clocks are in 2030): start it just before this run's minutes, so the
  // run reads and delivers only its own.
  await meta.set('cursor', D - 11 * MIN);
  const buckets = new Set<number>();
  const owner = (u: number): Actor => ({ platform: 'slack', tenantId: tenant, userId: `U${u}`, timeZone: 'Africa/Nairobi' });
  const result: Record<string, unknown> = { store: inner.kind, total: TOTAL, due_in_one_minute: DUE };
  try {
    // 1. Through the service: the way reminders are really made (lock, owner lists, due index).
    const notDueAt = (i: number) => D + 2 * MIN + ((i * 7919) % (30 * 24 * 60)) * MIN + 5_000;
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < VIA_SERVICE; i++) {
      const dueAt = new Date(notDueAt(i));
      buckets.add(bucketOf(dueAt));
      await book.create({ owner: owner(i % USERS), target: { platform: 'slack', tenantId: tenant, userId: `U${i % USERS}` }, text: `follow up ${i}`, dueAt, timeZone: 'Africa/Nairobi' });
    }
    result.service_create_per_s = round(VIA_SERVICE / (elapsedMs(t0) / 1000), 0);

    // 2. The rest written directly, in the service's own format (keys, lists, records).
    const records = createSealedStore<Reminder>(inner, cipher, REMINDER_SEALED_STORES[0]);
    const due = inner.namespace<string[]>('reminder-due');
    const owners = inner.namespace<string[]>('reminder-owner');
    const all = inner.namespace<string[]>('reminder-owner-all');
    const ownerLists = new Map<number, string[]>();
    for (let u = 0; u < USERS; u++) ownerLists.set(u, (await owners.get(ownerKey(owner(u)))) ?? []);
    const seed = async (from: number, to: number, dueAtOf: (i: number) => number) => {
      const bucketLists = new Map<number, string[]>();
      const writes: Promise<unknown>[] = [];
      for (let start = from; start < to; start += 1000) {
        const entries: { tenant: string; id: string; value: Reminder }[] = [];
        for (let i = start; i < Math.min(to, start + 1000); i++) {
          const u = i % USERS;
          const id = newReminderId();
          const dueAt = new Date(dueAtOf(i)).toISOString();
          const r: Reminder = { id, owner: owner(u), target: { platform: 'slack', tenantId: tenant, userId: `U${u}` }, text: `follow up ${i}`, timeZone: 'Africa/Nairobi', kind: 'reminder', createdAt: new Date(now).toISOString(), dueAt, nextTryAt: dueAt, status: 'scheduled', attempt: 0 };
          entries.push({ tenant: `slack:${tenant}`, id, value: r });
          ownerLists.get(u)!.push(id);
          const b = bucketOf(dueAt);
          buckets.add(b);
          bucketLists.set(b, [...(bucketLists.get(b) ?? []), recordKey('slack', tenant, id)]);
        }
        writes.push(records.setMany(entries));
        if (writes.length >= 8) await Promise.all(writes.splice(0));
      }
      await Promise.all(writes);
      const bucketEntries = [];
      for (const [b, keys] of bucketLists) bucketEntries.push({ key: new Date(b).toISOString().slice(0, 16), value: [...((await due.get(new Date(b).toISOString().slice(0, 16))) ?? []), ...keys] });
      for (let s = 0; s < bucketEntries.length; s += 1000) await due.setMany(bucketEntries.slice(s, s + 1000));
      const lists = [...ownerLists].map(([u, ids]) => ({ key: ownerKey(owner(u)), value: ids }));
      await owners.setMany(lists);
      await all.setMany(lists);
    };
    t0 = process.hrtime.bigint();
    const tenth = Math.round(TOTAL / 10);
    await seed(VIA_SERVICE, tenth, notDueAt);
    let seedMs = elapsedMs(t0);
    const idleTick = async (label: string) => {
      const sweeper = createSweeper({ book, messages: loadReminderMessages(), clock, logger: createLogger('info', nullStream()), outboxes: {} });
      await sweeper.sweep();
      const times: number[] = [];
      const before = { ...counts };
      const ticks = 50;
      for (let i = 0; i < ticks; i++) {
        const s = process.hrtime.bigint();
        const report = await sweeper.sweep();
        times.push(elapsedMs(s));
        if (report.sent || report.skipped) throw new Error('an idle tick delivered something');
      }
      const t = summarize(times);
      result[`idle_tick_${label}`] = { p50_ms: round(t.p50, 2), p99_ms: round(t.p99, 2), max_ms: round(t.max, 2), store_reads_per_tick: (counts.reads - before.reads) / ticks, store_writes_per_tick: (counts.writes - before.writes) / ticks };
    };
    await idleTick(`${tenth}_stored`);
    t0 = process.hrtime.bigint();
    await seed(tenth, TOTAL - DUE, notDueAt);
    // The due ones: spread over the seconds of one minute, all in the index bucket of D.
    await seed(TOTAL - DUE, TOTAL, (i) => D - 59_000 + (i % 59_000));
    seedMs += elapsedMs(t0);
    result.direct_seed_s = round(seedMs / 1000, 1);
    await idleTick(`${TOTAL}_stored`);

    // 3. The minute comes: one sweep (more if it leaves some for later) hands them all over.
    let handed = 0;
    let foreign = 0;
    // Only this run's reminders count; anything else due in the same minute of a shared store is reported.
    const outbox: Outbox = { async send(target) { if (target.tenantId === tenant) handed++; else foreign++; return { ok: true, messageId: `m${handed}` }; } };
    const logger = createLogger('info', nullStream()); // logs are serialized as in production, then dropped
    const sweeper = createSweeper({ book, messages: loadReminderMessages(), clock, logger, outboxes: { slack: outbox } });
    now = D + 1_000;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const before = { ...counts };
    t0 = process.hrtime.bigint();
    const sweeps = [];
    while (handed < DUE && sweeps.length < 20) {
      sweeps.push(await sweeper.sweep());
      if (handed < DUE) now += MIN; // what the next tick would do
    }
    const sweepMs = elapsedMs(t0);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    result.sweep = {
      handed_to_outbox: handed, other_tenants_handed: foreign, seconds: round(sweepMs / 1000, 2), per_s: round(handed / (sweepMs / 1000), 0), sweeps: sweeps.length,
      reports: sweeps, store_reads: counts.reads - before.reads, store_writes: counts.writes - before.writes, claims: counts.claims - before.claims,
      rss_before_mb: round(rssBefore / 2 ** 20, 1), rss_peak_mb: round(peak / 2 ** 20, 1),
    };
    result.vm_hwm_mb = vmHwmMb();
  } finally {
    if (inner.kind === 'postgres' || inner.kind === 'redis') await cleanUp(inner.kind, [...buckets], cursorBefore, meta);
    await inner.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function nullStream() { return new Writable({ write(_c, _e, cb) { cb(); } }); }

/** Deletes this run's records, index entries, locks and claims from a shared store; puts the cursor back. */
async function cleanUp(kind: 'postgres' | 'redis', buckets: number[], cursorBefore: number | undefined, meta: Keyv<number>) {
  const minutes = buckets.map((b) => new Date(b).toISOString().slice(0, 16));
  if (cursorBefore === undefined) await meta.delete('cursor');
  else await meta.set('cursor', cursorBefore);
  if (kind === 'postgres') {
    const pool = new Pool({ connectionString: STORE_URL });
    try {
      for (const table of ['engage', 'engage_claims']) {
        await pool.query(`DELETE FROM ${table} WHERE key LIKE $1`, [`%${tenant}%`]);
        for (let s = 0; s < minutes.length; s += 5000) {
          await pool.query(`DELETE FROM ${table} WHERE key = ANY($1) OR key = ANY($2)`, [minutes.slice(s, s + 5000).map((m) => `reminder-due:${m}`), minutes.slice(s, s + 5000).map((m) => `lock:reminder-due:${m}`)]);
        }
      }
    } finally {
      await pool.end();
    }
  } else {
    const client = createClient({ url: STORE_URL });
    await client.connect();
    try {
      const doomed: string[] = [];
      for await (const keys of client.scanIterator({ MATCH: `*${tenant}*`, COUNT: 1000 })) doomed.push(...keys);
      for await (const keys of client.scanIterator({ MATCH: '*reminder-due*2041-*', COUNT: 1000 })) doomed.push(...keys.filter((k) => minutes.some((m) => k.endsWith(m))));
      for await (const keys of client.scanIterator({ MATCH: '*reminder-due*2042-*', COUNT: 1000 })) doomed.push(...keys.filter((k) => minutes.some((m) => k.endsWith(m))));
      for (let s = 0; s < doomed.length; s += 1000) await client.del(doomed.slice(s, s + 1000));
    } finally {
      client.destroy();
    }
  }
}

main().catch((err) => { process.stderr.write(`${(err as Error).stack}\n`); process.exit(1); });
