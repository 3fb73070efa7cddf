import {
  ActivityHandler,
  ActivityTypes,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
} from 'botbuilder';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { Logger } from '../../src/base/logger';
import { fillTemplate } from '../../src/base/fill-template';
import { parseTeamsText } from './parse-teams-text';
import { readCardData, type CardInput } from './read-card-data';
import { readMessageText } from './read-mentions';
import { CARD_CONTENT_TYPE, isPlainText, renderAdaptiveCard, renderFormAgain, type AdaptiveCard } from './render-adaptive-card';
import { cardActivity, toTeamsActivity } from './to-teams-activity';
import { toTeamsActor } from './to-teams-actor';
import type { ConversationRefStore } from './store-conversation-refs';
import type { TeamsWords } from './load-teams-prompts';
import type { Claims } from '../../src/storage/store-operations';
import { FETCH_TASK, fetchMessageActionTask, submitMessageAction, SUBMIT_ACTION } from './answer-message-action';
import { answerMeetingEnd, MEETING_END } from './announce-meeting-end';
import { inEveryLanguage, loadMessages, type Localised } from '../../src/base/load-prompts';
import { languageOfLocale } from '../../src/base/language';
import { leaveOutShareButtons } from '../shared/leave-out-share-buttons';
import { isPersonalChat, postReply, replaceOrSend, sendToPersonalChat, sentence, type PersonalChat, type Placement } from './keep-replies-private';
import { SHARE_BACK, type ShareOrigins } from './keep-share-origins';
import { shareBack, shareBackSentence } from './share-back-to-origin';
import type { Outbox } from '../../src/base/outbox';

export interface TurnDeps {
  bot: Bot;
  /** The adapter's own words in each language: a reply's own language, else the person's Teams language. */
  prompts: Localised<TeamsWords>;
  refs: ConversationRefStore;
  logger: Logger;
  /** TEAMS_LOCAL=1: activities without a tenant (the Emulator) are accepted as tenant "local". */
  local: boolean;
  /** The shared store's claims: a meeting's end is answered once across instances. */
  claims: Pick<Claims, 'claim'>;
  /** A reply in the person's 1:1 chat with the bot (the outbox); false when there is none. */
  sendPrivately(actor: Actor, reply: Reply): Promise<boolean>;
  /** Where private replies asked for in a channel or a group chat go (keep-replies-private.ts). */
  personalChat: PersonalChat;
  /** Where the Share buttons of such replies post back to (keep-share-origins.ts). */
  shareOrigins: ShareOrigins;
  /** Posts those shares into the conversation they came from. */
  outbox: Outbox;
}

type ButtonInput = Extract<CardInput, { kind: 'action' }>;
type FormInput = Extract<CardInput, { kind: 'form' }>;
/** What the core made of a form's answers: the card drawn again with problems, or what to answer. */
type FormOutcome = { redrawn: AdaptiveCard } | { reply?: Reply };

/** Where admit() leaves the person asking, for the handlers that run after it. */
const ACTOR = Symbol('engage.actor');
const actorOf = (ctx: TurnContext): Actor => ctx.turnState.get(ACTOR);
const languageOf = (actor: Actor) => languageOfLocale(actor.locale) ?? 'en';
const messagesIn = inEveryLanguage(loadMessages);

/**
 * The bot's Teams logic, as a botbuilder ActivityHandler (CloudAdapter runs `run(ctx)` for each
 * verified activity). Every turn is first admitted — who asks, a removal, a conversation new to the
 * bot — then handled by kind: a message (typed text, or an older client's Action.Submit), the app
 * added to a personal chat, an Adaptive Card's Action.Execute, a message action's dialog, a meeting's
 * end. conversationUpdate and the other kinds need nothing beyond the reference stored on admission.
 * (ActivityHandler rather than TeamsActivityHandler: of the Teams-only events the latter adds, the
 * app answers two invokes and one event, routed below by name; the rest — channel and team changes
 * above all — would each run handler chains for nothing.)
 */
export class TeamsTurnHandler extends ActivityHandler {
  // ActivityHandler's own methods are overridden rather than handlers registered with onMessage()
  // and the like: its chain of registered handlers cost a visible share of a turn (docs/performance.md).
  constructor(private readonly deps: TurnDeps) {
    super();
  }

