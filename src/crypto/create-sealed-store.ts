import type { Storage } from '../storage/open-storage';
import type { DataCipher } from './create-data-cipher';

// A keyv namespace whose values are sealed with the data cipher. Keys carry the tenant, and the
// tenant plus the record key are the associated data, so a value copied under another tenant's key
// (or another record's) does not decrypt. Keys themselves stay in clear: they hold ids, never text.

export interface SealedStore<T> {
  get(tenant: string, id: string): Promise<T | undefined>;
  set(tenant: string, id: string, value: T, ttlMs?: number): Promise<void>;
  /** Many at once (one write where the backend can): bulk loads such as the reminders benchmark. */
  setMany(entries: { tenant: string; id: string; value: T }[]): Promise<void>;
  delete(tenant: string, id: string): Promise<boolean>;
  /** The ids one tenant holds here, unopened: erasure and export find a person's records by id. */
  ids(tenant: string): AsyncGenerator<string>;
  /** Every value, opened, with its tenant and id: for sweeps that must look at all of them. */
  entries(): AsyncGenerator<{ tenant: string; id: string; value: T }>;
  /** Re-seals values sealed with an older key; returns how many were re-sealed of how many seen. */
  rotate(): Promise<{ resealed: number; total: number }>;
}

const SEPARATOR = '|';

export function createSealedStore<T>(storage: Storage, cipher: DataCipher, name: string): SealedStore<T> {
  const store = storage.namespace<string>(`sealed-${name}`);
  const keyOf = (tenant: string, id: string) => {
    if (tenant.includes(SEPARATOR)) throw new Error('tenant ids never contain "|"');
    return `${tenant}${SEPARATOR}${id}`;
  };
  const context = (tenant: string, id: string) => ({ tenant, record: `${name}:${id}` });
  return {
    async get(tenant, id) {
      const sealed = await store.get(keyOf(tenant, id));
      return sealed === undefined ? undefined : (JSON.parse(cipher.open(sealed, context(tenant, id))) as T);
    },
    async set(tenant, id, value, ttlMs) {
      await store.set(keyOf(tenant, id), cipher.seal(JSON.stringify(value), context(tenant, id)), ttlMs);
    },
    async setMany(entries) {
      await store.setMany(entries.map(({ tenant, id, value }) => ({ key: keyOf(tenant, id), value: cipher.seal(JSON.stringify(value), context(tenant, id)) })));
    },
    delete: (tenant, id) => store.delete(keyOf(tenant, id)),
    async *ids(tenant) {
      if (!store.iterator) throw new Error('this storage backend cannot list keys');
      const prefix = keyOf(tenant, '');
      for await (const [key] of store.iterator(store.namespace)) {
        if (typeof key === 'string' && key.startsWith(prefix)) yield key.slice(prefix.length);
      }
    },
    async *entries() {
      if (!store.iterator) throw new Error('this storage backend cannot list keys');
      for await (const [key, sealed] of store.iterator(store.namespace)) {
        if (typeof key !== 'string' || typeof sealed !== 'string') continue;
        const at = key.indexOf(SEPARATOR);
        const tenant = key.slice(0, at);
        const id = key.slice(at + 1);
        yield { tenant, id, value: JSON.parse(cipher.open(sealed, context(tenant, id))) as T };
      }
    },
    async rotate() {
      let resealed = 0;
      let total = 0;
      if (!store.iterator) throw new Error('this storage backend cannot list keys, so keys cannot be rotated');
      for await (const [key, sealed] of store.iterator(store.namespace)) {
        total++;
        if (typeof key !== 'string' || typeof sealed !== 'string' || !cipher.isStale(sealed)) continue;
        const at = key.indexOf(SEPARATOR);
        const tenant = key.slice(0, at);
        const id = key.slice(at + 1);
        await store.set(key, cipher.seal(cipher.open(sealed, context(tenant, id)), context(tenant, id)));
        resealed++;
      }
      return { resealed, total };
    },
  };
}
