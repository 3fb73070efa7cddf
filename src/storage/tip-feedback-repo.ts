import type { Storage } from './open-storage';
import type { Actor } from '../core/incoming';

export type Vote = 'up' | 'down';
export interface TipFeedback { itemId: string; vote: Vote; at: string }

/** One vote per person per item: clicking again changes the vote instead of counting twice. */
export interface TipFeedbackRepo {
  record(actor: Actor, itemId: string, vote: Vote, at: Date): Promise<void>;
  get(actor: Actor, itemId: string): Promise<TipFeedback | undefined>;
}

export function createTipFeedbackRepo(storage: Storage): TipFeedbackRepo {
  const store = storage.namespace<TipFeedback>('tip-feedback');
  const key = (actor: Actor, itemId: string) => `${actor.platform}:${actor.tenantId}:${actor.userId}:${itemId}`;
  return {
    async record(actor, itemId, vote, at) {
      await store.set(key(actor, itemId), { itemId, vote, at: at.toISOString() });
    },
    get: (actor, itemId) => store.get(key(actor, itemId)),
  };
}
