import { ConfigError, loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/base/logger';
import { assembleBot, type AssembledBot } from '../src/bot/assemble-bot';
import { openStorage, parseStoreUrl, StorageUrlError } from '../src/storage/open-storage';
import { loadDataCipher, localKeyFileFor } from '../src/crypto/load-data-cipher';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { InstanceLockedError, lockSqliteInstance, type InstanceLock } from '../src/storage/lock-sqlite-instance';
import { createHttpServer, listen } from './http/create-http-server';
import { createReadinessCheck } from './http/check-readiness';
import { routeConsoleToLog } from './http/route-console-to-log';
import { consoleLocale, runConsole } from './console/run-console';
import type { PlatformMount } from './platform-mount';
import { createConsoleOutbox } from './console/console-outbox';
import { debriefRetentionJob, startRetentionSweep, type RetentionJob } from '../src/privacy';
import { createSweeper, startReminderScheduler } from '../src/remind';
import { systemClock } from '../src/base/clock';
import type { Outbox } from '../src/base/outbox';

export interface StartOptions {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

const NO_CREDENTIALS = `engage-bot has no Slack or Teams credentials and no terminal to chat in.
Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) for Slack,
or MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Teams (see .env.example),
or run "npm start" in a terminal for the local console chat.
`;

type Config = ReturnType<typeof loadConfig>;
type Storage = ReturnType<typeof openStorage>;
type Cipher = ReturnType<typeof loadDataCipher>;
type Logger = ReturnType<typeof createLogger>;
/** A step that failed in a way the operator can fix: the sentence is shown and the process exits 2. */
class StartError extends Error {}

/** The composition root: config -> storage -> bot -> HTTP server -> adapters. Returns an exit code. */
export async function startBot({ env, stdin, stdout, stderr = process.stderr }: StartOptions): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) { stderr.write(`${err.message}\n`); return 2; }
    throw err;
  }
  const consoleMode = !config.platforms.slack && !config.platforms.teams;
  if (consoleMode && !stdin.isTTY) { stderr.write(NO_CREDENTIALS); return 2; }
  // In the console chat, operator logs would interleave with the conversation: warnings only,
  // unless LOG_LEVEL says otherwise.
  const logger = createLogger(env.LOG_LEVEL ? config.LOG_LEVEL : consoleMode ? 'warn' : config.LOG_LEVEL, stderr);
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => { for (const stop of stops.reverse()) await stop().catch(() => undefined); };
  try {
    const { storage, cipher } = await openStore(config, stops);
    const bot = assembleBot({ storage, cipher, logger, debriefMinRespondents: config.DEBRIEF_MIN_RESPONDENTS, maxRemindersPerUser: config.REMINDERS_MAX_PER_USER, uninstallGraceDays: config.UNINSTALL_GRACE_DAYS });
    // Platform SDKs print to the console on requests anyone can send: stderr stays JSON.
    const restoreConsole = routeConsoleToLog(logger);
    stops.push(async () => restoreConsole());
    const mounts = await mountPlatforms(config, bot, logger, storage, stops);
    await serve(config, logger, storage, mounts, stops);
    const consoleOutbox = consoleMode ? createConsoleOutbox(stdout) : undefined;
    startBackgroundWork(config, bot, logger, storage, outboxesOf(mounts, consoleOutbox), stops);
    if (consoleMode) await runConsole(bot, stdin, stdout, consoleOutbox, consoleLocale(env));
    else await untilSignalled();
  } catch (err) {
    if (!(err instanceof StartError)) { await stopAll(); throw err; }
    stderr.write(`${err.message}\n`);
    await stopAll();
    return 2;
  }
  await stopAll();
  return 0;
}

/** Storage, the one-instance lock an SQLite file needs, and the key that seals what is stored. */
async function openStore(config: Config, stops: (() => Promise<unknown>)[]): Promise<{ storage: Storage; cipher: Cipher }> {
  let storage: Storage;
  try {
    const { kind, target } = parseStoreUrl(config.STORE_URL);
    storage = openStorage(config.STORE_URL);
    let lock: InstanceLock | undefined;
    // The file is closed before another instance may take it.
    stops.push(async () => { await storage.close(); await lock?.release(); });
    if (kind === 'sqlite') lock = await lockSqliteInstance(target);
  } catch (err) {
    if (err instanceof StorageUrlError || err instanceof InstanceLockedError) throw new StartError(err.message);
    throw err;
  }
  try {
    // The key file sits beside an SQLite file, or under ./data for a server store (development only:
    // production requires ENGAGE_DATA_KEY, see load-config).
    return { storage, cipher: loadDataCipher(config.ENGAGE_DATA_KEY, localKeyFileFor(parseStoreUrl(config.STORE_URL))) };
  } catch (err) {
    throw new StartError(`The encryption key could not be loaded: ${(err as Error).message}`);
  }
}

