import { randomUUID } from 'node:crypto';
import type { Clock } from '../base/clock';
import type { Actor } from '../base/incoming';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedStore } from '../crypto/create-sealed-store';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { Storage } from './open-storage';

// What a reply could not fit in one platform message (the pages behind a "More" button, a form's
// long state) is kept for a day. It is a copy of what the person asked to see — their reminders,
// their debrief notes, their export — so it is sealed like the records it came from, and filed
// under the person it was shown to, so that forget me and export me reach it. The storage's prune
// deletes it once the day is over, read or not.

const KEEP_MS = 24 * 3600_000;
const REF = /^[^/]{0,200}\/[0-9a-f-]{36}$/;

/** Who saw the reply. Without a person (a message the bot sent on its own) it only expires. */
export interface ShownTo { platform: Actor['platform']; tenantId: string; userId?: string }

export interface OverflowStore {
  /** Keeps `value` for a day; the ref it returns (safe to put in a button) finds it in the same workspace. */
  keep(shownTo: ShownTo, value: unknown): Promise<string>;
  /** The value behind `ref`; undefined once it expired or was erased, and in any other workspace. */
  find(where: Omit<ShownTo, 'userId'>, ref: string): Promise<unknown>;
  readonly personalData: PersonalDataSource;
}

interface Kept { keptUntil: string; value: unknown }

/** What `engage-bot rotate-key` re-seals here (the values live a day, but may span a rotation). */
export const OVERFLOW_SEALED_STORES = ['reply-overflow'] as const;

export function createOverflowStore(storage: Storage, cipher: DataCipher, clock: Clock): OverflowStore {
  const kept = createSealedStore<Kept>(storage, cipher, OVERFLOW_SEALED_STORES[0]);
  const tenant = (w: Omit<ShownTo, 'userId'>) => `${w.platform}:${w.tenantId}`;
  // Encoded, so no user id can contain the "/" that ends it, nor make one person's prefix another's.
  const personOf = (userId?: string) => encodeURIComponent(userId ?? '');
  const refsOf = async (actor: Actor) => {
    const refs: string[] = [];
    for await (const ref of kept.ids(tenant(actor))) if (ref.startsWith(`${personOf(actor.userId)}/`)) refs.push(ref);
    return refs;
  };

  return {
    async keep(shownTo, value) {
      const ref = `${personOf(shownTo.userId)}/${randomUUID()}`;
      await kept.set(tenant(shownTo), ref, { keptUntil: new Date(clock.now().getTime() + KEEP_MS).toISOString(), value }, KEEP_MS);
      return ref;
    },
    async find(where, ref) {
      if (!REF.test(ref)) return undefined;
      return (await kept.get(tenant(where), ref))?.value;
    },
    personalData: {
      label: 'pages of longer answers kept a day for “More”',
      // When each goes, not what it says: it repeats what the other sources export, and an export
      // that showed these would carry the previous export's pages in it.
      async export(actor) {
        const found = await Promise.all((await refsOf(actor)).map((ref) => kept.get(tenant(actor), ref)));
        return found.filter((k): k is Kept => Boolean(k)).map((k) => ({ keptUntil: k.keptUntil }));
      },
      async erase(actor) {
        // keyv deletes expired rows while it lists them, which can make a listing skip a row:
        // list again (a pass or two more at most) until none of theirs is left.
        let erased = 0;
        for (let pass = 0; pass < 3; pass++) {
          const refs = await refsOf(actor);
          if (!refs.length) break;
          for (const ref of refs) if (await kept.delete(tenant(actor), ref)) erased++;
        }
        return erased;
      },
    },
  };
}
