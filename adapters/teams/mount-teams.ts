import type { ServerResponse } from 'node:http';
import { AuthenticationError } from 'botframework-connector';
import type { MountDeps, PlatformMount } from '../platform-mount';
import { readJsonObject } from '../http/read-body';
import { createLogLimiter } from '../http/limit-log-rate';
import { activityShapeProblem } from './check-activity-shape';
import { createTeamsAuth, type TeamsAuthOptions } from './create-teams-auth';
import { createTeamsTurnHandler } from './handle-teams-turn';
import { MAX_ACTIVITY_BYTES, TeamsAdapter } from './serve-activity';
import { createConversationRefStore } from './store-conversation-refs';
import { createTeamsOutbox } from './create-teams-outbox';
import { loadTeamsPrompts } from './load-teams-prompts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsMountOptions extends TeamsAuthOptions {
  /** An inbound request that has not been answered after this long gets 503 (ms). */
  requestTimeoutMs?: number;
}

/** After refused credentials, /readyz asks Microsoft again at most this often (a network blip at start-up heals). */
const RECHECK_CREDENTIALS_MS = 60_000;

const json = (res: ServerResponse, status: number, body: unknown) => {
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/** Microsoft Teams on the shared HTTP server: POST /api/messages through botbuilder's CloudAdapter. */
export async function mountTeams({ config, bot, logger, storage }: MountDeps, options: TeamsMountOptions = {}): Promise<PlatformMount> {
  const local = config.TEAMS_LOCAL === '1';
  if (local) logger.warn({ event: 'teams.auth_off' }, 'TEAMS_LOCAL=1: Teams requests are NOT authenticated (local use with the Bot Framework Emulator only)');
  const auth = createTeamsAuth(config, options);
  const adapter = new TeamsAdapter(auth);
  const prompts = loadTeamsPrompts();
  const refs = createConversationRefStore(storage, bot.clock, prompts.conversationDetailsLabel);
  // What Teams alone stores about a person joins `/engage forget me` and `export me`.
  bot.addPersonalData(refs.personalData);
  const handleTurn = createTeamsTurnHandler({ bot, prompts, refs, logger, local });
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  // Anyone can post a malformed activity or a forged token: those lines come at a rate.
  const limited = createLogLimiter(logger);

  adapter.onTurnError = async (ctx, err) => {
    // Never the activity text or the error message (it can echo payloads): kind and class only.
    logger.error({ event: 'teams.turn_failed', type: ctx.activity?.type, error: (err as Error)?.name ?? 'Error' }, 'Teams turn failed');
    if (ctx.activity?.type === 'message') await ctx.sendActivity(bot.messages.errors.internal).catch(() => undefined);
  };

  // Readiness: the bot's own token must have been fetched once (nothing to fetch with auth off).
  let credentials: string | undefined = local ? undefined : 'teams credentials not checked yet';
  let checkedAt = -Infinity;
  let checking: Promise<void> | undefined;
  const checkCredentials = () => {
    checkedAt = performance.now();
    checking ??= withTimeout(auth.checkCredentials(), options.outboundTimeoutMs ?? 10_000).then(
      () => { credentials = undefined; logger.info({ event: 'teams.credentials_accepted' }, 'Teams credentials accepted'); },
      (err) => {
        credentials = 'teams credentials not accepted';
        logger.error({ event: 'teams.credentials_refused', error: (err as Error)?.name ?? 'Error' }, 'Teams credentials were not accepted: check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID');
      },
    ).finally(() => { checking = undefined; });
    return checking;
  };

  return {
    name: 'teams',
    routes: {
      [`POST ${TEAMS_MESSAGES_PATH}`]: async (req, res) => {
        // Too large, or cut short (by the client, or by the shared server's deadline): a BodyError the server answers.
        const body = await readJsonObject(req, { limit: MAX_ACTIVITY_BYTES });
        const problem = activityShapeProblem(body);
        if (problem) {
          limited.warn('teams.refused', { reason: 'bad_shape' }, 'Teams request refused');
          json(res, 400, { error: problem });
          return;
        }
        // Token validation fetches OpenID metadata with no timeout of its own: never hang the caller.
        const timer = setTimeout(() => json(res, 503, { error: 'timed out' }), requestTimeoutMs);
        try {
          const answer = await adapter.serve(String(req.headers.authorization ?? ''), body, handleTurn);
          if (answer?.body === undefined) { if (!res.headersSent) res.writeHead(answer?.status ?? 200).end(); }
          else json(res, answer.status, answer.body);
        } catch (err) {
          if (err instanceof AuthenticationError) {
            // Which check failed stays in the log (its class only); the caller learns nothing more.
            const cause = (err as { cause?: Error }).cause?.name;
            limited.warn('teams.refused', { reason: 'unauthorized', ...(cause ? { cause } : {}) }, 'Teams request refused');
            json(res, 401, { error: 'unauthorized' });
          } else {
            logger.error({ event: 'teams.failed', error: (err as Error)?.name ?? 'Error' }, 'Teams request failed');
            json(res, 500, { error: 'internal' });
          }
        } finally {
          clearTimeout(timer);
        }
      },
    },
    outbox: createTeamsOutbox({ adapter, appId: local ? '' : config.MICROSOFT_APP_ID ?? '', refs, prompts, logger }),
    async start() {
      // Not awaited: start-up does not wait on Microsoft's login service; /readyz says when it answered.
      if (credentials) void checkCredentials();
    },
    ready() {
      if (credentials && !checking && performance.now() - checkedAt >= RECHECK_CREDENTIALS_MS) void checkCredentials();
      return credentials;
    },
    async stop() {},
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
