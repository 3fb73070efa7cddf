import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot/create-bot';
import type { Logger } from '../../src/base/logger';
import type { Reply } from '../../src/base/reply';
import type { SlackPrompts } from './load-slack-prompts';
import type { Localised } from '../../src/base/load-prompts';
import { languageOfLocale } from '../../src/base/language';
import type { SlackPager } from './create-slack-pager';
import type { SlackActorOf } from './to-slack-actor';
import type { ReplyTarget, SlackReplies } from './deliver-slack-reply';
import { MORE_ACTION } from './create-slack-pager';
import { readClick, readCommand, readInstallation, readSubmission, type SlackClick, type SlackSubmission } from './read-slack-payload';
import { shorten } from './render-block-kit';
import { botCanPostIn } from './check-channel-membership';
import { answerMessageShortcut, type MessageShortcutArgs } from './answer-message-shortcut';

// What each kind of Slack request does: read it (read-slack-payload), hand it to the core, deliver
// the reply (deliver-slack-reply). Every command in the catalog takes the same path, so a command
// added to prompts/commands.json (and the core) needs nothing here.

export interface SlackHandlerDeps {
  bot: Bot;
  pager: SlackPager;
  /** The adapter's own words in each language. */
  prompts: Localised<SlackPrompts>;
  logger: Logger;
  actorOf: SlackActorOf;
  replies: SlackReplies;
  /** Called when Slack says the app was uninstalled or its bot token revoked. */
  forgetInstallation(installation: ReturnType<typeof readInstallation>): Promise<void>;
}

/** Time left for the answer to travel in the acknowledgement; slower answers follow via response_url. */
const ANSWER_IN_ACK_MS = 2300;
const ERROR_TEXT_MAX = 150;

type Args<T> = T & AllMiddlewareArgs;
type CommandArgs = Args<SlackCommandMiddlewareArgs>;
type ClickArgs = Args<SlackActionMiddlewareArgs<BlockAction>>;
type SubmissionArgs = Args<SlackViewMiddlewareArgs<ViewSubmitAction>>;
type EventArgs<T extends string> = Args<SlackEventMiddlewareArgs<T>>;

/** The answer, or undefined when it is not ready by `deadline` (ms since the epoch). */
async function answerBy<T>(answer: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now())); });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Slack refuses errors for blocks the modal does not have: those land on the first input. */
function errorsOnBlocks(errors: Record<string, string>, blockIds: readonly string[]): Record<string, string> {
  const onBlocks: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const target = blockIds.includes(field) ? field : blockIds[0];
    if (target) onBlocks[target] = shorten(onBlocks[target] ? `${onBlocks[target]} ${message}` : message, ERROR_TEXT_MAX);
  }
  return onBlocks;
}

async function publishHome({ bot, actorOf, replies, prompts }: SlackHandlerDeps, client: webApi.WebClient, tenantId: string, userId: string) {
  const home = await bot.home(await actorOf(client, tenantId, userId));
  await replies.publishHome(client, userId, home, prompts(home.lang ?? 'en').homeTrimmed);
}

/** The next page behind a "more" button, or a sentence when it is gone. */
async function nextPage({ pager, prompts, replies }: SlackHandlerDeps, click: SlackClick, at: ReplyTarget) {
  const page = await pager.nextPage(click, click.value);
  await replies.send({ response_type: 'ephemeral', replace_original: false, ...(page ?? { text: prompts('en').moreGone }) }, at);
}

async function answerClick(deps: SlackHandlerDeps, click: SlackClick, at: ReplyTarget) {
  const reply = await deps.bot.handleAction({ actor: await deps.actorOf(at.client, click.tenantId, click.userId), action: click.actionId, value: click.value });
  // Unknown or stale buttons: acknowledged already, nothing else to do.
  if (!reply) return;
  await deps.replies.deliver(reply, at);
  // A button on the Home tab (cancel a reminder, …): the tab shows the change at once.
  if (click.onHome && !reply.form) await publishHome(deps, at.client, click.tenantId, click.userId);
}

