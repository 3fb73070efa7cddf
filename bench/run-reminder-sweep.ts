// One reminders-at-scale run on one store (STORE_URL), in a process of its own so its peak memory is
// its own: stores TOTAL reminders with DUE of them in one minute, times idle ticks at 10% and 100%
// stored, then times the sweeper (the real one, src/remind) handing every due one to a counting
// Outbox. Prints one JSON line. Run by bench-reminders.ts, on a store of its own (the sweeper takes
// whatever the due queue holds, so a shared store would hand it other runs' reminders).
import { readFileSync } from 'node:fs';
import type { DataOperations } from '../src/storage/store-operations';
import { Writable } from 'node:stream';
import { openStorage, type Storage } from '../src/storage/open-storage';
import { createLogger } from '../src/base/logger';
import type { Clock } from '../src/base/clock';
import type { Actor } from '../src/base/incoming';
import type { Outbox } from '../src/base/outbox';
import { createReminders } from '../src/remind/create-reminders';
import { createSweeper } from '../src/remind/deliver-due-reminders';
import { loadReminderMessages } from '../src/remind/load-reminder-messages';
import { everySet, keyOf, newReminderId, REMINDER_QUEUE, REMINDER_SEALED_RECORDS, waitingSet, type Reminder } from '../src/remind/reminder-store';
import { createDataCipher, parseDataKeys } from '../src/crypto/create-data-cipher';
import { createSealedRecords } from '../src/crypto/create-sealed-records';
import { elapsedMs, round, summarize } from './measure';

const MIN = 60_000;
const STORE_URL = process.env.STORE_URL!;
const TOTAL = Number(process.env.TOTAL ?? 100_000);
const DUE = Number(process.env.DUE ?? 10_000);
/** How many are created through the reminder service (timed); the rest are written directly. */
const VIA_SERVICE = Number(process.env.VIA_SERVICE ?? 2_000);
const USERS = 1_000;
/** Direct writes in flight at once while seeding. */
const SEED_PARALLEL = 64;
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const tenant = `TBENCH${run}`.toUpperCase();
const D = Date.parse('2041-01-01T00:00:00Z') + Math.floor(Math.random() * 500_000) * MIN;
let now = D - 10 * MIN;
const clock: Clock = { now: () => new Date(now) };

/** Counts what the store is asked (reads, writes, claims): what a tick costs it. */
function countingStorage(inner: Storage) {
  const counts = { reads: 0, writes: 0, claims: 0 };
  const count = <F extends (...a: any[]) => any>(kind: keyof typeof counts, fn: F) => ((...a: Parameters<F>) => { counts[kind]++; return fn(...a); }) as F;
  // The durable operations and the relaxed ones the sweeper's bookkeeping goes through.
  const data = (d: DataOperations): DataOperations => ({
    records: { ...d.records, get: count('reads', d.records.get), put: count('writes', d.records.put), delete: count('writes', d.records.delete) },
    sets: { ...d.sets, members: count('reads', d.sets.members), add: count('writes', d.sets.add), remove: count('writes', d.sets.remove) },
    queue: { ...d.queue, take: count('reads', d.queue.take), schedule: count('writes', d.queue.schedule), cancel: count('writes', d.queue.cancel) },
  });
  const storage: Storage = { ...inner, claim: count('claims', inner.claim), ...data(inner), relaxed: data(inner.relaxed) };
  return { storage, counts };
}

/** Runs `fn` over 0..n-1, `limit` at a time. */
async function parallel(n: number, limit: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, n) }, async () => { while (next < n) await fn(next++); }));
}

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? round(Number(m[1]) / 1024, 1) : NaN;
}

