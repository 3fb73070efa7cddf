import type { AuthorizeResult, AuthorizeSourceData, Logger as BoltLogger, Receiver, webApi } from '@slack/bolt';
// Bolt's App and its receivers from their own modules: the package's index also loads the Express
// and AWS Lambda receivers (express, body-parser...), ~90 ms of start-up this bot never uses.
import App, { LogLevel } from '@slack/bolt/dist/App';
import SocketModeReceiver from '@slack/bolt/dist/receivers/SocketModeReceiver';
import { InstallProvider } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MountDeps, PlatformMount } from '../platform-mount';
import type { Logger } from '../../src/base/logger';
import type { RouteHandler } from '../http/create-http-server';
import { createSlackReceiver } from './create-slack-receiver';
import { createInstallationStore, InstallationNotFound } from './create-installation-store';
import { createSlackOutbox } from './create-slack-outbox';
import { createSlackPager } from './create-slack-pager';
import { createTimeZoneCache } from './create-time-zone-cache';
import { loadSlackPrompts } from './load-slack-prompts';
import { registerSlackListeners } from './register-slack-listeners';
import { BOT_SCOPES, SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH } from './build-slack-manifest';
import { escapeMrkdwn } from './render-block-kit';

export class SlackStartError extends Error {}

/**
 * Bolt and the Web API client log whole request bodies at debug level. Only warnings and errors get
 * through, reduced to their words and error codes: never a payload, a message or a token.
 */
function quietBoltLogger(logger: Logger): BoltLogger {
  const safe = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? `${a.name}${(a as { code?: string }).code ? ` ${(a as { code?: string }).code}` : ''}` : typeof a === 'string' ? a.slice(0, 160).replace(/xox[a-z]-[\w-]+/g, '[token]') : typeof a)).join(' ');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args) => logger.warn({ event: 'slack.sdk', detail: safe(args) }, 'slack sdk warning'),
    error: (...args) => logger.error({ event: 'slack.sdk', detail: safe(args) }, 'slack sdk error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}

/**
 * Slack keeps signing requests from a workspace that has no installation here (its token revoked, the
 * store restored from a backup). That is not an error to answer with a 500: the request goes on with
 * no token, and the listeners tell the person how to install the app.
 */
async function authorizeInstalled(installer: InstallProvider, query: AuthorizeSourceData<boolean>): Promise<AuthorizeResult> {
  try {
    return await installer.authorize(query);
  } catch (err) {
    if (!((err as { original?: unknown }).original instanceof InstallationNotFound)) throw err;
    return { ...(query.teamId ? { teamId: query.teamId } : {}), ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}) };
  }
}

const htmlPage = (words: string) =>
  `<!doctype html><meta charset="utf-8"><title>engage-bot</title><p style="font:16px system-ui;margin:3em auto;max-width:32em">${escapeMrkdwn(words)}</p>`;