async function answerSubmission({ bot, pager, actorOf, replies }: SlackHandlerDeps, submission: SlackSubmission, { ack, client }: SubmissionArgs) {
  const state = await pager.decodeMetadata(submission, submission.privateMetadata);
  const actor = await actorOf(client, submission.tenantId, submission.userId);
  const result = await bot.handleSubmission({ actor, formId: submission.formId, values: submission.values, metadata: state?.metadata ?? '' });
  if ('errors' in result && Object.keys(result.errors).length) {
    await ack({ response_action: 'errors', errors: errorsOnBlocks(result.errors, submission.blockIds) });
    return;
  }
  await ack();
  // A form opened by a slash command answers where the command was typed (its brief's Share button
  // then shares into that channel); any other form, or a kept address that fails, answers in the DM.
  const at: ReplyTarget = { client, tenantId: submission.tenantId, userId: submission.userId, ...(state?.answerUrl ? { answerUrl: state.answerUrl } : {}) };
  if ('reply' in result && result.reply) await replies.deliver(result.reply, at);
}

async function removeInstallation({ forgetInstallation, logger }: SlackHandlerDeps, body: EventArgs<string>['body'], why: string) {
  const installation = readInstallation(body);
  await forgetInstallation(installation);
  logger.info({ event: 'slack.installation_removed', teamId: installation.teamId, why }, 'slack installation removed');
}

/** A slash command: answered inside the acknowledgement when the core is quick enough, else through response_url. */
async function answerCommand({ bot, prompts, logger, actorOf, replies }: SlackHandlerDeps, { command, ack, respond, client }: CommandArgs) {
  const deadline = Date.now() + ANSWER_IN_ACK_MS;
  const { name, text, mentions, channels, responseUrl } = readCommand(command);
  const actor = await actorOf(client, command.team_id, command.user_id);
  const answer = bot.handleCommand({ actor, command: name, text, mentions, channels, botCanPostIn: (channelId) => botCanPostIn(client, channelId, logger) });
  const reply: Reply | undefined = await answerBy(answer, deadline);
  if (!reply) {
    // Too slow for the acknowledgement: say so at once, answer through response_url.
    await ack({ response_type: 'ephemeral', text: prompts(languageOfLocale(actor.locale) ?? 'en').slow });
    await replies.deliver(await answer, { client, tenantId: actor.tenantId, userId: actor.userId, respond });
  } else if (reply.form) {
    await ack();
    await replies.openForm(client, command.trigger_id, actor, reply, responseUrl);
  } else {
    // The answer travels in the acknowledgement itself: no second round trip.
    await ack(await replies.message(actor, reply));
    if (reply.file) await replies.uploadFile(client, actor.userId, reply.file);
  }
}

/** One listener per kind of request, as registerSlackListeners hands them to Bolt. */
export function createSlackHandlers(deps: SlackHandlerDeps) {
  return {
    command: (args: CommandArgs) => answerCommand(deps, args),

    messageShortcut: (args: MessageShortcutArgs) => answerMessageShortcut(deps, args),

    async click({ ack, body, action, client, respond }: ClickArgs) {
      await ack();
      const click = readClick(body, action);
      if (!click) return;
      const at: ReplyTarget = { client, tenantId: click.tenantId, userId: click.userId, ...(click.hasResponseUrl ? { respond } : {}), ...(click.triggerId ? { triggerId: click.triggerId } : {}) };
      if (click.slackActionId.startsWith(MORE_ACTION)) await nextPage(deps, click, at);
      else await answerClick(deps, click, at);
    },

    async submission(args: SubmissionArgs) {
      const submission = readSubmission(args.body);
      if (!submission) { await args.ack(); return; }
      await answerSubmission(deps, submission, args);
    },

    async homeOpened({ event, body, client }: EventArgs<'app_home_opened'>) {
      if (event.tab !== 'home' || typeof event.user !== 'string') return;
      await publishHome(deps, client, readInstallation(body).teamId ?? '', event.user);
    },

    async uninstalled({ body }: EventArgs<'app_uninstalled'>) {
      await removeInstallation(deps, body, 'app_uninstalled');
    },

    async tokensRevoked({ event, body }: EventArgs<'tokens_revoked'>) {
      // Only the bot token matters to this app; a person revoking their own token changes nothing.
      if ((event.tokens?.bot ?? []).length) await removeInstallation(deps, body, 'tokens_revoked');
    },
  };
}

export type SlackHandlers = ReturnType<typeof createSlackHandlers>;
