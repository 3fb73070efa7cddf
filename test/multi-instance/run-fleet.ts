import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { systemClock } from '../../src/base/clock';
import { createReminders } from '../../src/remind/create-reminders';
import { recordKey } from '../../src/remind/reminder-store';
import { openStorage } from '../../src/storage/open-storage';
import { createDataCipher, parseDataKeys } from '../../src/crypto/create-data-cipher';

// Three real `engage-bot start` processes on one shared store, Slack over HTTP pointed at a capture
// server in this process. The test process schedules reminders through the real reminder service on
// the same store, kills the process that is delivering (SIGKILL, mid-request) and counts what Slack
// acknowledged.

const ROOT = join(__dirname, '..', '..');
const INSTANCES = 3;

export interface FleetOptions {
  storeUrl: string;
  reminders: number;
  /** The chat.postMessage that is never answered: its sender is SIGKILLed while it waits. */
  killAt: number;
  claimTtlMs: number;
  log?: (line: string) => void;
}

export interface FleetResult {
  /** Reminder number -> chat.postMessage calls Slack answered with ok. */
  acknowledged: Map<number, number>;
  /** The reminder whose request was in flight when its sender died (never answered). */
  inFlightAtKill?: number;
  /** Deliveries per process (by bot token) before and after the kill. */
  before: number[];
  after: number[];
  killed: number;
  /** Stored status of every reminder at the end. */
  statuses: Map<string, number>;
  createMs: number;
  /** Every acknowledged delivery: which reminder, which instance, when (ms). */
  ackLog: { item: number; sender: number; at: number }[];
  killedAt: number;
  /** Milliseconds per delivery while one instance swept, before the kill. */
  perDeliveryMs: number;
  /** From the SIGKILL to the first delivery by a survivor (the lease expiring, the next tick). */
  takeoverMs: number;
  /** From the SIGKILL to the cut-off reminder's second, acknowledged delivery (its claim expiring). */
  redeliveredMs: number;
  totalMs: number;
}

type Instance = { child: ChildProcess; exited: Promise<void>; stderr: string[] };

