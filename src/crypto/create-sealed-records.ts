import type { VersionedRecords } from '../storage/store-operations';
import type { DataCipher } from './create-data-cipher';

// Versioned records (compare-and-set) whose values are sealed with the data cipher, as
// create-sealed-store.ts does for keyv: the tenant and the record are the associated data, so a
// value copied under another tenant's key (or another record's) does not decrypt. The same
// associated data as there, so a value sealed in a keyv namespace of the same name opens here too
// (what the reminder migration relies on). Keys start with the tenant, "<tenant>|<name>:<id>", the
// way every key of a workspace does: a workspace purge finds them by that prefix.

export interface SealedVersion<T> { value: T; version: number }

export interface SealedRecords<T> {
  readonly name: string;
  get(tenant: string, id: string): Promise<SealedVersion<T> | undefined>;
  /** Writes only if the stored version is still `expected` (undefined: only if absent); the new version, or undefined. */
  put(tenant: string, id: string, value: T, expected: number | undefined): Promise<number | undefined>;
  /** Stores a value already sealed for this tenant and id (a migration copies it unopened), only if absent. */
  putSealed(tenant: string, id: string, sealed: string): Promise<boolean>;
  delete(tenant: string, id: string): Promise<boolean>;
  /** The ids one tenant holds here, unopened. */
  ids(tenant: string): AsyncGenerator<string>;
  /** Every value, opened, with its tenant and id: for sweeps that must look at all of them. */
  entries(): AsyncGenerator<{ tenant: string; id: string; value: T }>;
  /** Re-seals values sealed with an older key; returns how many were re-sealed of how many seen. */
  rotate(): Promise<{ resealed: number; total: number }>;
}

const SEPARATOR = '|';

export function createSealedRecords<T>(records: VersionedRecords, cipher: DataCipher, name: string): SealedRecords<T> {
  const keyOf = (tenant: string, id: string) => {
    if (tenant.includes(SEPARATOR)) throw new Error('tenant ids never contain "|"');
    return `${tenant}${SEPARATOR}${name}:${id}`;
  };
  const context = (tenant: string, id: string) => ({ tenant, record: `${name}:${id}` });
  const marker = `${SEPARATOR}${name}:`;
  /** Every key of this name, split into tenant and id. */
  async function* all(): AsyncGenerator<{ key: string; tenant: string; id: string }> {
    for await (const key of records.keys('')) {
      const at = key.indexOf(marker);
      if (at > 0 && !key.slice(0, at).includes(SEPARATOR)) yield { key, tenant: key.slice(0, at), id: key.slice(at + marker.length) };
    }
  }
  return {
    name,
    async get(tenant, id) {
      const found = await records.get(keyOf(tenant, id));
      return found && { value: JSON.parse(cipher.open(found.value, context(tenant, id))) as T, version: found.version };
    },
    put: (tenant, id, value, expected) => records.put(keyOf(tenant, id), cipher.seal(JSON.stringify(value), context(tenant, id)), expected),
    putSealed: async (tenant, id, sealed) => (await records.put(keyOf(tenant, id), sealed, undefined)) !== undefined,
    delete: (tenant, id) => records.delete(keyOf(tenant, id)),
    async *ids(tenant) {
      const prefix = keyOf(tenant, '');
      for await (const key of records.keys(prefix)) yield key.slice(prefix.length);
    },
    async *entries() {
      for await (const { key, tenant, id } of all()) {
        const found = await records.get(key);
        if (found) yield { tenant, id, value: JSON.parse(cipher.open(found.value, context(tenant, id))) as T };
      }
    },
    async rotate() {
      let resealed = 0;
      let total = 0;
      for await (const { key, tenant, id } of all()) {
        // A value written meanwhile was sealed with the active key: losing the race is success.
        const found = await records.get(key);
        if (!found) continue;
        total++;
        if (!cipher.isStale(found.value)) continue;
        const fresh = cipher.seal(cipher.open(found.value, context(tenant, id)), context(tenant, id));
        if ((await records.put(key, fresh, found.version)) !== undefined) resealed++;
      }
      return { resealed, total };
    },
  };
}

/** Each lost race means another edit went through; this many in a row means something is wrong. */
const MAX_ATTEMPTS = 50;

/**
 * Read, change, write with the version read; on a conflict read the winner's value and apply
 * `change` again, so no concurrent edit is lost. `change` returns undefined to leave the value as it
 * is (it may run more than once: it must only compute). Resolves to the value stored afterwards.
 */
export async function editSealedRecord<T>(sealed: SealedRecords<T>, tenant: string, id: string, change: (value: T | undefined) => T | undefined): Promise<T | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await sealed.get(tenant, id);
    const next = change(stored?.value);
    if (next === undefined) return stored?.value;
    if ((await sealed.put(tenant, id, next, stored?.version)) !== undefined) return next;
  }
  throw new Error(`the ${sealed.name} record kept changing under every attempt to edit it`);
}
