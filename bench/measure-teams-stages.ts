// `npx tsx bench/measure-teams-stages.ts`: where a Teams `tip <query>` turn's CPU goes, in one process
// and without a load generator (as measure-slack-stages.ts does for Slack). Three handlers on the same
// message activities, each reply POSTed to a stand-in Bot Connector in a child process:
//   1. CloudAdapter (auth off) answering one text message        (the floor: bench-teams.ts's "bare")
//   2. the same, answering with a fixed ~4 KB Adaptive Card       (the card's size and serialization)
//   3. the same with the bot's authentication (shared Connector clients, create-teams-auth.ts)
//   4. the bot as `engage-bot start` wires it with TEAMS_LOCAL=1   (everything)
// 4 minus 3 is the bot's own work: reading the message, search, the card, the conversation reference.
// Each runs ROUNDS times (default 3) × REQUESTS turns (default 3,000), alternating. STORE_URL picks the
// store; ONLY=<a label> runs one handler (to profile it, with `node --cpu-prof -r tsx/cjs`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBareCloudAdapter } from './create-bare-cloud-adapter';
import { createTeamsAuth } from '../adapters/teams/create-teams-auth';
import { mountTeams } from '../adapters/teams/mount-teams';
import { cardActivity } from '../adapters/teams/to-teams-activity';
import { loadConfig } from '../src/config/load-config';
import { assembleBot } from '../src/bot/assemble-bot';
import { silentLogger } from '../src/base/logger';
import { createDataCipher, parseDataKeys } from '../src/crypto/create-data-cipher';
import { openStorage } from '../src/storage/open-storage';
import { tipActivity } from './bench-teams';
import { spawnBenchScript, stop } from './spawn-bench-server';

const REQUESTS = Number(process.env.REQUESTS ?? 3_000);
type Handle = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A `tip` message activity (bench-teams.ts's) as a request stream, and a response that records its status. */
function tipRequest(serviceUrl: string) {
  const { body } = tipActivity(serviceUrl);
  const req = Object.assign(Readable.from([Buffer.from(body)]), { method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' } });
  let finished!: () => void;
  const done = new Promise<void>((resolve) => { finished = resolve; });
  const res = {
    headersSent: false, writableEnded: false, status: 0, socket: null,
    setHeader() { return this; },
    writeHead(status: number) { this.status = status; this.headersSent = true; return this; },
    write() { return true; },
    end() { if (!this.headersSent) this.writeHead(200); this.writableEnded = true; finished(); return this; },
  };
  return { req: req as unknown as IncomingMessage, res, done };
}

async function measure(label: string, handle: Handle, serviceUrl: string) {
  const run = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const { req, res, done } = tipRequest(serviceUrl);
      await handle(req, res as unknown as ServerResponse);
      await done;
      if (res.status !== 200) throw new Error(`${label} answered ${res.status}`);
    }
  };
  await run(500); // warm-up: JIT, sockets to the stand-in connector
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await run(REQUESTS);
  const used = process.cpuUsage(cpu);
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  return { label, cpu_us_per_turn: Math.round((used.user + used.system) / REQUESTS), wall_us_per_turn: Math.round(wallUs / REQUESTS) };
}

async function main() {
  const connector = await spawnBenchScript('bench/serve-fake-bot-connector.ts', {}, 'fake Bot Connector');
  const serviceUrl = `${connector.url}/`;
  const dir = mkdtempSync(join(tmpdir(), 'engage-teams-stages-'));
  const storeUrl = process.env.STORE_URL ?? `sqlite://${join(dir, 'stages.sqlite')}`;
  const storage = openStorage(storeUrl);
  try {
    const bot = assembleBot({ storage, cipher: createDataCipher(parseDataKeys(`stages:${Buffer.alloc(32, 5).toString('base64')}`)) });
    const config = loadConfig({ TEAMS_LOCAL: '1', STORE_URL: storeUrl });
    const mount = await mountTeams({ config, bot, logger: silentLogger, storage });
    const fixedCard = {
      type: 'AdaptiveCard' as const, $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5' as const,
      body: Array.from({ length: 14 }, (_, i) => ({ type: 'TextBlock', text: `${'x'.repeat(250)} ${i}`, wrap: true })),
    };
    const handlers: [string, Handle][] = [
      ['CloudAdapter, one text reply', createBareCloudAdapter('ok')],
      ['CloudAdapter, fixed 4 KB card', createBareCloudAdapter(cardActivity(fixedCard, 'tip'))],
      ['the same, the bot’s shared clients', createBareCloudAdapter(cardActivity(fixedCard, 'tip'), createTeamsAuth(config))],
      ['the bot', mount.routes['POST /api/messages']!],
    ];
    const rows: Awaited<ReturnType<typeof measure>>[] = [];
    const chosen = handlers.filter(([label]) => !process.env.ONLY || label === process.env.ONLY);
    for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
      for (const [label, handle] of chosen) rows.push(await measure(label, handle, serviceUrl));
    }
    console.table(rows);
  } finally {
    await storage.close();
    await stop(connector.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
