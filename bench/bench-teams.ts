import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUERIES } from './bench-slack';
import { compareBotToBare, measure, type Sample, type Target } from './measure-http-load';
import { spawnBenchScript, startEngageBot, stop } from './spawn-bench-server';

// `tip <query>` message activities POSTed to /api/messages of the bot as it runs in production
// (`engage-bot start` with TEAMS_LOCAL=1, i.e. auth off: the shared HTTP server, CloudAdapter, the
// turn handler, the core, SQLite), against a bare CloudAdapter that sends one text reply. Each turn's
// reply goes to `serviceUrl`: a stand-in for the Bot Connector API in a child process of its own.
// Both servers are child processes, measured alternately, round after round (as bench-slack.ts).

const PATH = '/api/messages';
const TENANT = 'tenant-bench';
/** Distinct people, each in their own personal chat with the bot. */
const USERS = 50;

export interface TeamsBenchOptions { rounds?: number; seconds?: number; concurrency?: number[] }

let sequence = 0;
/** A new message activity as Teams sends it, with a unique id. */
export function tipActivity(serviceUrl: string) {
  const n = sequence++;
  const user = n % USERS;
  const body = JSON.stringify({
    type: 'message',
    id: `bench-${process.pid}-${n}`,
    timestamp: new Date().toISOString(),
    localTimezone: 'Africa/Nairobi',
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:bench-user-${user}`, name: 'Amina', aadObjectId: `aad-bench-${user}` },
    conversation: { id: `a:bench-personal-${user}`, conversationType: 'personal', tenantId: TENANT },
    recipient: { id: '28:bench-bot', name: 'engage-bot' },
    text: `tip ${QUERIES[n % QUERIES.length]}`,
    textFormat: 'plain',
    channelData: { tenant: { id: TENANT } },
  });
  return { body, headers: { 'content-type': 'application/json' } };
}

export async function benchTeams({ rounds = 3, seconds = 5, concurrency = [10, 100] }: TeamsBenchOptions = {}) {
  const connector = await spawnBenchScript('bench/serve-fake-bot-connector.ts', {}, 'fake Bot Connector');
  const serviceUrl = `${connector.url}/`;
  const count = async () => (await (await fetch(`${connector.url}/count`)).json()) as { replies: number; cards: number };
  const dir = mkdtempSync(join(tmpdir(), 'engage-bench-teams-'));
  const targets: Target[] = [];
  try {
    targets.push(await startEngageBot(dir, { TEAMS_LOCAL: '1', STORE_URL: process.env.BENCH_STORE_URL ?? `sqlite://${join(dir, 'bench.sqlite')}` }));
    const bare = await spawnBenchScript('bench/serve-bare-cloud-adapter.ts', {}, 'bare CloudAdapter');
    targets.push({ name: 'bare', url: bare.url, child: bare.child, stderr: bare.stderr });
    for (const t of targets) await checkAnswers(t, serviceUrl, count);
    for (const t of targets) await measure(t, 10, 2, PATH, () => tipActivity(serviceUrl));
    const before = await count();

    const samples = new Map<string, Sample[]>();
    let answered = 0;
    for (const c of concurrency) {
      for (let r = 0; r < rounds; r++) {
        for (const t of targets) {
          const key = `${t.name} c=${c}`;
          const sample = await measure(t, c, seconds, PATH, () => tipActivity(serviceUrl));
          answered += Math.round(sample.reqPerSec * seconds);
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
    }
    const after = await count();

    const { table, per_round_req_s, met } = compareBotToBare(samples, concurrency);
    return {
      table,
      rounds,
      seconds_per_run: seconds,
      distinct_queries: new Set(QUERIES).size,
      per_round_req_s,
      // Every answered activity must have sent its reply: a turn answered 200 without one is not a turn.
      answered_during_runs: answered,
      replies_during_runs: after.replies - before.replies,
      met,
    };
  } finally {
    for (const t of targets) await stop(t.child);
    await stop(connector.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both servers must really answer before their speed means anything: the bot with a tip card, bare with a reply. */
async function checkAnswers(t: Target, serviceUrl: string, count: () => Promise<{ replies: number; cards: number }>) {
  const before = await count();
  const { body, headers } = tipActivity(serviceUrl);
  const res = await fetch(`${t.url}${PATH}`, { method: 'POST', headers, body });
  if (res.status !== 200) throw new Error(`${t.name} answered ${res.status} to a message activity: ${(await res.text()).slice(0, 200)}`);
  const after = await count();
  if (after.replies !== before.replies + 1) throw new Error(`${t.name} answered without replying to the Bot Connector`);
  if (t.name === 'bot' && after.cards !== before.cards + 1) throw new Error('the bot replied without a tip card');
}
