import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { Lang } from '../../src/base/language';
import type { Logger } from '../../src/base/logger';
import type { Outbox } from '../../src/base/outbox';
import type { ConversationRefStore } from './store-conversation-refs';
import type { ShareOrigins } from './keep-share-origins';
import type { ShareBackWords } from './load-teams-prompts';
import { isPersonalChat } from './keep-replies-private';

// The click on a Share button that sits in the 1:1 chat (keep-share-origins.ts): the core's own
// button runs again, and what it answers for everyone is posted into the shared conversation the
// reply was asked in, through the conversation reference Teams gave the bot there.

export interface ShareBackDeps {
  bot: Pick<Bot, 'handleAction'>;
  refs: Pick<ConversationRefStore, 'getForConversation'>;
  shareOrigins: Pick<ShareOrigins, 'find'>;
  /** Posts into a stored conversation of the tenant (the outbox). */
  outbox: Outbox;
  logger: Logger;
  local: boolean;
}

export type ShareBackOutcome =
  /** Posted where the reply was asked. */
  | { kind: 'shared'; where: 'channel' | 'groupChat'; lang: Lang | undefined }
  /** Nothing kept for this person under the token, or the bot no longer has that conversation. */
  | { kind: 'gone'; lang: Lang | undefined }
  /** Teams did not take it this time. */
  | { kind: 'unreachable'; lang: Lang | undefined }
  /** The core answered for the person alone (say, the meeting became confidential): nothing posted. */
  | { kind: 'answer'; reply: Reply | undefined };

export async function shareBack({ bot, refs, shareOrigins, outbox, logger, local }: ShareBackDeps, actor: Actor, token: string): Promise<ShareBackOutcome> {
  const origin = await shareOrigins.find(actor, token);
  const log = (outcome: ShareBackOutcome['kind']) => logger.info({ event: 'teams.share_back', outcome, tenantId: actor.tenantId }, 'share from the 1:1 chat');
  if (!origin) {
    log('gone');
    return { kind: 'gone', lang: undefined };
  }
  // Keys of the reference store begin with the tenant: a conversation of another tenant is never found.
  const ref = await refs.getForConversation(actor.tenantId, origin.conversationId);
  const conversation = ref?.conversation;
  const shared = conversation !== undefined && conversation.id === origin.conversationId && !isPersonalChat(conversation, local)
    && (conversation.tenantId === undefined || conversation.tenantId === actor.tenantId);
  if (!shared) {
    log('gone');
    return { kind: 'gone', lang: origin.lang };
  }
  const reply = await bot.handleAction({ actor, action: origin.action, value: origin.value });
  if (reply?.visibility !== 'channel') {
    log('answer');
    return { kind: 'answer', reply };
  }
  const sent = await outbox.send({ platform: 'teams', tenantId: actor.tenantId, channelId: origin.conversationId }, reply);
  const lang = reply.lang ?? origin.lang;
  const outcome: ShareBackOutcome = sent.ok ? { kind: 'shared', where: origin.where, lang } : sent.permanent ? { kind: 'gone', lang } : { kind: 'unreachable', lang };
  log(outcome.kind);
  return outcome;
}

/** The sentence the person gets for an outcome that is not the core's own answer. */
export function shareBackSentence(words: ShareBackWords, outcome: Exclude<ShareBackOutcome, { kind: 'answer' }>): string {
  if (outcome.kind === 'shared') return outcome.where === 'channel' ? words.sharedInChannel : words.sharedInGroupChat;
  return outcome.kind === 'gone' ? words.gone : words.unreachable;
}
