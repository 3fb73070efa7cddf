import type { ConversationReference } from 'botbuilder';
import type { Storage } from '../../src/storage/open-storage';

// Proactive messages need the conversation reference Teams gave us when the person (or a team)
// last talked to the bot. Keys start with the tenant, so one organisation can never address
// another's conversations.

export interface ConversationRefStore {
  /** The personal (1:1) conversation with a user, used for reminders and invitations. */
  getForUser(tenantId: string, userId: string): Promise<Partial<ConversationReference> | undefined>;
  getForConversation(tenantId: string, conversationId: string): Promise<Partial<ConversationReference> | undefined>;
  remember(tenantId: string, userId: string | undefined, ref: Partial<ConversationReference>): Promise<void>;
  forgetConversation(tenantId: string, conversationId: string, userId?: string): Promise<void>;
}

export function createConversationRefStore(storage: Storage): ConversationRefStore {
  const refs = storage.namespace<Partial<ConversationReference>>('teams-conversation-refs');
  const userKey = (tenantId: string, userId: string) => `${tenantId}:user:${userId}`;
  const convKey = (tenantId: string, conversationId: string) => `${tenantId}:conversation:${conversationId}`;
  return {
    getForUser: (tenantId, userId) => refs.get(userKey(tenantId, userId)),
    getForConversation: (tenantId, conversationId) => refs.get(convKey(tenantId, conversationId)),
    async remember(tenantId, userId, ref) {
      const conversationId = ref.conversation?.id;
      if (!conversationId) return;
      const key = convKey(tenantId, conversationId);
      const personal = userId && ref.conversation?.conversationType === 'personal' ? userKey(tenantId, userId) : undefined;
      // Every turn comes here: both references in one read, not two (bench/bench-teams.ts).
      const [known, mine] = personal ? await refs.getMany([key, personal]) : [await refs.get(key)];
      // Written once per conversation and again only when Teams moves it (new serviceUrl).
      if (!known || known.serviceUrl !== ref.serviceUrl) await refs.set(key, ref);
      if (personal && (!mine || mine.serviceUrl !== ref.serviceUrl || mine.conversation?.id !== conversationId)) await refs.set(personal, ref);
    },
    async forgetConversation(tenantId, conversationId, userId) {
      await refs.delete(convKey(tenantId, conversationId));
      if (userId) {
        const mine = await refs.get(userKey(tenantId, userId));
        if (mine?.conversation?.id === conversationId) await refs.delete(userKey(tenantId, userId));
      }
    },
  };
}