/** The Slack app on the shared HTTP server (or over Socket Mode), with its outbox. */
export async function mountSlack({ config, bot, logger, storage }: MountDeps): Promise<PlatformMount> {
  const clock = bot.clock;
  const prompts = loadSlackPrompts();
  const boltLogger = quietBoltLogger(logger);
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const oauth = Boolean(config.SLACK_CLIENT_ID);
  if (oauth && (!config.SLACK_CLIENT_SECRET || !config.SLACK_STATE_SECRET)) {
    throw new SlackStartError('SLACK_CLIENT_ID is set, so Slack installs go through OAuth: set SLACK_CLIENT_SECRET and SLACK_STATE_SECRET too (see .env.example).');
  }
  if (!socketMode && !config.SLACK_SIGNING_SECRET) {
    throw new SlackStartError('SLACK_SIGNING_SECRET is not set: Slack requests cannot be verified without it (or set SLACK_APP_TOKEN for Socket Mode).');
  }
  // Interactive calls retry briefly; left alone, the client retries for about half an hour.
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
    logger: boltLogger,
  };

  const installationStore = oauth ? createInstallationStore(storage, (teamId) => bot.workspaces.installed('slack', teamId)) : undefined;
  const installer = installationStore
    ? new InstallProvider({
        clientId: config.SLACK_CLIENT_ID!,
        clientSecret: config.SLACK_CLIENT_SECRET!,
        stateSecret: config.SLACK_STATE_SECRET!,
        installationStore,
        clientOptions,
        logger: boltLogger,
      })
    : undefined;

  const httpReceiver = socketMode ? undefined : createSlackReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, clock, claims: storage, logger });
  const receiver: Receiver = httpReceiver ?? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: boltLogger, installerOptions: { clientOptions } });

  const app = new App({
    receiver,
    logger: boltLogger,
    clientOptions,
    // init() below checks the token: a bad token is a start-up sentence, not an unhandled rejection.
    deferInitialization: true,
    // Bolt's default conversation store is unused here (state lives in the core's storage), and its
    // miss rejects with a new Error per request: ~6% of a slash command's CPU in
    // bench/measure-slack-stages.ts.
    convoStore: false,
    // Bolt's ignoreSelf drops messages the bot posted and events the bot user caused: this app
    // subscribes to no message events, and in app_home_opened, app_uninstalled and tokens_revoked
    // the bot is never the actor. The filter would be one more middleware step on every request.
    ignoreSelf: false,
    ...(installer ? { authorize: (query) => authorizeInstalled(installer, query) } : { token: config.SLACK_BOT_TOKEN! }),
  });
  app.error(async (err) => {
    logger.error({ event: 'slack.listener_failed', error: err?.name, code: (err as { code?: string })?.code }, 'slack listener failed');
    throw err;
  });

  // The release before kept these pages and modal states in clear: they go now, not when their day is over.
  await Promise.all(['slack-pages', 'slack-metadata'].map((name) => storage.namespace(name).clear()));
  const pager = createSlackPager(bot.overflow, prompts);
  registerSlackListeners(app, {
    bot,
    pager,
    prompts,
    logger,
    timeZoneOf: createTimeZoneCache(clock),
    async forgetInstallation(teamId, enterpriseId, isEnterpriseInstall) {
      await installationStore?.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall } as never);
      // Tokens go now; the workspace's data after the grace period (UNINSTALL_GRACE_DAYS).
      if (teamId) await bot.workspaces.uninstalled('slack', teamId);
    },
  });

  try {
    await app.init();
  } catch (err) {
    const code = (err as { data?: { error?: string }; code?: string }).data?.error ?? (err as { code?: string }).code ?? (err as Error).name;
    throw new SlackStartError(`Slack did not accept SLACK_BOT_TOKEN (${code}). Check the bot token on your app's "OAuth & Permissions" page, and SLACK_API_URL if you set it.`);
  }

  const outboxClient = new WebClient(undefined, { ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const outbox = createSlackOutbox({
    client: outboxClient,
    logger,
    render: (tenantId, reply) => pager.message({ tenantId }, reply),
    tokenFor: (tenantId) => (installationStore ? installationStore.botTokenFor(tenantId) : Promise.resolve(config.SLACK_BOT_TOKEN)),
  });

  const routes: Record<string, RouteHandler> = {};
  if (httpReceiver) routes[`POST ${SLACK_EVENTS_PATH}`] = (req, res) => httpReceiver.handle(req, res);
  if (installer) {
    routes[`GET ${SLACK_INSTALL_PATH}`] = (req, res) => installer.handleInstallPath(req, res, undefined, { scopes: [...BOT_SCOPES] });
    routes[`GET ${SLACK_OAUTH_REDIRECT_PATH}`] = (req, res) =>
      installer.handleCallback(req, res, {
        success: (installation, _options, _req, r: ServerResponse) => {
          logger.info({ event: 'slack.installed', teamId: installation.team?.id, enterpriseId: installation.enterprise?.id }, 'slack app installed');
          r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage(prompts.installed));
        },
        failure: (error, _options, _req: IncomingMessage, r: ServerResponse) => {
          logger.warn({ event: 'slack.install_failed', code: error.code }, 'slack install failed');
          r.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(htmlPage(prompts.installFailed));
        },
      });
  }

  return {
    name: 'slack',
    routes,
    outbox,
    async start() {
      if (socketMode) await app.start();
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}
