import { DEBRIEF_SEALED_STORES } from '../../src/debrief';
import { REMINDER_SEALED_RECORDS } from '../../src/remind';
import { ENGAGEMENT_SEALED_RECORDS } from '../../src/engagement';
import { OVERFLOW_SEALED_STORES } from '../../src/storage/create-overflow-store';
import { createSealedStore } from '../../src/crypto/create-sealed-store';
import { createSealedRecords } from '../../src/crypto/create-sealed-records';
import type { DataCipher } from '../../src/crypto/create-data-cipher';
import type { Storage } from '../../src/storage/open-storage';

/** Every store whose values are sealed: what rotate-key re-seals and what doctor samples. */
export const ALL_SEALED_STORES = [...DEBRIEF_SEALED_STORES, ...REMINDER_SEALED_RECORDS, ...ENGAGEMENT_SEALED_RECORDS, ...OVERFLOW_SEALED_STORES] as const;

/** A sealed store as rotate-key and doctor see it. */
export interface SealedStoreView {
  name: string;
  entries(): AsyncGenerator<unknown>;
  rotate(): Promise<{ resealed: number; total: number }>;
}

/**
 * Every sealed store, wherever its values live: a keyv namespace (plain records) or versioned
 * records (those changed by compare-and-set). Both are read for every name, so a store that moved
 * from one to the other (a migration, or one not yet run) is covered either way.
 */
export function allSealedStores(storage: Storage, cipher: DataCipher): SealedStoreView[] {
  return ALL_SEALED_STORES.map((name) => {
    const kinds = [createSealedStore(storage, cipher, name), createSealedRecords(storage.records, cipher, name)];
    return {
      name,
      async *entries() { for (const kind of kinds) yield* kind.entries(); },
      async rotate() {
        const [a, b] = [await kinds[0]!.rotate(), await kinds[1]!.rotate()];
        return { resealed: a.resealed + b.resealed, total: a.total + b.total };
      },
    };
  });
}
