import { ConfigError, loadConfig } from '../src/config/load-config';
import { createLogger } from '../src/base/logger';
import { assembleBot } from '../src/bot/assemble-bot';
import { openStorage, parseStoreUrl, StorageUrlError } from '../src/storage/open-storage';
import { loadDataCipher, localKeyFileFor } from '../src/crypto/load-data-cipher';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { InstanceLockedError, lockSqliteInstance, type InstanceLock } from '../src/storage/lock-sqlite-instance';
import { createHttpServer, listen } from './http/create-http-server';
import { createReadinessCheck } from './http/check-readiness';
import { routeConsoleToLog } from './http/route-console-to-log';
import { runConsole } from './console/run-console';
import type { PlatformMount } from './platform-mount';
import { createConsoleOutbox } from './console/console-outbox';
import { debriefRetentionJob, startRetentionSweep, type RetentionJob, type RetentionSweep } from '../src/privacy/start-retention-sweep';
import { createSweeper } from '../src/remind/deliver-due-reminders';
import { startReminderScheduler, type ReminderScheduler } from '../src/remind/start-reminder-scheduler';
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

/** The composition root: config -> storage -> bot -> HTTP server -> adapters. Returns an exit code. */
export async function startBot({ env, stdin, stdout, stderr = process.stderr }: StartOptions): Promise<number> {
  let config;
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
  let storage;
  let instanceLock: InstanceLock | undefined;
  try {
    const { kind, target } = parseStoreUrl(config.STORE_URL);
    storage = openStorage(config.STORE_URL);
    if (kind === 'sqlite') instanceLock = await lockSqliteInstance(target);
  } catch (err) {
    await storage?.close();
    if (err instanceof StorageUrlError || err instanceof InstanceLockedError) { stderr.write(`${err.message}\n`); return 2; }
    throw err;
  }
  let cipher;
  try {
    // The key file sits beside an SQLite file, or under ./data for a server store (development only:
    // production requires ENGAGE_DATA_KEY, see load-config).
    cipher = loadDataCipher(config.ENGAGE_DATA_KEY, localKeyFileFor(parseStoreUrl(config.STORE_URL)));
  } catch (err) {
    stderr.write(`The encryption key could not be loaded: ${(err as Error).message}\n`);
    await storage.close();
    await instanceLock?.release();
    return 2;
  }
  const bot = assembleBot({ storage, cipher, logger, debriefMinRespondents: config.DEBRIEF_MIN_RESPONDENTS, maxRemindersPerUser: config.REMINDERS_MAX_PER_USER, uninstallGraceDays: config.UNINSTALL_GRACE_DAYS });
  const mounts: PlatformMount[] = [];
  let scheduler: ReminderScheduler | undefined;
  let retention: RetentionSweep | undefined;
  // Platform SDKs print to the console on requests anyone can send: stderr stays JSON.
  const restoreConsole = routeConsoleToLog(logger);
  const stopAll = async () => {
    restoreConsole();
    await scheduler?.stop();
    await retention?.stop();
    await Promise.all(mounts.map((m) => m.stop().catch(() => undefined)));
    await storage.close();
    await instanceLock?.release();
  };
  try {
    // Platform SDKs are loaded only when their credentials are set: the console chat starts fast.
    if (config.platforms.slack) mounts.push(await (require('./slack/mount-slack') as SlackModule).mountSlack({ config, bot, logger, storage }));
    if (config.platforms.teams) mounts.push(await (require('./teams/mount-teams') as TeamsModule).mountTeams({ config, bot, logger, storage }));
  } catch (err) {
    stderr.write(`${(err as Error).message}\n`);
    await stopAll();
    return 2;
  }
  const server = createHttpServer(logger, Object.assign({}, ...mounts.map((m) => m.routes)), { ready: createReadinessCheck({ storage, mounts }) });
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
    stderr.write(`${(err as Error).message}\n`);
    server.close();
    await stopAll();
    return 2;
  }
  // Reminders leave through each platform's outbox; in the console they are printed into the chat.
  const consoleOutbox = consoleMode ? createConsoleOutbox(stdout) : undefined;
  const outboxes: Partial<Record<'slack' | 'teams' | 'console', Outbox>> = { ...(consoleOutbox ? { console: consoleOutbox } : {}) };
  for (const m of mounts) if (m.outbox) outboxes[m.name] = m.outbox;
  const sweeper = createSweeper({
    book: bot.parts.reminders, messages: bot.parts.reminderMessages, clock: systemClock, logger, outboxes,
    render: bot.renderDue, claimTtlMs: config.REMINDER_CLAIM_TTL_MS,
  });
  // Several instances may share the store: the one holding the sweeper lease sweeps (see the scheduler).
  const instanceId = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  scheduler = startReminderScheduler({ sweep: sweeper.sweep, logger, claims: storage, instanceId, cron: config.REMINDER_SWEEP_CRON });
  const jobs: RetentionJob[] = [{ name: 'uninstalled-workspaces', run: () => bot.workspaces.purgeDue() }];
  if (config.DEBRIEF_RETENTION_DAYS) jobs.push(debriefRetentionJob(config.DEBRIEF_RETENTION_DAYS, bot.parts.debriefs.deleteOlderThan));
  retention = startRetentionSweep({ jobs, claims: storage, clock: systemClock, logger });
  try {
    if (consoleMode) await runConsole(bot, stdin, stdout, consoleOutbox);
    else await untilSignalled();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stopAll();
  }
  return 0;
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
