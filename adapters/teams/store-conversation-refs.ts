import type { ConversationReference } from 'botbuilder';
import type { Actor } from '../../src/base/incoming';
import type { Clock } from '../../src/base/clock';
import { createBoundedMap } from '../../src/base/create-bounded-map';
import type { PersonalDataSource } from '../../src/base/personal-data-source';
import type { Storage } from '../../src/storage/open-storage';

// Proactive messages need the conversation reference Teams gave us when the person (or a team)
// last talked to the bot. Keys start with the tenant, so one organisation can never address
// another's conversations. Only what a proactive send needs is kept: no display names, no message
// ids; a channel's reference keeps nobody's id, a personal chat's keeps its person's (for erasure).

export type StoredRef = Partial<ConversationReference>;

export interface ConversationRefStore {
  /** The personal (1:1) conversation with a user, used for reminders and invitations. */
  getForUser(tenantId: string, userId: string): Promise<StoredRef | undefined>;
  getForConversation(tenantId: string, conversationId: string): Promise<StoredRef | undefined>;
  /** Resolves true when it stored something new: a conversation (or a person's chat) the bot did not have. */
  remember(tenantId: string, userId: string | undefined, ref: StoredRef): Promise<boolean>;
  forgetConversation(tenantId: string, conversationId: string, userId?: string): Promise<void>;
  /** Whether the bot still has any conversation in this tenant (true when the store cannot tell). */
  hasAnyIn(tenantId: string): Promise<boolean>;
  /** `/engage forget me` and `/engage export me`: the person's personal-chat reference. */
  personalData: PersonalDataSource;
}

/** Every turn would otherwise read the store to learn that nothing changed (bench/bench-teams.ts). */
const KNOWN_FOR_MS = 5 * 60 * 1000;
const MAX_KNOWN = 10_000;

export function minimalRef(ref: StoredRef, personal: boolean): StoredRef {
  const c = ref.conversation;
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    ...(ref.locale ? { locale: ref.locale } : {}),
    ...(ref.bot ? { bot: { id: ref.bot.id, name: ref.bot.name } } : {}),
    ...(c ? { conversation: { id: c.id, conversationType: c.conversationType, tenantId: c.tenantId, isGroup: c.isGroup } as StoredRef['conversation'] } : {}),
    ...(personal && ref.user?.id ? { user: { id: ref.user.id } as StoredRef['user'] } : {}),
  };
}

export function createConversationRefStore(storage: Storage, clock: Clock, label: string): ConversationRefStore {
  const refs = storage.namespace<StoredRef>('teams-conversation-refs');
  const userKey = (tenantId: string, userId: string) => `${tenantId}:user:${userId}`;
  const convKey = (tenantId: string, conversationId: string) => `${tenantId}:conversation:${conversationId}`;

  // What this process wrote or read lately, as "serviceUrl conversation-id". A deletion elsewhere
  // (another instance) is seen once the entry ages out: a reference is then stored again.
  const known = createBoundedMap<string, { as: string; until: number }>(MAX_KNOWN);
  const isKnown = (key: string, as: string, now: number) => { const k = known.get(key); return k !== undefined && k.as === as && k.until > now; };
  const markKnown = (key: string, as: string, now: number) => known.set(key, { as, until: now + KNOWN_FOR_MS });

  const forget = async (keys: string[]) => {
    for (const key of keys) known.delete(key);
    await refs.deleteMany(keys);
  };

  return {
    getForUser: (tenantId, userId) => refs.get(userKey(tenantId, userId)),
    getForConversation: (tenantId, conversationId) => refs.get(convKey(tenantId, conversationId)),
    async remember(tenantId, userId, ref) {
      const conversationId = ref.conversation?.id;
      if (!conversationId) return false;
      const now = clock.now().getTime();
      const as = `${ref.serviceUrl} ${conversationId}`;
      const key = convKey(tenantId, conversationId);
      const personal = userId && ref.conversation?.conversationType === 'personal' ? userKey(tenantId, userId) : undefined;
      if (isKnown(key, as, now) && (!personal || isKnown(personal, as, now))) return false;
      const [stored, mine] = personal ? await refs.getMany([key, personal]) : [await refs.get(key)];
      // Written once per conversation and again only when Teams moves it (new serviceUrl).
      const kept = minimalRef(ref, Boolean(personal));
      const isNew = !stored || (personal !== undefined && (!mine || mine.conversation?.id !== conversationId));
      if (!stored || stored.serviceUrl !== ref.serviceUrl) await refs.set(key, kept);
      if (personal && (!mine || mine.serviceUrl !== ref.serviceUrl || mine.conversation?.id !== conversationId)) await refs.set(personal, kept);
      markKnown(key, as, now);
      if (personal) markKnown(personal, as, now);
      return isNew;
    },
    async forgetConversation(tenantId, conversationId, userId) {
      const keys = [convKey(tenantId, conversationId)];
      if (userId && (await refs.get(userKey(tenantId, userId)))?.conversation?.id === conversationId) keys.push(userKey(tenantId, userId));
      await forget(keys);
    },
    async hasAnyIn(tenantId) {
      // Only on removals (rare): one pass over the references, not an index kept for every turn.
      if (!refs.iterator) return true;
      for await (const [key] of refs.iterator(refs.namespace)) {
        if (typeof key === 'string' && key.startsWith(`${tenantId}:`)) return true;
      }
      return false;
    },
    personalData: {
      label,
      platform: 'teams',
      async export(actor: Actor) {
        if (actor.platform !== 'teams') return [];
        const mine = await refs.get(userKey(actor.tenantId, actor.userId));
        return mine ? [mine] : [];
      },
      async erase(actor: Actor) {
        if (actor.platform !== 'teams') return 0;
        const mine = await refs.get(userKey(actor.tenantId, actor.userId));
        if (!mine) return 0;
        // The personal chat's own reference goes too: it is about this person alone.
        const keys = [userKey(actor.tenantId, actor.userId)];
        if (mine.conversation?.id) keys.push(convKey(actor.tenantId, mine.conversation.id));
        await forget(keys);
        return keys.length;
      },
    },
  };
}
