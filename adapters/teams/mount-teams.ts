import { activityShapeProblem } from './check-activity-shape';
import { CloudAdapter } from 'botbuilder';
import type { MountDeps, PlatformMount } from '../platform-mount';
import { BodyError, readJsonBody, toBotRequest, toBotResponse } from './bridge-node-http';
import { createTeamsAuth, type TeamsAuthOptions } from './create-teams-auth';
import { createTeamsTurnHandler } from './handle-teams-turn';
import { createConversationRefStore } from './store-conversation-refs';
import { createTeamsOutbox } from './create-teams-outbox';
import { loadTeamsPrompts } from './load-teams-prompts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsMountOptions extends TeamsAuthOptions {
  /** An inbound request that has not been answered after this long gets 503 (ms). */
  requestTimeoutMs?: number;
}

/** Microsoft Teams on the shared HTTP server: POST /api/messages through botbuilder's CloudAdapter. */
export async function mountTeams({ config, bot, logger, storage }: MountDeps, options: TeamsMountOptions = {}): Promise<PlatformMount> {
  const local = config.TEAMS_LOCAL === '1';
  if (local) logger.warn({ event: 'teams.auth_off' }, 'TEAMS_LOCAL=1: Teams requests are NOT authenticated (local use with the Bot Framework Emulator only)');
  const adapter = new CloudAdapter(createTeamsAuth(config, options));
  const prompts = loadTeamsPrompts();
  const refs = createConversationRefStore(storage, bot.context.clock, prompts.conversationDetailsLabel);
  // What Teams alone stores about a person joins `/engage forget me` and `export me`.
  bot.context.privacy.sources.push(refs.personalData);
  const handleTurn = createTeamsTurnHandler({ bot, prompts, refs, logger, local });
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;

  adapter.onTurnError = async (ctx, err) => {
    // Never the activity text or the error message (it can echo payloads): kind and class only.
    logger.error({ event: 'teams.turn_failed', type: ctx.activity?.type, error: (err as Error)?.name ?? 'Error' }, 'Teams turn failed');
    if (ctx.activity?.type === 'message') await ctx.sendActivity(bot.context.messages.errors.internal).catch(() => undefined);
  };

  return {
    name: 'teams',
    routes: {
      [`POST ${TEAMS_MESSAGES_PATH}`]: async (req, res) => {
        let body;
        try {
          body = await readJsonBody(req);
        } catch (err) {
          const status = err instanceof BodyError ? err.status : 400;
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message }));
          return;
        }
        const problem = activityShapeProblem(body);
        if (problem) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: problem }));
          return;
        }
        // Token validation fetches OpenID metadata with no timeout of its own: never hang the caller.
        const timer = setTimeout(() => {
          if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"timed out"}');
        }, requestTimeoutMs);
        try {
          await adapter.process(toBotRequest(req, body), toBotResponse(res), handleTurn);
        } finally {
          clearTimeout(timer);
        }
      },
    },
    outbox: createTeamsOutbox({ adapter, appId: local ? '' : config.MICROSOFT_APP_ID ?? '', refs, prompts, logger }),
    async stop() {},
  };
}
