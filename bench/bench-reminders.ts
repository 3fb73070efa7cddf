import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from './spawn-bench-server';
import { reachable } from '../test/helpers/backends';

// Reminders at scale: 100,000 stored, 10,000 due in the same minute, on SQLite and on PostgreSQL
// and Redis where they answer. Each store is measured by bench/run-reminder-sweep.ts in a process of
// its own (its peak memory is its own); it removes what it wrote from the shared servers.

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
      const r = await runOne(url, total, due) as RunResult;
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

