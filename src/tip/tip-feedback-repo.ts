import type { Storage } from '../storage/open-storage';
import type { Actor } from '../base/incoming';
import type { PersonalDataSource } from '../base/personal-data-source';

export type Vote = 'up' | 'down';
export interface TipFeedback { itemId: string; vote: Vote; at: string }

/** One vote per person per item: clicking again changes the vote instead of counting twice. */
export interface TipFeedbackRepo {
  record(actor: Actor, itemId: string, vote: Vote, at: Date): Promise<void>;
  get(actor: Actor, itemId: string): Promise<TipFeedback | undefined>;
  /** The person's votes, for export and erasure. */
  personalData: PersonalDataSource;
}

/** `itemIds`: every id a vote can be about (the guide's), so a person's votes are found without a scan. */
export function createTipFeedbackRepo(storage: Storage, itemIds: readonly string[]): TipFeedbackRepo {
  const store = storage.namespace<TipFeedback>('tip-feedback');
  const key = (actor: Actor, itemId: string) => `${actor.platform}:${actor.tenantId}:${actor.userId}:${itemId}`;
  const votesOf = async (actor: Actor) => {
    const found = await store.getMany(itemIds.map((id) => key(actor, id)));
    return found.filter((v): v is TipFeedback => Boolean(v));
  };
  return {
    async record(actor, itemId, vote, at) {
      await store.set(key(actor, itemId), { itemId, vote, at: at.toISOString() });
    },
    get: (actor, itemId) => store.get(key(actor, itemId)),
    personalData: {
      label: 'tip votes',
      export: votesOf,
      async erase(actor) {
        const votes = await votesOf(actor);
        await store.deleteMany(votes.map((v) => key(actor, v.itemId)));
        return votes.length;
      },
    },
  };
}