/** Platform SDKs are loaded only when their credentials are set: the console chat starts fast. */
async function mountPlatforms(config: Config, bot: AssembledBot, logger: Logger, storage: Storage, stops: (() => Promise<unknown>)[]): Promise<PlatformMount[]> {
  const mounts: PlatformMount[] = [];
  stops.push(() => Promise.all(mounts.map((m) => m.stop().catch(() => undefined))));
  try {
    if (config.platforms.slack) mounts.push(await (require('./slack/mount-slack') as SlackModule).mountSlack({ config, bot, logger, storage }));
    if (config.platforms.teams) mounts.push(await (require('./teams/mount-teams') as TeamsModule).mountTeams({ config, bot, logger, storage }));
  } catch (err) {
    throw new StartError((err as Error).message);
  }
  return mounts;
}

async function serve(config: Config, logger: Logger, storage: Storage, mounts: PlatformMount[], stops: (() => Promise<unknown>)[]): Promise<void> {
  const server = createHttpServer(logger, Object.assign({}, ...mounts.map((m) => m.routes)), { ready: createReadinessCheck({ storage, mounts }) });
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  // With Teams authentication off, anyone who reached the port could speak for any user of any
  // tenant: the server then listens on this machine only, whatever HOST says.
  const authOff = config.platforms.teams && config.TEAMS_LOCAL === '1';
  const host = authOff && !isLoopback(config.HOST) ? '127.0.0.1' : config.HOST;
  try {
    const port = await listen(server, config.PORT, host);
    const platforms = mounts.map((m) => m.name);
    if (authOff) logger.warn({ event: 'http.listening', host, port, platforms, teamsAuth: 'off' }, `listening on ${host}:${port} only: Teams authentication is off (TEAMS_LOCAL=1)`);
    else logger.info({ event: 'http.listening', host, port, platforms }, 'listening');
    for (const m of mounts) await m.start?.();
  } catch (err) {
    throw new StartError((err as Error).message);
  }
}

/** Reminders leave through each platform's outbox; in the console they are printed into the chat. */
function outboxesOf(mounts: PlatformMount[], consoleOutbox: Outbox | undefined): Partial<Record<'slack' | 'teams' | 'console', Outbox>> {
  const outboxes: Partial<Record<'slack' | 'teams' | 'console', Outbox>> = consoleOutbox ? { console: consoleOutbox } : {};
  for (const m of mounts) if (m.outbox) outboxes[m.name] = m.outbox;
  return outboxes;
}

/** The reminder sweeper and the retention jobs; several instances may share the store, and the one
 *  holding each lease does the work. */
function startBackgroundWork(config: Config, bot: AssembledBot, logger: Logger, storage: Storage, outboxes: Partial<Record<'slack' | 'teams' | 'console', Outbox>>, stops: (() => Promise<unknown>)[]) {
  const sweeper = createSweeper({
    reminders: bot.parts.reminders, messages: bot.parts.reminderMessages, messagesIn: (lang) => bot.partsIn(lang).reminderMessages, clock: systemClock, logger, outboxes,
    render: bot.renderDue, claimTtlMs: config.REMINDER_CLAIM_TTL_MS,
  });
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const scheduler = startReminderScheduler({ sweep: sweeper.sweep, logger, claims: storage, instanceId, cron: config.REMINDER_SWEEP_CRON });
  const jobs: RetentionJob[] = [{ name: 'uninstalled-workspaces', run: () => bot.workspaces.purgeDue() }];
  if (config.DEBRIEF_RETENTION_DAYS) jobs.push(debriefRetentionJob(config.DEBRIEF_RETENTION_DAYS, bot.parts.debriefs.deleteOlderThan));
  const retention = startRetentionSweep({ jobs, claims: storage, clock: systemClock, logger });
  // Stopped before the platforms and the store close (stops run in reverse).
  stops.push(() => retention.stop(), () => scheduler.stop());
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

type SlackModule = typeof import('./slack/mount-slack');
type TeamsModule = typeof import('./teams/mount-teams');

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
