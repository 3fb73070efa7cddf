import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedStore } from '../crypto/create-sealed-store';
import { createSealedRecords, editSealedRecord, type SealedRecords } from '../crypto/create-sealed-records';
import type { Storage } from '../storage/open-storage';

// Which companies a workspace has debriefed, and which debriefs are about each: what
// "/engage-debrief history <company>" and the form's company list read. Which companies an
// organisation meets can be as sensitive as what was said there, so the index is one sealed record
// per workspace (names and debrief ids together): no key or value names a company in clear, and
// `rotate-key` re-seals it like the debriefs. A keyed hash per company would have hidden the names
// in keys too, but the list of names must still be read back, and a hash keyed from the data key
// would change with every key rotation.
// The record is a sealed versioned record (storage.records, compare-and-set): an edit that lost a
// race with another instance's reads the winner's record and applies itself again, so none is dropped.

export const companyKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

interface CompanyEntry {
  /** In the spelling first used. */
  name: string;
  ids: string[];
}

export interface CompanyIndex {
  /** Resolves once the indexes of older releases are moved (rejects if that failed; tried again on the next use). */
  ready(): Promise<void>;
  names(tenant: string): Promise<string[]>;
  ids(tenant: string, company: string): Promise<string[]>;
  add(tenant: string, company: string, id: string): Promise<void>;
  /** Takes debriefs out; a company with none left leaves the list. */
  remove(tenant: string, ids: ReadonlySet<string>): Promise<void>;
}

/** The index's name, for `rotate-key` and in the associated data it is sealed with (the same as when it was a keyv store). */
export const COMPANY_INDEX = 'debrief-companies';
/** Its one id per workspace. */
const ID = 'companies';
type Change = (list: CompanyEntry[]) => CompanyEntry[] | undefined;
type Rewrite = (tenant: string, change: Change) => Promise<void>;

const find = (list: CompanyEntry[], company: string) => list.find((e) => companyKey(e.name) === companyKey(company));

/** `list` with `ids` under `company` (a new company goes last); the same list when nothing is new. */
function withIds(list: CompanyEntry[], company: string, ids: string[]): CompanyEntry[] {
  const entry = find(list, company);
  const fresh = ids.filter((id) => !entry?.ids.includes(id));
  if (!fresh.length) return list;
  return entry ? list.map((e) => (e === entry ? { ...e, ids: [...e.ids, ...fresh] } : e)) : [...list, { name: company, ids: fresh }];
}

/** `entries` merged into `list`; undefined when they add nothing. */
const merged = (list: CompanyEntry[], entries: CompanyEntry[]) => {
  const next = entries.reduce((acc, e) => withIds(acc, e.name, e.ids), list);
  return next === list ? undefined : next;
};

/** Edits the workspace's index by compare-and-set (an emptied list is written, not deleted: a delete
 *  cannot be made conditional, and would drop an add that landed in between; it holds no name). */
const compareAndSet = (sealed: SealedRecords<CompanyEntry[]>): Rewrite => async (tenant, change) => {
  await editSealedRecord(sealed, tenant, ID, (list) => change(list ?? []));
};

/** `clearIndex`: where an older release kept this index in clear. */
export function createCompanyIndex(storage: Storage, cipher: DataCipher, clearIndex: string): CompanyIndex {
  const sealed = createSealedRecords<CompanyEntry[]>(storage.records, cipher, COMPANY_INDEX);
  const rewrite = compareAndSet(sealed);
  // Runs once per process, before any read or edit; tried again on the next use if it failed.
  let migrated: Promise<void> | undefined;
  const ready = () => (migrated ??= moveLegacyIndexes(storage, cipher, clearIndex, rewrite).catch((err) => {
    migrated = undefined;
    throw err;
  }));
  ready().catch(() => undefined); // a failure is reported by the first use that awaits it

  const edit = async (tenant: string, change: Change) => {
    await ready();
    await rewrite(tenant, change);
  };
  const read = async (tenant: string) => {
    await ready();
    return (await sealed.get(tenant, ID))?.value ?? [];
  };
  return {
    ready,
    names: async (tenant) => (await read(tenant)).map((e) => e.name),
    ids: async (tenant, company) => find(await read(tenant), company)?.ids ?? [],
    add: (tenant, company, id) => edit(tenant, (list) => merged(list, [{ name: company, ids: [id] }])),
    remove: (tenant, ids) => edit(tenant, (list) => {
      if (!list.some((e) => e.ids.some((id) => ids.has(id)))) return undefined;
      return list.map((e) => ({ ...e, ids: e.ids.filter((id) => !ids.has(id)) })).filter((e) => e.ids.length);
    }),
  };
}

/**
 * Merges the indexes older releases kept into each workspace's record, then deletes them. Merging
 * adds only what the record lacks, so a second instance starting at the same time, or a run cut
 * short and repeated, changes nothing.
 */
async function moveLegacyIndexes(storage: Storage, cipher: DataCipher, clearIndex: string, rewrite: Rewrite): Promise<void> {
  await unsealKeyvIndex(storage, cipher, rewrite);
  await sealClearIndex(storage, clearIndex, rewrite);
}

/** The release before: one sealed keyv record per workspace, "<tenant>|companies" in "sealed-debrief-companies". */
async function unsealKeyvIndex(storage: Storage, cipher: DataCipher, rewrite: Rewrite) {
  const legacy = createSealedStore<CompanyEntry[]>(storage, cipher, COMPANY_INDEX);
  const moved: string[] = [];
  for await (const { tenant, id, value } of legacy.entries()) {
    if (id !== ID || !Array.isArray(value)) continue;
    await rewrite(tenant, (list) => merged(list, value));
    moved.push(tenant);
  }
  for (const tenant of moved) await legacy.delete(tenant, ID);
}

/**
 * The release before that kept "<tenant>:companies" (the names) and "<tenant>:company:<key>" (debrief
 * ids) in clear: merged into each workspace's sealed record, then deleted.
 */
async function sealClearIndex(storage: Storage, clearIndex: string, rewrite: Rewrite) {
  const clear = storage.namespace<string[]>(clearIndex);
  if (!clear.iterator) return;
  const names = new Map<string, string[]>();
  const lists = new Map<string, Map<string, string[]>>();
  const keys: string[] = [];
  for await (const [key, value] of clear.iterator(clear.namespace)) {
    if (typeof key !== 'string' || !Array.isArray(value) || key.includes(':user:')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^(.+):companies$/.exec(key))) names.set(m[1]!, value);
    else if ((m = /^(.+?):company:(.+)$/.exec(key))) lists.set(m[1]!, (lists.get(m[1]!) ?? new Map<string, string[]>()).set(m[2]!, value));
    else continue;
    keys.push(key);
  }
  for (const [tenant, spelled] of names) {
    const byKey = lists.get(tenant) ?? new Map<string, string[]>();
    await rewrite(tenant, (list) => merged(list, spelled.map((name) => ({ name, ids: byKey.get(companyKey(name)) ?? [] }))));
  }
  // A list whose name was missing from the names was out of reach before too; it goes with the rest.
  if (keys.length) await clear.deleteMany(keys);
}
