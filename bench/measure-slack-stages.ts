// `npx tsx bench/measure-slack-stages.ts`: where a slash command's CPU goes, in one process and
// without HTTP or a load generator (whose costs make bench-slack.ts's figures move by 2x from one
// hour to the next on a shared machine). Four handlers on the same signed `/engage-tip` requests:
//   1. Bolt behind the bot's receiver, one listener that only calls ack()  (the floor)
//   2. the same with the bot's other listeners (an action, a view, three events) doing nothing:
//      what a command would pay through app.command, which the bot's command middleware avoids
//   3. as 1., acknowledging with a fixed ~3 KB Block Kit answer            (the answer's size)
//   4. the bot as `engage-bot start` wires it                               (everything)
// Each runs ROUNDS times (default 3) × 20,000 requests, alternating. STORE_URL picks the store;
// REQUESTS changes the 20,000; ONLY=<a label> runs one handler (to profile it, with
// `node --cpu-prof -r tsx/cjs`). FULL=1 first fills the in-memory replay check (SQLite) so every request takes its fallback path.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App } from '@slack/bolt';
import { mountSlack } from '../adapters/slack/mount-slack';
import { createSlackReceiver } from '../adapters/slack/create-slack-receiver';
import { loadConfig } from '../src/config/load-config';
import { assembleBot } from '../src/bot/assemble-bot';
import { systemClock } from '../src/base/clock';
import { silentLogger } from '../src/base/logger';
import { createDataCipher, parseDataKeys } from '../src/crypto/create-data-cipher';
import { openStorage, type Storage } from '../src/storage/open-storage';
import { QUERIES } from './bench-slack';
import { MAX_IN_MEMORY } from '../src/storage/claim-requests-in-memory';
import { startFakeSlackApi } from './start-fake-slack-api';

const SECRET = 'stages-signing-secret-0123456789ab';
const REQUESTS = Number(process.env.REQUESTS ?? 20_000);
type Handle = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

let sequence = 0;
/** A signed slash command as a stream, and a response that records what was written. */
function signedRequest() {
  const n = sequence++;
  const body = new URLSearchParams({
    team_id: 'TSTAGES', user_id: `U${n % 50}`, command: '/engage-tip', text: QUERIES[n % QUERIES.length]!,
    channel_id: 'C1', response_url: 'http://127.0.0.1:9/respond', trigger_id: `stages-${n}`, api_app_id: 'A1',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const req = Object.assign(Readable.from([Buffer.from(body)]), {
    headers: {
      'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    },
  });
  let finished!: () => void;
  const done = new Promise<void>((resolve) => { finished = resolve; });
  const res = {
    headersSent: false, status: 0, bytes: 0,
    writeHead(status: number) { this.status = status; this.headersSent = true; return this; },
    end(text?: string) { this.bytes = text?.length ?? 0; finished(); },
  };
  return { req: req as unknown as IncomingMessage, res, done };
}

async function measure(label: string, handle: Handle) {
  const run = async (count: number) => {
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const { req, res, done } = signedRequest();
      await handle(req, res as unknown as ServerResponse);
      await done;
      if (res.status !== 200) throw new Error(`${label} answered ${res.status}`);
      bytes += res.bytes;
    }
    return bytes;
  };
  await run(2000); // warm-up: JIT, time-zone cache, search cache
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const bytes = await run(REQUESTS);
  const used = process.cpuUsage(cpu);
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  return { label, cpu_us_per_req: Math.round((used.user + used.system) / REQUESTS), wall_us_per_req: Math.round(wallUs / REQUESTS), answer_bytes: Math.round(bytes / REQUESTS) };
}

function boltBehindOurReceiver(storage: Storage, apiUrl: string, setup: (app: App) => void): Handle {
  const receiver = createSlackReceiver({ signingSecret: SECRET, clock: systemClock, claims: storage, logger: silentLogger });
  const app = new App({ receiver, token: 'xoxb-stages', botId: 'B1', botUserId: 'UB1', clientOptions: { slackApiUrl: apiUrl } });
  setup(app);
  return (req, res) => receiver.handle(req, res);
}

async function main() {
  const api = await startFakeSlackApi();
  const dir = mkdtempSync(join(tmpdir(), 'engage-stages-'));
  const storeUrl = process.env.STORE_URL ?? `sqlite://${join(dir, 'stages.sqlite')}`;
  const storage = openStorage(storeUrl);
  try {
    const bot = assembleBot({ storage, cipher: createDataCipher(parseDataKeys(`stages:${Buffer.alloc(32, 5).toString('base64')}`)) });
    const config = loadConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-stages', SLACK_API_URL: api.apiUrl, STORE_URL: storeUrl });
    const mount = await mountSlack({ config, bot, logger: silentLogger, storage });
    const fixedAnswer = { response_type: 'ephemeral', text: 'tip', blocks: Array.from({ length: 12 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `${'x'.repeat(230)} ${i}` } })) };
    const idle = async () => undefined;
    const handlers: [string, Handle][] = [
      ['Bolt, ack() only', boltBehindOurReceiver(storage, api.apiUrl, (app) => app.command(/^\/.+/, async ({ ack }) => { await ack(); }))],
      ['Bolt, ack() + the bot’s other listeners', boltBehindOurReceiver(storage, api.apiUrl, (app) => {
        app.command(/^\/.+/, async ({ ack }) => { await ack(); });
        app.action({ type: 'block_actions', action_id: /.+/ }, idle);
        app.view({ type: 'view_submission', callback_id: /.+/ }, idle);
        for (const event of ['app_home_opened', 'app_uninstalled', 'tokens_revoked']) app.event(event, idle);
      })],
      ['Bolt, ack(fixed 3 KB answer)', boltBehindOurReceiver(storage, api.apiUrl, (app) => app.command(/^\/.+/, async ({ ack }) => { await ack(fixedAnswer as never); }))],
      ['the bot', mount.routes['POST /slack/events']!],
    ];
    const fill = process.env.FULL ? MAX_IN_MEMORY + 1 : Number(process.env.FILL ?? 0);
    for (let i = 0; i < fill; i++) await storage.claimRequest(`slack:${createHmac("sha256", "f").update(String(i)).digest().subarray(0, 16).toString("base64url")}`, 600_000);
    const rows: Awaited<ReturnType<typeof measure>>[] = [];
    // ONLY='the bot' (a label) runs just that handler: for a profile of one of them.
    const chosen = handlers.filter(([label]) => !process.env.ONLY || label === process.env.ONLY);
    for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
      for (const [label, handle] of chosen) rows.push(await measure(label, handle));
    }
    console.table(rows);
  } finally {
    await storage.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