async function main() {
  const inner = openStorage(STORE_URL, { clock });
  const { storage, counts } = countingStorage(inner);
  const cipher = createDataCipher(parseDataKeys(`bench:${Buffer.alloc(32, 3).toString('base64')}`));
  const book = createReminders({ storage, clock, cipher, maxActivePerUser: 200 });
  const owner = (u: number): Actor => ({ platform: 'slack', tenantId: tenant, userId: `U${u}`, timeZone: 'Africa/Nairobi' });
  const result: Record<string, unknown> = { store: inner.kind, total: TOTAL, due_in_one_minute: DUE };
  try {
    // 1. Through the service: the way reminders are really made (owner sets, record, due queue).
    const notDueAt = (i: number) => D + 2 * MIN + ((i * 7919) % (30 * 24 * 60)) * MIN + 5_000;
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < VIA_SERVICE; i++) {
      await book.create({ owner: owner(i % USERS), target: { platform: 'slack', tenantId: tenant, userId: `U${i % USERS}` }, text: `follow up ${i}`, dueAt: new Date(notDueAt(i)), timeZone: 'Africa/Nairobi' });
    }
    result.service_create_per_s = round(VIA_SERVICE / (elapsedMs(t0) / 1000), 0);

    // 2. The rest written directly, in the service's own format (records, sets, queue).
    const records = createSealedRecords<Reminder>(inner.records, cipher, REMINDER_SEALED_RECORDS[0]);
    const seed = async (from: number, to: number, dueAtOf: (i: number) => number) => {
      const ids = new Map<number, string[]>();
      await parallel(to - from, SEED_PARALLEL, async (k) => {
        const i = from + k;
        const u = i % USERS;
        const id = newReminderId();
        const dueAt = new Date(dueAtOf(i)).toISOString();
        const r: Reminder = { id, owner: owner(u), target: { platform: 'slack', tenantId: tenant, userId: `U${u}` }, text: `follow up ${i}`, timeZone: 'Africa/Nairobi', kind: 'reminder', createdAt: new Date(now).toISOString(), dueAt, nextTryAt: dueAt, status: 'scheduled', attempt: 0 };
        ids.set(u, [...(ids.get(u) ?? []), id]);
        await records.put(`slack:${tenant}`, id, r, undefined);
        await inner.queue.schedule(REMINDER_QUEUE, keyOf(r), Date.parse(dueAt));
      });
      await parallel(USERS, SEED_PARALLEL, async (u) => {
        const mine = ids.get(u) ?? [];
        await inner.sets.add(waitingSet(owner(u)), mine);
        await inner.sets.add(everySet(owner(u)), mine);
      });
    };
    t0 = process.hrtime.bigint();
    const tenth = Math.round(TOTAL / 10);
    await seed(VIA_SERVICE, tenth, notDueAt);
    let seedMs = elapsedMs(t0);
    const idleTick = async (label: string) => {
      const sweeper = createSweeper({ reminders: book, messages: loadReminderMessages(), clock, logger: createLogger('info', nullStream()), outboxes: {} });
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
    // The due ones: spread over the seconds of one minute.
    await seed(TOTAL - DUE, TOTAL, (i) => D - 59_000 + (i % 59_000));
    seedMs += elapsedMs(t0);
    result.direct_seed_s = round(seedMs / 1000, 1);
    await idleTick(`${TOTAL}_stored`);

    // 3. The minute comes: one sweep (more if it leaves some for later) hands them all over.
    let handed = 0;
    let foreign = 0;
    const outbox: Outbox = { async send(target) { if (target.tenantId === tenant) handed++; else foreign++; return { ok: true, messageId: `m${handed}` }; } };
    const logger = createLogger('info', nullStream()); // logs are serialized as in production, then dropped
    const sweeper = createSweeper({ reminders: book, messages: loadReminderMessages(), clock, logger, outboxes: { slack: outbox } });
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
    await inner.close();
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function nullStream() { return new Writable({ write(_c, _e, cb) { cb(); } }); }

main().catch((err) => { process.stderr.write(`${(err as Error).stack}\n`); process.exit(1); });