  protected override async onTurnActivity(ctx: TurnContext): Promise<void> {
    if (await this.admit(ctx)) await super.onTurnActivity(ctx);
  }

  protected override async onMessageActivity(ctx: TurnContext): Promise<void> {
    await this.answerMessage(ctx, actorOf(ctx));
  }

  protected override async onInstallationUpdateAddActivity(ctx: TurnContext): Promise<void> {
    await this.welcomeToPersonalChat(ctx, actorOf(ctx));
  }

  /** A meeting's end, posted into the meeting's chat (once: see announce-meeting-end.ts). Other events need nothing. */
  protected override async onEventActivity(ctx: TurnContext): Promise<void> {
    if (ctx.activity.name !== MEETING_END) return;
    const reply = await answerMeetingEnd(this.deps, ctx.activity, actorOf(ctx));
    if (reply) await this.post(ctx, actorOf(ctx), reply, { replace: false });
  }

  /** Who is asking, and whether the bot was just removed or added: settled before any handler runs. */
  private async admit(ctx: TurnContext): Promise<boolean> {
    const { bot, refs, logger, local } = this.deps;
    const activity = ctx.activity;
    const actor = toTeamsActor(activity, local);
    if (!actor) {
      logger.warn({ event: 'teams.no_actor', type: activity.type }, 'activity without tenant or user ignored');
      if (activity.type === ActivityTypes.Invoke) await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400, body: badRequest() } });
      return false;
    }
    // Before the reference is stored: a removal must not count as an installation.
    if (isRemoval(activity)) {
      await this.forgetConversation(actor, activity.conversation.id);
      return false;
    }
    // A conversation new to the bot is an installation: a tenant waiting to be purged keeps its data.
    if (await refs.remember(actor.tenantId, actor.userId, TurnContext.getConversationReference(activity))) {
      await bot.workspaces.installed('teams', actor.tenantId);
    }
    ctx.turnState.set(ACTOR, actor);
    return true;
  }

  private async forgetConversation(actor: Actor, conversationId: string): Promise<void> {
    const { bot, refs, logger } = this.deps;
    await refs.forgetConversation(actor.tenantId, conversationId, actor.userId);
    // Its last conversation gone, the app is gone from the organisation (an admin removing it
    // tenant-wide removes it from every chat and team): the tenant's data follows after the grace
    // period, as for a Slack workspace that uninstalls (src/privacy/create-workspace-lifecycle.ts).
    const tenantWide = !(await refs.hasAnyIn(actor.tenantId));
    if (tenantWide) await bot.workspaces.uninstalled('teams', actor.tenantId);
    logger.info({ event: 'teams.removed', tenantId: actor.tenantId, tenantWide }, 'bot removed from a conversation');
  }

  /** Typed text is a command (or a situation to look up); a message carrying card data is Action.Submit. */
  private async answerMessage(ctx: TurnContext, actor: Actor): Promise<void> {
    const input = readCardData(ctx.activity.value);
    if (input) return this.answerSubmit(ctx, actor, input);
    if (await this.nowhereToAnswer(ctx, actor)) return;
    const { bot, logger } = this.deps;
    const { text, mentions } = readMessageText(ctx.activity);
    const intent = parseTeamsText(text, bot.catalog, messagesIn(languageOf(actor)).commandWords);
    const reply = intent.kind === 'home'
      ? await bot.home(actor)
      : await bot.handleCommand({ actor, command: intent.kind === 'help' ? 'engage' : intent.command, text: intent.kind === 'help' ? '' : intent.text, mentions });
    // An unknown "/word" is something the person typed: only catalog names reach the logs.
    const known = intent.kind !== 'command' || bot.catalog.some((c) => c.name === intent.command);
    // Debug, not info: a line per message read says nothing changed (Slack's commands log none
    // either), and writing it showed in the turn's profile (docs/performance.md, Teams adapter).
    logger.debug({ event: 'teams.command', command: known ? (intent.kind === 'command' ? intent.command : intent.kind) : 'unknown', tenantId: actor.tenantId }, 'command answered');
    await this.post(ctx, actor, reply, { replace: false });
  }

  /**
   * Asked in a channel or a group chat by someone the bot has no 1:1 chat with: what is asked that way
   * is answered privately (or is a form, whose answer is), so nothing is run and they are asked to
   * ask again in a 1:1 chat — where it then happens once.
   */
  private async nowhereToAnswer(ctx: TurnContext, actor: Actor): Promise<boolean> {
    const { personalChat, prompts, local } = this.deps;
    if (isPersonalChat(ctx.activity.conversation, local) || (await personalChat.has(actor))) return false;
    await ctx.sendActivity(sentence(prompts(languageOf(actor)).askInPersonalChat));
    return true;
  }

  private post(ctx: TurnContext, actor: Actor, reply: Reply, placement: Placement): Promise<void> {
    return postReply(this.deps, ctx, actor, reply, placement);
  }

  /**
   * Action.Submit (clients without Universal Actions): answers are new messages, or update the card.
   * A button may answer for everyone (Share), so it is always run; a form's answers are the person's,
   * so without a 1:1 chat to answer in they are not taken.
   */
  private async answerSubmit(ctx: TurnContext, actor: Actor, input: CardInput): Promise<void> {
    const { bot, prompts, local } = this.deps;
    if (input.kind === 'action') {
      const reply = input.action === SHARE_BACK ? await this.submitShareBack(ctx, actor, input.value) : await bot.handleAction({ actor, action: input.action, value: input.value });
      if (reply) await this.post(ctx, actor, reply, { replace: reply.replaceOriginal === true });
      return;
    }
    if (await this.nowhereToAnswer(ctx, actor)) return;
    const outcome = await this.submitForm(actor, input);
    const words = prompts(languageOf(actor));
    if (!('redrawn' in outcome)) {
      if (outcome.reply) await this.post(ctx, actor, outcome.reply, { replace: true, answersForm: true });
      else await replaceOrSend(ctx, true, sentence(words.done));
      return;
    }
    const redrawn = cardActivity(outcome.redrawn, words.fieldProblems);
    // The card drawn again holds the answers typed so far: in a shared conversation, only the 1:1 chat gets it.
    if (isPersonalChat(ctx.activity.conversation, local)) await replaceOrSend(ctx, true, redrawn);
    else await replaceOrSend(ctx, true, sentence(await sendToPersonalChat(this.deps, actor, redrawn, languageOf(actor))));
  }

  /**
   * botbuilder reads `value.action.type` without a guard (a card answer without `action` would fail
   * the turn) and refuses action types other than Execute: those get the "done" notice, as always.
   */
  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    if (ctx.activity.name === 'adaptiveCard/action' && !isExecute(ctx.activity.value)) return { status: 200, body: notice(this.deps.prompts(languageOfLocale(ctx.activity.locale) ?? 'en').done) };
    if (ctx.activity.name === FETCH_TASK) return fetchMessageActionTask(this.deps, actorOf(ctx), ctx.activity.value);
    if (ctx.activity.name === SUBMIT_ACTION) return submitMessageAction(this.deps, actorOf(ctx), ctx.activity.value);
    // Other invokes (search-based message extensions, tabs) are not part of this app: botbuilder answers 501.
    return super.onInvokeActivity(ctx);
  }

  /** Action.Execute: answered in the invoke response, which refreshes the card in place. */
  protected override async onAdaptiveCardInvoke(ctx: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { prompts } = this.deps;
    const words = prompts(languageOf(actorOf(ctx)));
    const input = readCardData(invoke.action.data);
    if (!input) return notice(words.done);
    if (input.kind === 'action') return this.executeButton(ctx, actorOf(ctx), input);
    const outcome = await this.submitForm(actorOf(ctx), input);
    if ('redrawn' in outcome) return card(outcome.redrawn);
    const reply: Reply = outcome.reply || { text: words.done, blocks: [{ type: 'text', text: words.done }], visibility: 'private' };
    return card(renderAdaptiveCard(this.fitFor(ctx, reply), prompts(reply.lang ?? 'en')));
  }

  /** In the person's 1:1 chat a button sharing "here" would share with nobody: it is left out. */
  private fitFor(ctx: TurnContext, reply: Reply): Reply {
    return isPersonalChat(ctx.activity.conversation, this.deps.local) ? leaveOutShareButtons(reply) : reply;
  }

  /** An older client's click on a Share button in the 1:1 chat: its outcome said there, or the core's private answer to post. */
  private async submitShareBack(ctx: TurnContext, actor: Actor, token: string): Promise<Reply | undefined> {
    const outcome = await shareBack(this.deps, actor, token);
    if (outcome.kind === 'answer') return outcome.reply;
    await ctx.sendActivity(sentence(shareBackSentence(this.deps.prompts(outcome.lang ?? languageOf(actor)).shareBack, outcome)));
    return undefined;
  }

  private async executeButton(ctx: TurnContext, actor: Actor, input: ButtonInput): Promise<AdaptiveCardInvokeResponse> {
    const { bot, prompts } = this.deps;
    if (input.action === SHARE_BACK) {
      const outcome = await shareBack(this.deps, actor, input.value);
      if (outcome.kind !== 'answer') return notice(shareBackSentence(prompts(outcome.lang ?? languageOf(actor)).shareBack, outcome));
      return this.answerButton(ctx, actor, outcome.reply);
    }
    return this.answerButton(ctx, actor, await bot.handleAction({ actor, action: input.action, value: input.value }));
  }

  /** The core's answer to a click, as the invoke's answer (and, for what is not the card's to show, a message). */
  private async answerButton(ctx: TurnContext, actor: Actor, reply: Reply | undefined): Promise<AdaptiveCardInvokeResponse> {
    const { prompts } = this.deps;
    const words = prompts(reply?.lang ?? languageOf(actor));
    if (!reply) return notice(words.done);
    if (reply.visibility === 'channel') {
      // Sharing adds a message everyone sees; the card the button was on stays as it was.
      await ctx.sendActivity(toTeamsActivity(this.fitFor(ctx, reply), prompts));
      return notice(words.shared);
    }
    // An export is a message of its own (the file's text, see to-teams-activity.ts): drawn in place
    // of the card, or shrunk to a notice, the export would be lost or the record replaced by it. A
    // message is seen by the whole conversation: from a shared one, the export goes to the 1:1 chat.
    if (reply.file) {
      const exported = toTeamsActivity(leaveOutShareButtons(reply), prompts);
      if (!isPersonalChat(ctx.activity.conversation, this.deps.local)) return notice(await sendToPersonalChat(this.deps, actor, exported, reply.lang ?? 'en'));
      await ctx.sendActivity(exported);
      return notice(reply.text);
    }
    // A one-line acknowledgement (e.g. "thanks for your vote") shows as a notice, keeping the card.
    if (isPlainText(reply) && !reply.replaceOriginal) return notice(reply.text);
    return card(renderAdaptiveCard(this.fitFor(ctx, reply), words));
  }

  private async submitForm(actor: Actor, input: FormInput): Promise<FormOutcome> {
    const { bot, prompts } = this.deps;
    const result = await bot.handleSubmission({ actor, formId: input.form.id, values: input.values, metadata: input.form.metadata });
    if ('errors' in result && Object.keys(result.errors).length) return { redrawn: renderFormAgain(input.form, prompts(languageOf(actor)), result.errors, input.raw) };
    return { reply: 'reply' in result ? result.reply : undefined };
  }

  /** The app added to a personal chat: a welcome, then what the home view shows. */
  private async welcomeToPersonalChat(ctx: TurnContext, actor: Actor): Promise<void> {
    if (ctx.activity.conversation.conversationType !== 'personal') return;
    await ctx.sendActivity(toTeamsActivity(leaveOutShareButtons(await this.welcome(actor)), this.deps.prompts));
  }

  private async welcome(actor: Actor): Promise<Reply> {
    const { bot, prompts } = this.deps;
    const home = await bot.home(actor);
    const lang = home.lang ?? 'en';
    const example = bot.catalogIn(lang).find((c) => c.name === 'engage-tip')?.examples[0] ?? '';
    const text = fillTemplate(prompts(lang).welcome, { example });
    return { text, blocks: [{ type: 'text', text }, { type: 'divider' }, ...home.blocks], visibility: 'private', lang };
  }
}

function isExecute(value: unknown): boolean {
  return (value as { action?: { type?: unknown } } | null | undefined)?.action?.type === 'Action.Execute';
}

const card = (value: AdaptiveCard): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: CARD_CONTENT_TYPE, value });
// botbuilder types `value` as an object; Teams' notice is a string.
const notice = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never });
const badRequest = (): AdaptiveCardInvokeResponse => ({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown tenant or user' } });

function isRemoval(activity: Activity): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate) return String((activity as { action?: string }).action ?? '').startsWith('remove');
  if (activity.type === ActivityTypes.ConversationUpdate) return (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
  return false;
}
