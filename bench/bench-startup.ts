import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, summarize } from './measure';
import { onFreePort } from './spawn-bench-server';
import { startFakeSlackApi } from './start-fake-slack-api';

const ROOT = join(__dirname, '..');

/**
 * Time from spawning `engage-bot start` to `/healthz` answering, and resident memory at idle.
 * The bot runs headless as it does in production: Slack over HTTP (its token checked with auth.test
 * against a local stand-in for slack.com/api), on a fresh SQLite file.
 */
export async function benchStartup(runs = 7) {
  const times: number[] = [];
  const rss: number[] = [];
  const api = await startFakeSlackApi();
  try {
    // A start whose port was taken meanwhile is not timed: onFreePort runs it again on another.
    for (let i = 0; i < runs; i++) await onFreePort((port) => startOnce(port, api.apiUrl, times, rss));
  } finally {
    await api.close();
  }
  const t = summarize(times);
  const m = summarize(rss);
  return {
    runs,
    to_healthz_p50_ms: round(t.p50, 1),
    to_healthz_max_ms: round(t.max, 1),
    idle_rss_p50_mb: round(m.p50, 1),
    idle_rss_max_mb: round(m.max, 1),
    target: 'start < 1000 ms, idle RSS < 150 MB',
    met: t.p50 < 1000 && m.max < 150,
  };
}

async function startOnce(port: number, apiUrl: string, times: number[], rss: number[]) {
  const dir = mkdtempSync(join(tmpdir(), 'engage-bench-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'engage-bot.js'), 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', STORE_URL: `sqlite://${join(dir, 'b.sqlite')}`, LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789abcdef', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: apiUrl,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`engage-bot start exited ${child.exitCode}: ${stderr.slice(0, 400)}`);
      if (performance.now() - started > 20_000) throw new Error('no /healthz within 20 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 1500)); // idle: start-up garbage collected, timers settled
    rss.push(readRssMb(child.pid!));
  } finally {
    // An exited child fires no second 'exit': wait only for one still running.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function readRssMb(pid: number): number {
  const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
