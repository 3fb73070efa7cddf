import { mentionsToIds } from './read-mentions';
import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { Logger } from '../../src/base/logger';
import { fillTemplate } from '../../src/base/fill-template';
import { parseTeamsText } from './parse-teams-text';
import { readCardData, type CardInput } from './read-card-data';
import { CARD_CONTENT_TYPE, isPlainText, renderAdaptiveCard } from './render-adaptive-card';
import { cardActivity, toTeamsActivity } from './to-teams-activity';
import { toTeamsActor } from './to-teams-actor';
import type { ConversationRefStore } from './store-conversation-refs';
import type { TeamsPrompts } from './load-teams-prompts';

export interface TurnDeps {
  bot: Bot;
  prompts: TeamsPrompts;
  refs: ConversationRefStore;
  logger: Logger;
  /** TEAMS_LOCAL=1: activities without a tenant (the Emulator) are accepted as tenant "local". */
  local: boolean;
}

type InvokeBody =
  | { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: unknown }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

/** The bot logic CloudAdapter runs for each verified activity. */
export function createTeamsTurnHandler(deps: TurnDeps) {
  const { bot, prompts, refs, logger, local } = deps;

  return async (ctx: TurnContext): Promise<void> => {
    const activity = ctx.activity;
    const actor = toTeamsActor(activity, local);
    if (!actor) {
      logger.warn({ event: 'teams.no_actor', type: activity.type }, 'activity without tenant or user ignored');
      if (activity.type === ActivityTypes.Invoke) await answerInvoke(ctx, 400, badRequest());
      return;
    }
    if (isRemoval(activity)) {
      await refs.forgetConversation(actor.tenantId, activity.conversation.id, actor.userId);
      // Its last conversation gone, the app is gone from the organisation (an admin removing it
      // tenant-wide removes it from every chat and team): the tenant's data follows after the grace
      // period, as for a Slack workspace that uninstalls (src/privacy/create-workspace-lifecycle.ts).
      const tenantWide = !(await refs.hasAnyIn(actor.tenantId));
      if (tenantWide) await bot.workspaces.uninstalled('teams', actor.tenantId);
      logger.info({ event: 'teams.removed', tenantId: actor.tenantId, tenantWide }, 'bot removed from a conversation');
      return;
    }
    // A conversation new to the bot is an installation: a tenant waiting to be purged keeps its data.
    if (await refs.remember(actor.tenantId, actor.userId, TurnContext.getConversationReference(activity))) {
      await bot.workspaces.installed('teams', actor.tenantId);
    }

    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(ctx, actor);
      case ActivityTypes.Invoke:
        if (activity.name === 'adaptiveCard/action') return onExecute(ctx, actor);
        // Other invokes (message extensions, task modules) are not part of this app.
        return answerInvoke(ctx, 501);
      case ActivityTypes.InstallationUpdate:
        if (String((activity as { action?: string }).action ?? '').startsWith('add') && activity.conversation.conversationType === 'personal') {
          await ctx.sendActivity(toTeamsActivity(await welcome(actor), prompts));
        }
        return;
      default:
        // conversationUpdate and the rest: the reference is stored above; nothing to say.
        return;
    }
  };

  async function onMessage(ctx: TurnContext, actor: Actor): Promise<void> {
    const input = readCardData(ctx.activity.value);
    if (input) return onSubmit(ctx, actor, input);
    const withoutBot = typeof ctx.activity.text === 'string' ? TurnContext.removeRecipientMention(ctx.activity) ?? '' : '';
    const text = mentionsToIds(withoutBot, ctx.activity.entities);
    const intent = parseTeamsText(text, bot.catalog);
    const reply = intent.kind === 'home'
      ? await bot.home(actor)
      : await bot.handleCommand({ actor, command: intent.kind === 'help' ? 'engage' : intent.command, text: intent.kind === 'help' ? '' : intent.text });
    // An unknown "/word" is something the person typed: only catalog names reach the logs.
    const known = intent.kind !== 'command' || bot.catalog.some((c) => c.name === intent.command);
    // Debug, not info: a line per message read nothing changed (Slack's commands log none either), and
    // writing it was ~4% of a turn's CPU under load (bench-teams.ts profile).
    logger.debug({ event: 'teams.command', command: known ? (intent.kind === 'command' ? intent.command : intent.kind) : 'unknown', tenantId: actor.tenantId }, 'command answered');
    await ctx.sendActivity(toTeamsActivity(reply, prompts));
  }

  /** Action.Submit: the card's data arrives as a message `value`; answers are new messages. */
  async function onSubmit(ctx: TurnContext, actor: Actor, input: CardInput): Promise<void> {
    if (input.kind === 'action') {
      const reply = await bot.handleAction({ actor, action: input.action, value: input.value });
      if (reply) await replaceOrSend(ctx, reply.replaceOriginal === true, toTeamsActivity(reply, prompts));
      return;
    }
    const result = await bot.handleSubmission({ actor, formId: input.form.id, values: input.values, metadata: input.form.metadata });
    if ('errors' in result && Object.keys(result.errors).length) {
      const card = renderAdaptiveCard({ text: input.form.title, blocks: [], visibility: 'private', form: input.form }, prompts, result.errors, input.raw);
      await replaceOrSend(ctx, true, cardActivity(card, prompts.fieldProblems));
      return;
    }
    const reply = 'reply' in result ? result.reply : undefined;
    await replaceOrSend(ctx, true, reply ? toTeamsActivity(reply, prompts) : { type: 'message', text: prompts.done });
  }

  /** Action.Execute: answered in the invoke response, which refreshes the card in place. */
  async function onExecute(ctx: TurnContext, actor: Actor): Promise<void> {
    const value = (ctx.activity.value ?? {}) as { action?: { type?: unknown; data?: unknown } };
    const input = value.action?.type === 'Action.Execute' ? readCardData(value.action.data) : undefined;
    if (!input) return answerInvoke(ctx, 200, message(prompts.done));
    if (input.kind === 'action') {
      const reply = await bot.handleAction({ actor, action: input.action, value: input.value });
      if (!reply) return answerInvoke(ctx, 200, message(prompts.done));
      if (reply.visibility === 'channel') {
        // Sharing adds a message everyone sees; the card the button was on stays as it was.
        await ctx.sendActivity(toTeamsActivity(reply, prompts));
        return answerInvoke(ctx, 200, message(prompts.shared));
      }
      // A one-line acknowledgement (e.g. "thanks for your vote") shows as a notice, keeping the card.
      if (isPlainText(reply) && !reply.replaceOriginal) return answerInvoke(ctx, 200, message(reply.text));
      return answerInvoke(ctx, 200, card(renderAdaptiveCard(reply, prompts)));
    }
    const result = await bot.handleSubmission({ actor, formId: input.form.id, values: input.values, metadata: input.form.metadata });
    if ('errors' in result && Object.keys(result.errors).length) {
      return answerInvoke(ctx, 200, card(renderAdaptiveCard({ text: input.form.title, blocks: [], visibility: 'private', form: input.form }, prompts, result.errors, input.raw)));
    }
    const reply: Reply = ('reply' in result && result.reply) || { text: prompts.done, blocks: [{ type: 'text', text: prompts.done }], visibility: 'private' };
    return answerInvoke(ctx, 200, card(renderAdaptiveCard(reply, prompts)));
  }

  async function welcome(actor: Actor): Promise<Reply> {
    const example = bot.catalog.find((c) => c.name === 'engage-tip')?.examples[0] ?? '';
    const text = fillTemplate(prompts.welcome, { example });
    const home = await bot.home(actor);
    return { text, blocks: [{ type: 'text', text }, { type: 'divider' }, ...home.blocks], visibility: 'private' };
  }
}

async function replaceOrSend(ctx: TurnContext, replace: boolean, activity: Partial<Activity>): Promise<void> {
  const original = ctx.activity.replyToId;
  if (replace && original) await ctx.updateActivity({ ...activity, id: original });
  else await ctx.sendActivity(activity);
}

const card = (value: unknown): InvokeBody => ({ statusCode: 200, type: CARD_CONTENT_TYPE, value });
const message = (value: string): InvokeBody => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value });
const badRequest = (): InvokeBody => ({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown tenant or user' } });

async function answerInvoke(ctx: TurnContext, status: number, body?: InvokeBody): Promise<void> {
  await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

function isRemoval(activity: Activity): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate) return String((activity as { action?: string }).action ?? '').startsWith('remove');
  if (activity.type === ActivityTypes.ConversationUpdate) return (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
  return false;
}
