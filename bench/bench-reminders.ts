import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createClient } from '@redis/client';
import { collect } from './spawn-bench-server';
import { reachable } from '../test/helpers/backends';

// Reminders at scale: 100,000 stored, 10,000 due in the same minute, on SQLite and on PostgreSQL
// and Redis where they answer. Each store is measured by bench/run-reminder-sweep.ts in a process of
// its own (its peak memory is its own), on a store of its own: a throwaway PostgreSQL database, a
// Redis database reserved the way the tests reserve theirs, emptied afterwards.

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGET_S = 60;

export interface RemindersBenchOptions { total?: number; due?: number }

export async function benchReminders({ total = 100_000, due = 10_000 }: RemindersBenchOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'engage-bench-reminders-'));
  const details: Record<string, unknown> = {};
  const table: Record<string, Record<string, number | string | boolean>> = {};
  try {
    const stores: [string, string][] = [['sqlite', `sqlite://${join(dir, 'reminders.sqlite')}`]];
    if (await reachable(POSTGRES_URL)) stores.push(['postgres', POSTGRES_URL]);
    else details.postgres = `not reachable at ${POSTGRES_URL}: not measured`;
    if (await reachable(REDIS_URL)) stores.push(['redis', REDIS_URL]);
    else details.redis = `not reachable at ${REDIS_URL}: not measured`;
    for (const [name, url] of stores) {
      process.stderr.write(`bench: reminders on ${name} ...\n`);
      const r = await onStoreOfItsOwn(name, url, (own) => runOne(own, total, due)) as RunResult;
      details[name] = r;
      const idleFew = Object.entries(r).find(([k]) => k.startsWith('idle_tick_') && k !== `idle_tick_${total}_stored`)![1] as IdleTick;
      const idleAll = r[`idle_tick_${total}_stored`] as IdleTick;
      table[name] = {
        handed_to_outbox: r.sweep.handed_to_outbox,
        sweep_s: r.sweep.seconds,
        per_s: r.sweep.per_s,
        idle_tick_p50_ms_10pct: idleFew.p50_ms,
        idle_tick_p50_ms_all: idleAll.p50_ms,
        reads_per_idle_tick: `${idleFew.store_reads_per_tick} / ${idleAll.store_reads_per_tick}`,
        peak_rss_mb: r.sweep.rss_peak_mb,
        vm_hwm_mb: r.vm_hwm_mb,
        service_create_per_s: r.service_create_per_s,
        target: `all ${due} in < ${TARGET_S} s; idle tick reads independent of stored`,
        met: r.sweep.handed_to_outbox === due && r.sweep.seconds < TARGET_S && idleFew.store_reads_per_tick === idleAll.store_reads_per_tick,
      };
    }
    return { table, total, due_in_one_minute: due, ...details, met: Object.values(table).every((row) => row.met) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type IdleTick = { p50_ms: number; p99_ms: number; max_ms: number; store_reads_per_tick: number; store_writes_per_tick: number };
type RunResult = Record<string, unknown> & {
  service_create_per_s: number; vm_hwm_mb: number;
  sweep: { handed_to_outbox: number; seconds: number; per_s: number; rss_peak_mb: number };
};

function runOne(storeUrl: string, total: number, due: number): Promise<unknown> {
  const child = spawn(process.execPath, [...(process.env.BENCH_REMINDERS_NODE_ARGS ?? '').split(' ').filter(Boolean), '-r', 'tsx/cjs', join(__dirname, 'run-reminder-sweep.ts')], {
    cwd: join(__dirname, '..'),
    env: { PATH: process.env.PATH ?? '', STORE_URL: storeUrl, TOTAL: String(total), DUE: String(due) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = collect(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = /^\{.*\}$/m.exec(out);
      if (code === 0 && line) resolve(JSON.parse(line[0]));
      else reject(new Error(`reminders run on ${storeUrl.split(':')[0]} exited ${code}: ${stderr().slice(0, 600)}`));
    });
  });
}


/** Runs `fn` on a store nobody else uses: the sweeper takes whatever is due in the store's queue. */
async function onStoreOfItsOwn<T>(name: string, url: string, fn: (url: string) => Promise<T>): Promise<T> {
  if (name === 'postgres') {
    const db = `engage_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${db}`);
      const own = new URL(url);
      own.pathname = `/${db}`;
      return await fn(own.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }
  if (name === 'redis') {
    const admin = createClient({ url });
    await admin.connect();
    let n = 15;
    try {
      while (n >= 1 && !(await admin.set(`engage-test:db:${n}`, String(process.pid), { NX: true, PX: 3_600_000 }))) n--;
      if (n < 1) throw new Error('no free Redis database (1-15) for the reminders bench');
      const own = new URL(url);
      own.pathname = `/${n}`;
      await admin.select(n);
      await admin.flushDb();
      try { return await fn(own.toString()); } finally { await admin.flushDb(); await admin.select(0); }
    } finally {
      if (n >= 1) await admin.del(`engage-test:db:${n}`);
      await admin.close();
    }
  }
  return fn(url);
}
