import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { round, summarize } from './measure';

// The load-generator side shared by the HTTP benchmarks (Slack, Teams): autocannon against a server
// in a child process, raw response times, and the server's CPU time per answered request.

// autocannon ships no types; the little used here.
type AutocannonResult = { '2xx': number; non2xx: number; errors: number; timeouts: number };
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = require('autocannon') as Autocannon;

export type Target = { name: 'bot' | 'bare'; url: string; child: ChildProcess; stderr: () => string };
export type Sample = { reqPerSec: number; latencies: number[]; non2xx: number; errors: number; timeouts: number; cpuUsPerReq: number };
export type MakeRequest = () => { body: string; headers: Record<string, string> };

/** CPU time (user + system) the server process has used so far, in ms: what a request costs it, waits excluded. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100 on Linux)
}

export function measure(t: Target, connections: number, duration: number, path: string, makeRequest: MakeRequest): Promise<Sample> {
  const cpuBefore = cpuMs(t.child.pid!);
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: t.url,
        connections,
        duration,
        requests: [{ method: 'POST', path, setupRequest: (req: Record<string, unknown>) => ({ ...req, ...makeRequest() }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        if (t.child.exitCode !== null) return reject(new Error(`${t.name} exited during the run: ${t.stderr().slice(0, 400)}`));
        const cpuUsPerReq = ((cpuMs(t.child.pid!) - cpuBefore) * 1000) / Math.max(1, result['2xx']);
        resolve({ reqPerSec: result['2xx'] / duration, latencies, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, cpuUsPerReq });
      },
    );
    // autocannon's own histogram is in whole milliseconds; the raw response times are not.
    instance.on('response', (_client, status, _bytes, ms) => { if (status < 300) latencies.push(ms); });
  });
}

/** Median req/s over the rounds; latency percentiles over every response of every round. */
export function aggregate(runs: Sample[]) {
  const rates = runs.map((r) => r.reqPerSec).sort((a, b) => a - b);
  const lat = summarize(runs.flatMap((r) => r.latencies));
  return {
    req_s: round(rates[Math.floor(rates.length / 2)]!, 0),
    p50_ms: round(lat.p50, 2),
    p99_ms: round(lat.p99, 2),
    max_ms: round(lat.max, 1),
    cpu_us_per_req: round(runs.reduce((a, r) => a + r.cpuUsPerReq, 0) / runs.length, 0),
    non_2xx: runs.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/**
 * The bot-against-bare table both framework benchmarks print: per concurrency, each side's
 * aggregate and the bot/bare req/s ratio (target 0.9), plus a p99 target at concurrency 10 where
 * the issue sets one. Also the per-round req/s, so a noisy round shows.
 */
export function compareBotToBare(samples: Map<string, Sample[]>, concurrency: readonly number[], p99AtC10Ms?: number) {
  const table: Record<string, Record<string, number | string | boolean>> = {};
  for (const c of concurrency) {
    const bot = aggregate(samples.get(`bot c=${c}`)!);
    const bare = aggregate(samples.get(`bare c=${c}`)!);
    const ratio = round(bot.req_s / bare.req_s, 3);
    const withP99 = c === 10 && p99AtC10Ms !== undefined;
    const met = ratio >= 0.9 && (!withP99 || bot.p99_ms < p99AtC10Ms!);
    table[`bot c=${c}`] = { ...bot, ratio_bot_bare: ratio, target: withP99 ? `ratio >= 0.9, p99 < ${p99AtC10Ms} ms` : 'ratio >= 0.9', met };
    table[`bare c=${c}`] = { ...bare };
  }
  return {
    table,
    per_round_req_s: Object.fromEntries([...samples].map(([k, v]) => [k, v.map((s) => round(s.reqPerSec, 0))])),
    met: Object.values(table).every((row) => row.met !== false),
  };
}
