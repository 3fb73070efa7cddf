import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, summarize } from './measure';
import { startFakeSlackApi } from './start-fake-slack-api';

// Signed `/engage-tip <query>` slash commands through the bot as it runs in production
// (`engage-bot start`: the shared HTTP server, the replay-checking receiver, Bolt, the core, SQLite),
// against bare Bolt answering ack() only. Each server is a child process, so the load generator in
// this process never shares their event loop; they are measured alternately, round after round, so
// drift of the machine (thermal, other load) falls on both alike.

const ROOT = join(__dirname, '..');
const SECRET = 'bench-signing-secret-0123456789abcdef';
/** Questions NGO staff ask, in their words: the development set and a few everyday ones (38 distinct). */
const QUERIES = [
  ...(JSON.parse(readFileSync(join(process.env.SHARED_DIR ?? join(ROOT, '..', 'shared'), 'eval', 'tips-dev.json'), 'utf8')).cases as { q: string }[]).map((c) => c.q),
  'the company ignored our letter',
  'how do we prepare for a meeting with a platform',
  'escalate a takedown request',
  'they want us to sign an NDA',
  'who should we contact at the company',
  'follow up after the meeting',
  'coalition with other organisations',
  'share evidence of harm safely',
  'list',
  'public campaign or private engagement',
];
/** Distinct people: their time zones are looked up once, then cached, as in a real workspace. */
const USERS = 50;

export interface SlackBenchOptions { rounds?: number; seconds?: number; concurrency?: number[] }

// autocannon ships no types; the little used here.
type AutocannonResult = { '2xx': number; non2xx: number; errors: number; timeouts: number };
type Autocannon = (opts: Record<string, unknown>, done: (err: Error | null, result: AutocannonResult) => void) => {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = require('autocannon') as Autocannon;

type Target = { name: 'bot' | 'bare'; url: string; child: ChildProcess; stderr: () => string };
type Sample = { reqPerSec: number; latencies: number[]; non2xx: number; errors: number; timeouts: number; cpuUsPerReq: number };

export async function benchSlack({ rounds = 3, seconds = 5, concurrency = [10, 100] }: SlackBenchOptions = {}) {
  const api = await startFakeSlackApi();
  const dir = mkdtempSync(join(tmpdir(), 'engage-bench-slack-'));
  const targets: Target[] = [];
  try {
    targets.push(await startBot(dir, api.apiUrl));
    targets.push(await startBareBolt());
    for (const t of targets) await checkAnswers(t, api.apiUrl);
    // Warm-up: JIT, the time-zone cache for every bench user, SQLite's page cache.
    for (const t of targets) await measure(t, 10, 2, api.apiUrl);
    const callsBefore = { ...api.calls };

    const samples = new Map<string, Sample[]>();
    for (const c of concurrency) {
      for (let r = 0; r < rounds; r++) {
        for (const t of targets) {
          const key = `${t.name} c=${c}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(t, c, seconds, api.apiUrl)]);
        }
      }
    }
    const apiCallsDuringRuns = Object.fromEntries(
      Object.entries(api.calls).map(([m, n]) => [m, n - (callsBefore[m] ?? 0)]).filter(([, n]) => Number(n) > 0),
    );

    const table: Record<string, Record<string, number | string | boolean>> = {};
    for (const c of concurrency) {
      const bot = aggregate(samples.get(`bot c=${c}`)!);
      const bare = aggregate(samples.get(`bare c=${c}`)!);
      const ratio = round(bot.req_s / bare.req_s, 3);
      const met = c === 10 ? ratio >= 0.9 && bot.p99_ms < 20 : ratio >= 0.9;
      table[`bot c=${c}`] = { ...bot, ratio_bot_bare: ratio, target: c === 10 ? 'ratio >= 0.9, p99 < 20 ms' : 'ratio >= 0.9', met };
      table[`bare c=${c}`] = { ...bare };
    }
    return {
      table,
      rounds,
      seconds_per_run: seconds,
      distinct_queries: new Set(QUERIES).size,
      per_round_req_s: Object.fromEntries([...samples].map(([k, v]) => [k, v.map((s) => round(s.reqPerSec, 0))])),
      slack_api_calls_during_runs: apiCallsDuringRuns,
      met: Object.values(table).every((row) => row.met !== false),
    };
  } finally {
    for (const t of targets) await stop(t.child);
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function aggregate(runs: Sample[]) {
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

let sequence = 0;
/** A new, correctly signed slash command: unique body (trigger_id) so the bot's replay check never fires. */
function signedCommand(apiUrl: string) {
  const n = sequence++;
  const body = new URLSearchParams({
    token: 'legacy', team_id: 'TBENCH', team_domain: 'ngo', channel_id: 'CBENCH', channel_name: 'advocacy',
    user_id: `UBENCH${n % USERS}`, user_name: 'bench', command: '/engage-tip', text: QUERIES[n % QUERIES.length]!,
    api_app_id: 'ABENCH', is_enterprise_install: 'false', response_url: `${apiUrl.replace(/api\/$/, '')}respond/${n}`,
    trigger_id: `bench-${process.pid}-${n}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      // Exactly this content type: Slack sends no charset, and Bolt refuses one.
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    },
  };
}

/** Both servers must really answer before their speed means anything: the bot with a tip, bare Bolt with 200. */
async function checkAnswers(t: Target, apiUrl: string) {
  const { body, headers } = signedCommand(apiUrl);
  const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${t.name} answered ${res.status} to a signed command: ${text.slice(0, 200)}`);
  if (t.name === 'bot' && !(JSON.parse(text).blocks?.length > 0)) throw new Error('the bot acknowledged without a tip');
}

/** CPU time (user + system) the server process has used so far, in ms: what a request costs it, waits excluded. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100 on Linux)
}

function measure(t: Target, connections: number, duration: number, apiUrl: string): Promise<Sample> {
  const cpuBefore = cpuMs(t.child.pid!);
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: t.url,
        connections,
        duration,
        requests: [{ method: 'POST', path: '/slack/events', setupRequest: (req: Record<string, unknown>) => ({ ...req, ...signedCommand(apiUrl) }) }],
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

async function startBot(dir: string, apiUrl: string): Promise<Target> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: apiUrl,
    // BENCH_STORE_URL measures the bot on another store (postgres://…, redis://…, memory://).
    STORE_URL: process.env.BENCH_STORE_URL ?? `sqlite://${join(dir, 'bench.sqlite')}`,
  };
  const child = spawn(process.execPath, [...(process.env.BENCH_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean), join(ROOT, 'bin', 'engage-bot.js'), 'start'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = collect(child);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`engage-bot start exited ${child.exitCode}: ${stderr().slice(0, 400)}`);
    if (Date.now() - started > 20_000) { await stop(child); throw new Error('engage-bot: no /healthz within 20 s'); }
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { name: 'bot', url, child, stderr };
}

async function startBareBolt(): Promise<Target> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'serve-bare-bolt.ts')], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', SLACK_SIGNING_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = collect(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = /^\{.*\}$/m.exec(out);
      if (line) resolve(JSON.parse(line[0]).port);
    });
    child.once('exit', (code) => reject(new Error(`bare Bolt exited ${code}: ${stderr().slice(0, 400)}`)));
  });
  return { name: 'bare', url: `http://127.0.0.1:${port}`, child, stderr };
}

function collect(child: ChildProcess) {
  let text = '';
  child.stderr!.on('data', (d) => { if (text.length < 20_000) text += d; });
  return () => text;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
