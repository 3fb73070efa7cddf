import type { MountDeps, PlatformMount } from '../platform-mount';
import { logFailure } from '../shared/log-failure';
import { createCredentialsCheck } from './check-teams-credentials';
import { createTeamsAuth, type TeamsAuthOptions } from './create-teams-auth';
import { TeamsTurnHandler } from './handle-teams-turn';
import { createActivityRoute, TeamsAdapter } from './serve-activity';
import { createConversationRefStore } from './store-conversation-refs';
import { createTeamsOutbox } from './create-teams-outbox';
import { loadTeamsPrompts } from './load-teams-prompts';
import { createPersonalChat } from './keep-replies-private';
import { createShareOrigins } from './keep-share-origins';
import { inEveryLanguage } from '../../src/base/load-prompts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsMountOptions extends TeamsAuthOptions {
  /** An inbound request that has not been answered after this long gets 503 (ms). */
  requestTimeoutMs?: number;
}

/** Microsoft Teams on the shared HTTP server: POST /api/messages through botbuilder's CloudAdapter. */
export async function mountTeams({ config, bot, logger, storage }: MountDeps, options: TeamsMountOptions = {}): Promise<PlatformMount> {
  const local = config.TEAMS_LOCAL === '1';
  if (local) logger.warn({ event: 'teams.auth_off' }, 'TEAMS_LOCAL=1: Teams requests are NOT authenticated (local use with the Bot Framework Emulator only)');
  const auth = createTeamsAuth(config, options);
  const adapter = new TeamsAdapter(auth);
  const prompts = inEveryLanguage(loadTeamsPrompts);
  const refs = createConversationRefStore(storage, bot.clock, prompts('en').conversationDetailsLabel);
  // What Teams alone stores about a person joins `/engage forget me` and `export me`.
  bot.addPersonalData(refs.personalData);
  const shareOrigins = createShareOrigins(storage, bot.clock, prompts('en').shareBack.dataLabel);
  bot.addPersonalData(shareOrigins.personalData);
  const outbox = createTeamsOutbox({ adapter, appId: local ? '' : config.MICROSOFT_APP_ID ?? '', refs, prompts, logger });
  const teamsBot = new TeamsTurnHandler({
    bot, prompts, refs, logger, local, claims: storage,
    sendPrivately: async ({ tenantId, userId }, reply) => (await outbox.send({ platform: 'teams', tenantId, userId }, reply)).ok,
    personalChat: createPersonalChat(outbox, refs),
    shareOrigins,
    outbox,
  });

  adapter.onTurnError = async (ctx, err) => {
    // Never the activity text or the error message (it can echo payloads): the kind, and what log-failure.ts keeps.
    logFailure(logger, 'teams.turn_failed', err, 'Teams turn failed', { type: ctx.activity?.type });
    if (ctx.activity?.type === 'message') await ctx.sendActivity(bot.messages.errors.internal).catch(() => undefined);
  };
  const credentials = createCredentialsCheck(auth, logger, { local, timeoutMs: options.outboundTimeoutMs ?? 10_000 });

  return {
    name: 'teams',
    routes: { [`POST ${TEAMS_MESSAGES_PATH}`]: createActivityRoute(adapter, (ctx) => teamsBot.run(ctx), logger, options.requestTimeoutMs ?? 15_000) },
    outbox,
    start: async () => credentials.start(),
    ready: () => credentials.problem(),
    async stop() {},
  };
}