function startInstance(i: number, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['bin/engage-bot.js', 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, SLACK_BOT_TOKEN: `xoxb-fleet-${i}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr.push(d); if (stderr.length > 200) stderr.shift(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, stderr };
}

async function waitUntil(what: string, done: () => boolean, ms: number, detail = () => '') {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${detail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function runFleet({ storeUrl, reminders, killAt, claimTtlMs, log = () => undefined }: FleetOptions): Promise<FleetResult> {
  const started = Date.now();
  const run = randomBytes(4).toString('hex');
  const tenant = `TFLEET${run}`;
  const acknowledged = new Map<number, number>();
  const before = Array<number>(INSTANCES).fill(0);
  const after = Array<number>(INSTANCES).fill(0);
  let posts = 0;
  let killed = -1;
  let inFlightAtKill: number | undefined;
  const ackTimes: number[] = [];
  const ackLog: { item: number; sender: number; at: number }[] = [];
  let killedAt = 0;
  let takeoverAt = 0;
  let redeliveredAt = 0;
  const instances: Instance[] = [];

  const answer = (res: ServerResponse, body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('?')[0]!.replace(/^\/api\//, '');
      const raw = decodeURIComponent(Buffer.concat(chunks).toString('utf8').replace(/\+/g, ' '));
      const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || (/token=([^&]+)/.exec(raw)?.[1] ?? '');
      const sender = Number(/^xoxb-fleet-(\d)$/.exec(token)?.[1] ?? -1);
      if (method === 'auth.test') return answer(res, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: tenant, user: 'engage-bot' });
      if (method === 'users.info') return answer(res, { ok: true, user: { id: 'U0', tz: 'Africa/Nairobi' } });
      if (method !== 'chat.postMessage') return answer(res, { ok: true });
      const item = Number(/fleet-check-(\d+)/.exec(raw)?.[1] ?? -1);
      posts += 1;
      if (posts === killAt && killed < 0) {
        // Kill the sender while its request waits here: Slack never said yes, so it must come again.
        killed = sender;
        killedAt = Date.now();
        inFlightAtKill = item;
        instances[sender]!.child.kill('SIGKILL');
        log(`SIGKILL instance ${sender} with reminder ${item} in flight (after ${posts - 1} deliveries)`);
        void instances[sender]!.exited.then(() => req.socket.destroy());
        return;
      }
      (killed < 0 ? before : after)[sender] = ((killed < 0 ? before : after)[sender] ?? 0) + 1;
      const seen = (acknowledged.get(item) ?? 0) + 1;
      acknowledged.set(item, seen);
      ackTimes.push(Date.now());
      ackLog.push({ item, sender, at: Date.now() });
      if (killed >= 0) takeoverAt ||= Date.now();
      if (item === inFlightAtKill) redeliveredAt = Date.now();
      answer(res, { ok: true, channel: 'D1', ts: `${Date.now() / 1000}` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;

  const storage = openStorage(storeUrl);
  try {
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      HOST: '127.0.0.1',
      STORE_URL: storeUrl,
      SLACK_SIGNING_SECRET: 'fleet-signing-secret',
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
      ENGAGE_DATA_KEY: `fleet:${randomBytes(32).toString('base64')}`,
      REMINDER_SWEEP_CRON: '* * * * * *',
      REMINDER_CLAIM_TTL_MS: String(claimTtlMs),
    };
    for (let i = 0; i < INSTANCES; i++) instances.push(startInstance(i, env));
    await waitUntil('three listening instances', () => instances.every((x) => x.stderr.join('').includes('"http.listening"')), 60_000,
      () => `:\n${instances.map((x, i) => `#${i}: ${x.stderr.join('').slice(-600)}`).join('\n')}`);
    log(`3 instances listening after ${Date.now() - started} ms`);

    // Reminders due a few seconds from now, spread over ten people of one workspace.
    // The same key as the instances: they open what this process seals.
    const book = createReminders({ storage, clock: systemClock, cipher: createDataCipher(parseDataKeys(env.ENGAGE_DATA_KEY)), maxActivePerUser: 200 });
    const createdAt = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < reminders; i++) {
      const owner = { platform: 'slack' as const, tenantId: tenant, userId: `U${i % 10}`, timeZone: 'Africa/Nairobi' };
      const { id } = await book.create({ owner, target: { platform: 'slack', tenantId: tenant, userId: owner.userId }, text: `fleet-check-${i}`, dueAt: new Date(Date.now() + 2000), timeZone: 'Africa/Nairobi' });
      ids.push(id);
    }
    const createMs = Date.now() - createdAt;
    log(`${reminders} reminders created in ${createMs} ms`);

    const allArrived = () => acknowledged.size === reminders;
    await waitUntil(`all ${reminders} reminders`, allArrived, 150_000, () => `: ${acknowledged.size} arrived, killed #${killed}`);
    // Anything sent twice would come within a claim's lifetime plus a few sweeps: wait that long.
    await new Promise((r) => setTimeout(r, claimTtlMs + 3000));

    const statuses = new Map<string, number>();
    for (const id of ids) {
      const status = (await book.store.get(recordKey('slack', tenant, id)))?.status ?? 'missing';
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    return { acknowledged, inFlightAtKill, before, after, killed, statuses, createMs, ackLog, killedAt,
      perDeliveryMs: (ackTimes[killAt - 2]! - ackTimes[0]!) / (killAt - 2), takeoverMs: takeoverAt - killedAt, redeliveredMs: redeliveredAt - killedAt,
      totalMs: Date.now() - started };
  } finally {
    for (const x of instances) if (x.child.exitCode === null && x.child.signalCode === null) x.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(instances.map((x) => x.exited)), new Promise((r) => { timer = setTimeout(r, 10_000); })]);
    clearTimeout(timer);
    for (const x of instances) if (x.child.exitCode === null && x.child.signalCode === null) x.child.kill('SIGKILL');
    await storage.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
