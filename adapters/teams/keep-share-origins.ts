import { randomBytes } from 'node:crypto';
import type { ConversationAccount } from 'botbuilder';
import type { Actor } from '../../src/base/incoming';
import type { Block, Button, Reply } from '../../src/base/reply';
import type { Lang } from '../../src/base/language';
import type { Clock } from '../../src/base/clock';
import type { PersonalDataSource } from '../../src/base/personal-data-source';
import type { Storage } from '../../src/storage/open-storage';
import type { ShareBackWords } from './load-teams-prompts';

// A private reply asked for in a channel or a group chat goes to the person's 1:1 chat, where a
// button posting "here" would post to nobody. Its Share buttons stay instead, and post back into the
// conversation it was asked in. Where that is, and what the button did, never travel in the card:
// a client could send back any conversation id. The card carries a random token; the origin stays in
// the adapter's storage under the tenant and the person it was made for, so a token only ever works
// for its own person, in their own tenant, and a made-up one finds nothing.

/** The action of a Share button moved to the 1:1 chat; its value is the token, nothing else. */
export const SHARE_BACK = 'teams.share-back';

/** A card someone comes back to weeks later still shares; an older one answers that it no longer can. */
export const SHARE_ORIGIN_DAYS = 30;
const DAY_MS = 24 * 3600_000;
/** 128 random bits, URL-safe. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

export interface ShareOrigin {
  /** The shared conversation the reply was asked in. */
  conversationId: string;
  where: 'channel' | 'groupChat';
  /** The core's own button, run again on the click. */
  action: string;
  value: string;
  lang?: Lang;
  keptAt: string;
}

export interface ShareOrigins {
  /** The reply for the 1:1 chat, each `sharesHere` button made to post back into `conversation`. */
  keep(actor: Actor, conversation: Pick<ConversationAccount, 'id' | 'conversationType'>, reply: Reply, words: ShareBackWords): Promise<Reply>;
  /** The origin behind a token, when it was kept for this very person; undefined otherwise. */
  find(actor: Actor, token: string): Promise<ShareOrigin | undefined>;
  /** `/engage export me` and `forget me`: the origins kept for the person. */
  personalData: PersonalDataSource;
}

const hasShareButton = (reply: Reply) => reply.blocks.some((b) => b.type === 'actions' && b.buttons.some((button) => button.sharesHere));

export function createShareOrigins(storage: Storage, clock: Clock, label: string): ShareOrigins {
  const origins = storage.namespace<ShareOrigin>('teams-share-origins');
  // "teams:<tenant>:" first, as every key the bot writes for a tenant: a tenant's purge finds them.
  const mine = ({ tenantId, userId }: Actor) => `teams:${tenantId}:share-back:${encodeURIComponent(userId)}:`;

  async function keptFor(actor: Actor): Promise<[string, ShareOrigin][]> {
    // Only export and erasure walk them (rare): no per-person index kept on every reply.
    if (!origins.iterator) return [];
    const prefix = mine(actor);
    const found: [string, ShareOrigin][] = [];
    for await (const [key, value] of origins.iterator(origins.namespace)) {
      if (typeof key === 'string' && key.startsWith(prefix) && value) found.push([key, value as ShareOrigin]);
    }
    return found;
  }

  return {
    async keep(actor, conversation, reply, words) {
      if (!hasShareButton(reply)) return reply;
      const where = conversation.conversationType === 'channel' ? 'channel' : 'groupChat';
      const keptAt = clock.now().toISOString();
      const moved = async (button: Button): Promise<Button> => {
        if (!button.sharesHere) return button;
        const token = randomBytes(16).toString('base64url');
        const origin: ShareOrigin = { conversationId: conversation.id, where, action: button.action, value: button.value, keptAt, ...(reply.lang ? { lang: reply.lang } : {}) };
        await origins.set(`${mine(actor)}${token}`, origin, SHARE_ORIGIN_DAYS * DAY_MS);
        // No longer `sharesHere`: it posts where it says, wherever the card is.
        return { action: SHARE_BACK, label: where === 'channel' ? words.channelButton : words.groupChatButton, value: token, ...(button.style ? { style: button.style } : {}) };
      };
      const blocks: Block[] = [];
      for (const block of reply.blocks) {
        blocks.push(block.type === 'actions' ? { ...block, buttons: await Promise.all(block.buttons.map(moved)) } : block);
      }
      return { ...reply, blocks };
    },
    async find(actor, token) {
      if (!TOKEN.test(token)) return undefined;
      return origins.get(`${mine(actor)}${token}`);
    },
    personalData: {
      label,
      platform: 'teams',
      async export(actor) {
        if (actor.platform !== 'teams') return [];
        return (await keptFor(actor)).map(([, origin]) => origin);
      },
      async erase(actor) {
        if (actor.platform !== 'teams') return 0;
        const keys = (await keptFor(actor)).map(([key]) => key);
        if (keys.length) await origins.deleteMany(keys);
        return keys.length;
      },
    },
  };
}
