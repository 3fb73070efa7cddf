import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareBotToBare, measure, type Sample, type Target } from './measure-http-load';
import { spawnBenchScript, startEngageBot, stop } from './spawn-bench-server';
import { startFakeSlackApi } from './start-fake-slack-api';

// Signed `/engage-tip <query>` slash commands through the bot as it runs in production
// (`engage-bot start`: the shared HTTP server, the replay-checking receiver, Bolt, the core, SQLite),
// against bare Bolt answering ack() only. Each server is a child process, so the load generator in
// this process never shares their event loop; they are measured alternately, round after round, so
// drift of the machine (thermal, other load) falls on both alike.

const ROOT = join(__dirname, '..');
const SECRET = 'bench-signing-secret-0123456789abcdef';
/** Questions NGO staff ask, in their words: the development set and a few everyday ones (38 distinct). */
export const QUERIES = [
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

export async function benchSlack({ rounds = 3, seconds = 5, concurrency = [10, 100] }: SlackBenchOptions = {}) {
  const api = await startFakeSlackApi();
  const dir = mkdtempSync(join(tmpdir(), 'engage-bench-slack-'));
  const targets: Target[] = [];
  try {
    targets.push(await startBot(dir, api.apiUrl));
    targets.push(await startBareBolt());
    for (const t of targets) await checkAnswers(t, api.apiUrl);
    // Warm-up: JIT, the time-zone cache for every bench user, SQLite's page cache.
    for (const t of targets) await measure(t, 10, 2, '/slack/events', () => signedCommand(api.apiUrl));
    const callsBefore = { ...api.calls };

    const samples = new Map<string, Sample[]>();
    for (const c of concurrency) {
      for (let r = 0; r < rounds; r++) {
        for (const t of targets) {
          const key = `${t.name} c=${c}`;
          samples.set(key, [...(samples.get(key) ?? []), await measure(t, c, seconds, '/slack/events', () => signedCommand(api.apiUrl))]);
        }
      }
    }
    const apiCallsDuringRuns = Object.fromEntries(
      Object.entries(api.calls).map(([m, n]) => [m, n - (callsBefore[m] ?? 0)]).filter(([, n]) => Number(n) > 0),
    );

    const { table, per_round_req_s, met } = compareBotToBare(samples, concurrency, 20);
    return {
      table,
      rounds,
      seconds_per_run: seconds,
      distinct_queries: new Set(QUERIES).size,
      per_round_req_s,
      slack_api_calls_during_runs: apiCallsDuringRuns,
      met,
    };
  } finally {
    for (const t of targets) await stop(t.child);
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
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

function startBot(dir: string, apiUrl: string): Promise<Target> {
  return startEngageBot(dir, {
    SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: apiUrl,
    // BENCH_STORE_URL measures the bot on another store (postgres://…, redis://…, memory://).
    STORE_URL: process.env.BENCH_STORE_URL ?? `sqlite://${join(dir, 'bench.sqlite')}`,
  });
}

async function startBareBolt(): Promise<Target> {
  const { child, stderr, url } = await spawnBenchScript('bench/serve-bare-bolt.ts', { SLACK_SIGNING_SECRET: SECRET }, 'bare Bolt');
  return { name: 'bare', url, child, stderr };
}
