import type { Activity, ConversationAccount, TurnContext } from 'botbuilder';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { Lang } from '../../src/base/language';
import type { Localised } from '../../src/base/load-prompts';
import { leaveOutShareButtons } from '../shared/leave-out-share-buttons';
import type { TeamsWords } from './load-teams-prompts';
import type { TeamsOutbox } from './create-teams-outbox';
import type { ConversationRefStore } from './store-conversation-refs';
import type { ShareOrigins } from './keep-share-origins';
import { toTeamsActivity } from './to-teams-activity';
import { escapeMarkdown } from './render-adaptive-card';

// Teams has no ephemeral messages: whatever the bot posts in a channel or a group chat, everyone
// there reads. A reply only its asker may see (Reply.visibility 'private': a company's record, the
// asks of a confidential meeting) therefore goes to the person's 1:1 chat with the bot, and the
// shared conversation is told only where it went — or, without such a chat, asked to open one.
// Its Share buttons come along and still post where it was asked (keep-share-origins.ts).
// Invoke answers (Action.Execute, dialogs) are not messages: Teams shows them to the invoker alone.

/** The person's 1:1 chat with the bot. */
export interface PersonalChat {
  /** Whether the bot has the person's 1:1 chat to post in. */
  has(actor: Actor): Promise<boolean>;
  /** True once Teams took the message. */
  send(actor: Actor, message: Partial<Activity>): Promise<boolean>;
}

export function createPersonalChat(outbox: Pick<TeamsOutbox, 'sendActivity'>, refs: Pick<ConversationRefStore, 'getForUser'>): PersonalChat {
  return {
    has: async ({ tenantId, userId }) => (await refs.getForUser(tenantId, userId)) !== undefined,
    send: async ({ tenantId, userId }, message) => (await outbox.sendActivity({ platform: 'teams', tenantId, userId }, message)).ok,
  };
}

/**
 * Only a conversation Teams calls "personal" is the person's own chat with the bot. The Emulator
 * (TEAMS_LOCAL=1, auth off) sends no conversation type at all: there a conversation that is not a
 * group counts as personal too, or local testing could never see a private reply.
 */
export function isPersonalChat(conversation: Partial<ConversationAccount> | undefined, local: boolean): boolean {
  if (conversation?.conversationType === 'personal') return true;
  return local && !conversation?.conversationType && conversation?.isGroup !== true;
}

export interface PrivateReplyDeps {
  prompts: Localised<TeamsWords>;
  personalChat: PersonalChat;
  local: boolean;
  shareOrigins: Pick<ShareOrigins, 'keep'>;
}

/** How a reply sits in the conversation it answers. */
export interface Placement {
  /** Draw it over the card the person clicked (an older client's Action.Submit). */
  replace: boolean;
  /** It answers a form's submission: in a shared conversation the form's card gives way to the pointer. */
  answersForm?: boolean;
}

export const sentence = (text: string): Partial<Activity> => ({ type: 'message', text: escapeMarkdown(text), textFormat: 'markdown' });

/**
 * Sends `message` to the person's 1:1 chat; says what the shared conversation is told instead, in
 * `lang`. A message drawn by a function is drawn only once there is a chat to send it to.
 */
export async function sendToPersonalChat({ prompts, personalChat }: Pick<PrivateReplyDeps, 'prompts' | 'personalChat'>, actor: Actor, message: Partial<Activity> | (() => Promise<Partial<Activity>>), lang: Lang): Promise<string> {
  const words = prompts(lang);
  if (!(await personalChat.has(actor))) return words.askInPersonalChat;
  const drawn = typeof message === 'function' ? await message() : message;
  return (await personalChat.send(actor, drawn)) ? words.sentPrivately : words.personalChatUnreachable;
}

/**
 * A reply to a typed message or an older client's Action.Submit, posted where it may be seen. In the
 * person's 1:1 chat everything is posted (without buttons sharing "here": there is nobody to share
 * with); in a shared conversation, a reply for everyone is posted, a form may open where it was asked
 * for (it holds no answers yet: a message of its own, never drawn over a card everyone sees), and
 * anything else private goes to the 1:1 chat, its Share buttons posting back into the shared one.
 */
export async function postReply(deps: PrivateReplyDeps, ctx: TurnContext, actor: Actor, reply: Reply, placement: Placement): Promise<void> {
  const { prompts, local } = deps;
  if (isPersonalChat(ctx.activity.conversation, local)) return replaceOrSend(ctx, placement.replace, toTeamsActivity(leaveOutShareButtons(reply), prompts));
  if (reply.visibility === 'channel') return replaceOrSend(ctx, placement.replace, toTeamsActivity(reply, prompts));
  if (reply.form && !placement.answersForm) {
    await ctx.sendActivity(toTeamsActivity(reply, prompts));
    return;
  }
  const lang = reply.lang ?? 'en';
  const drawn = async () => toTeamsActivity(await deps.shareOrigins.keep(actor, ctx.activity.conversation, reply, prompts(lang).shareBack), prompts);
  const said = await sendToPersonalChat(deps, actor, drawn, lang);
  await replaceOrSend(ctx, placement.answersForm === true, sentence(said));
}

export async function replaceOrSend(ctx: TurnContext, replace: boolean, activity: Partial<Activity>): Promise<void> {
  const original = ctx.activity.replyToId;
  if (replace && original) await ctx.updateActivity({ ...activity, id: original });
  else await ctx.sendActivity(activity);
}
