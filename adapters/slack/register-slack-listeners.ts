import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, BlockAction, MessageShortcut, Middleware, SlackCommandMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Logger } from '../../src/base/logger';
import type { SlackPrompts } from './load-slack-prompts';
import type { SlackHandlers } from './handle-slack-requests';

// The app's Bolt listeners, one per kind of request it answers. What each does is in
// handle-slack-requests.ts.

/** Every button and menu: the core's action ids (`tip.show~0`) and the pager's "more". */
const ANY_ACTION = /.+/;
/** Every modal: the core knows its forms by id and ignores the rest. */
const ANY_FORM = /.+/;
/** Every message shortcut: the core knows its shortcuts by name (the manifest's callback_id) and ignores the rest. */
const ANY_SHORTCUT = /.+/;

/**
 * Slack signed the request, but the workspace has no installation here (see create-slack-installer):
 * a command is answered with how to install the app, anything else is acknowledged.
 */
async function answerNotInstalled(args: AnyMiddlewareArgs & AllMiddlewareArgs, prompts: SlackPrompts, logger: Logger): Promise<void> {
  const teamId = typeof args.context.teamId === 'string' ? args.context.teamId : undefined;
  logger.warn({ event: 'slack.not_installed', teamId }, 'request from a workspace without an installation');
  if ('command' in args) await args.ack({ response_type: 'ephemeral', text: prompts.notInstalled });
  else if ('ack' in args && args.ack) await (args.ack as () => Promise<void>)();
}

/** Listener middleware, not global: app_uninstalled and tokens_revoked come without a token by design,
 *  and they are how an installation goes. */
const installedOnly = (prompts: SlackPrompts, logger: Logger): Middleware<AnyMiddlewareArgs> => async (args) => {
  const all = args as AnyMiddlewareArgs & AllMiddlewareArgs;
  if (all.context.botToken) await all.next();
  else await answerNotInstalled(all, prompts, logger);
};

/**
 * Slash commands, the bot's busiest and most time-bound requests, are answered by this global
 * middleware instead of `app.command(/^\/.+/, …)`: a command stops here, so Bolt never enters its
 * listener phase for it (one chain per listener, matching or not). With app.command the bot fell
 * well short of its throughput target against bare Bolt (docs/performance.md, "Slack adapter" has
 * the figures). One middleware serves the whole catalog: the core routes
 * by name and answers a command it does not know with a friendly sentence. Everything else goes on
 * to Bolt's own listeners.
 */
const commandsFirst = (command: SlackHandlers['command'], prompts: SlackPrompts, logger: Logger): Middleware<AnyMiddlewareArgs> => async (args) => {
  const all = args as AnyMiddlewareArgs & AllMiddlewareArgs;
  if (!('command' in args)) await all.next();
  else if (!all.context.botToken) await answerNotInstalled(all, prompts, logger);
  else await command(args as SlackCommandMiddlewareArgs & AllMiddlewareArgs);
};

export function registerSlackListeners(app: App, handlers: SlackHandlers, prompts: SlackPrompts, logger: Logger): void {
  const installed = installedOnly(prompts, logger);
  app.use(commandsFirst(handlers.command, prompts, logger));
  app.action<BlockAction>({ type: 'block_actions', action_id: ANY_ACTION }, installed, handlers.click);
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: ANY_SHORTCUT }, installed, handlers.messageShortcut);
  app.view<ViewSubmitAction>({ type: 'view_submission', callback_id: ANY_FORM }, installed, handlers.submission);
  app.event('app_home_opened', installed, handlers.homeOpened);
  app.event('app_uninstalled', handlers.uninstalled);
  app.event('tokens_revoked', handlers.tokensRevoked);
}
