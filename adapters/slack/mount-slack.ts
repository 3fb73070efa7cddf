import type { AppOptions, Logger as BoltLogger, Receiver, webApi } from '@slack/bolt';
// Bolt's App and its receivers from their own modules: the package's index also loads the Express
// and AWS Lambda receivers (express, body-parser...), start-up time this bot never uses.
import App from '@slack/bolt/dist/App';
import SocketModeReceiver from '@slack/bolt/dist/receivers/SocketModeReceiver';
import { WebClient } from '@slack/web-api';
import type { MountDeps, PlatformMount } from '../platform-mount';
import type { Config } from '../../src/config/load-config';
import type { Logger } from '../../src/base/logger';
import type { RouteHandler } from '../http/create-http-server';
import { logFailure } from '../shared/log-failure';
import { createSlackReceiver } from './create-slack-receiver';
import { createInstallationStore } from './create-installation-store';
import { authorizeInstalled, createSlackInstaller, installRoutes } from './create-slack-installer';
import { createSlackOutbox } from './create-slack-outbox';
import { createSlackPager } from './create-slack-pager';
import { createProfileCache } from './create-profile-cache';
import { createBoltLogger } from './create-bolt-logger';
import { createSlackActors } from './to-slack-actor';
import { createSlackReplies } from './deliver-slack-reply';
import { createSlackHandlers } from './handle-slack-requests';
import { loadSlackPrompts } from './load-slack-prompts';
import { inEveryLanguage } from '../../src/base/load-prompts';
import { registerSlackListeners } from './register-slack-listeners';
import { SLACK_EVENTS_PATH } from './build-slack-manifest';

export class SlackStartError extends Error {}

function checkSlackSettings(config: Config): void {
  if (config.SLACK_CLIENT_ID && (!config.SLACK_CLIENT_SECRET || !config.SLACK_STATE_SECRET)) {
    throw new SlackStartError('SLACK_CLIENT_ID is set, so Slack installs go through OAuth: set SLACK_CLIENT_SECRET and SLACK_STATE_SECRET too (see .env.example).');
  }
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new SlackStartError('SLACK_SIGNING_SECRET is not set: Slack requests cannot be verified without it (or set SLACK_APP_TOKEN for Socket Mode).');
  }
}

/** Interactive calls retry briefly; left alone, the client retries for about half an hour. */
const clientOptionsFor = (config: Config, logger: BoltLogger): webApi.WebClientOptions => ({
  slackApiUrl: config.SLACK_API_URL,
  retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
  timeout: 10_000,
  logger,
});

function createBoltApp(receiver: Receiver, logger: BoltLogger, clientOptions: webApi.WebClientOptions, auth: Pick<AppOptions, 'token' | 'authorize'>): App {
  return new App({
    receiver,
    logger,
    clientOptions,
    // init() checks the token: a bad token is a start-up sentence, not an unhandled rejection.
    deferInitialization: true,
    // Bolt's default conversation store is unused here (state lives in the core's storage), and its
    // miss rejects with a new Error per request (docs/performance.md, Slack adapter).
    convoStore: false,
    // Bolt's ignoreSelf drops messages the bot posted and events the bot user caused: this app
    // subscribes to no message events, and in app_home_opened, app_uninstalled and tokens_revoked
    // the bot is never the actor. The filter would be one more middleware step on every request.
    ignoreSelf: false,
    ...auth,
  });
}

async function initOrExplain(app: App): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    const code = (err as { data?: { error?: string }; code?: string }).data?.error ?? (err as { code?: string }).code ?? (err as Error).name;
    throw new SlackStartError(`Slack did not accept SLACK_BOT_TOKEN (${code}). Check the bot token on your app's "OAuth & Permissions" page, and SLACK_API_URL if you set it.`);
  }
}

const logListenerFailures = (app: App, logger: Logger) =>
  app.error(async (err) => {
    logFailure(logger, 'slack.listener_failed', err, 'slack listener failed');
    throw err;
  });

/** The Slack app on the shared HTTP server (or over Socket Mode), with its outbox. */
export async function mountSlack({ config, bot, logger, storage }: MountDeps): Promise<PlatformMount> {
  checkSlackSettings(config);
  const clock = bot.clock;
  const prompts = inEveryLanguage(loadSlackPrompts);
  const boltLogger = createBoltLogger(logger);
  const clientOptions = clientOptionsFor(config, boltLogger);
  const oauth = config.SLACK_CLIENT_ID ? { clientId: config.SLACK_CLIENT_ID, clientSecret: config.SLACK_CLIENT_SECRET!, stateSecret: config.SLACK_STATE_SECRET! } : undefined;
  const installationStore = oauth ? createInstallationStore(storage, (teamId) => bot.workspaces.installed('slack', teamId)) : undefined;
  const installer = oauth && installationStore ? createSlackInstaller(oauth, installationStore, clientOptions, boltLogger) : undefined;
  const httpReceiver = config.SLACK_APP_TOKEN ? undefined : createSlackReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, clock, claims: storage, logger });
  const receiver: Receiver = httpReceiver ?? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger: boltLogger, installerOptions: { clientOptions } });
  const app = createBoltApp(receiver, boltLogger, clientOptions, installer ? { authorize: (query) => authorizeInstalled(installer, query) } : { token: config.SLACK_BOT_TOKEN! });
  logListenerFailures(app, logger);

  // The release before kept these pages and modal states in clear: they go now, not when their day is over.
  await Promise.all(['slack-pages', 'slack-metadata'].map((name) => storage.namespace(name).clear()));
  const pager = createSlackPager(bot.overflow, prompts, clock);
  const handlers = createSlackHandlers({
    bot, pager, prompts, logger,
    actorOf: createSlackActors(createProfileCache(clock)),
    replies: createSlackReplies(pager, logger),
    async forgetInstallation({ teamId, enterpriseId, isEnterpriseInstall }) {
      await installationStore?.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall });
      // Tokens go now; the workspace's data after the grace period (UNINSTALL_GRACE_DAYS).
      if (teamId) await bot.workspaces.uninstalled('slack', teamId);
    },
  });
  registerSlackListeners(app, handlers, prompts('en'), logger);
  await initOrExplain(app);

  const outbox = createSlackOutbox({
    client: new WebClient(undefined, { ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    logger,
    render: (tenantId, reply) => pager.message({ tenantId }, reply),
    tokenFor: (tenantId) => (installationStore ? installationStore.botTokenFor(tenantId) : Promise.resolve(config.SLACK_BOT_TOKEN)),
  });
  const routes: Record<string, RouteHandler> = {
    ...(httpReceiver ? { [`POST ${SLACK_EVENTS_PATH}`]: (req, res) => httpReceiver.handle(req, res) } : {}),
    ...(installer ? installRoutes(installer, prompts('en'), logger) : {}),
  };
  const socketMode = !httpReceiver;
  return {
    name: 'slack',
    routes,
    outbox,
    start: async () => { if (socketMode) await app.start(); },
    stop: async () => { if (socketMode) await app.stop(); },
  };
}
