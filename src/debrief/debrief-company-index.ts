import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedStore } from '../crypto/create-sealed-store';
import type { Storage } from '../storage/open-storage';

// Which companies a workspace has debriefed, and which debriefs are about each: what
// "/engage-debrief history <company>" and the form's company list read. Which companies an
// organisation meets can be as sensitive as what was said there, so the index is one sealed record
// per workspace (names and debrief ids together): no key or value names a company in clear, and
// `rotate-key` re-seals it like the debriefs. A keyed hash per company would have hidden the names
// in keys too, but the list of names must still be read back, and a hash keyed from the data key
// would change with every key rotation.

export const companyKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

interface CompanyEntry {
  /** In the spelling first used. */
  name: string;
  ids: string[];
}

export interface CompanyIndex {
  names(tenant: string): Promise<string[]>;
  ids(tenant: string, company: string): Promise<string[]>;
  add(tenant: string, company: string, id: string): Promise<void>;
  /** Takes debriefs out; a company with none left leaves the list. */
  remove(tenant: string, ids: ReadonlySet<string>): Promise<void>;
}

const RECORD = 'companies';
type Change = (list: CompanyEntry[]) => CompanyEntry[] | undefined;

const find = (list: CompanyEntry[], company: string) => list.find((e) => companyKey(e.name) === companyKey(company));

/** `list` with `ids` under `company` (a new company goes last); the same list when nothing is new. */
function withIds(list: CompanyEntry[], company: string, ids: string[]): CompanyEntry[] {
  const entry = find(list, company);
  const fresh = ids.filter((id) => !entry?.ids.includes(id));
  if (!fresh.length) return list;
  return entry ? list.map((e) => (e === entry ? { ...e, ids: [...e.ids, ...fresh] } : e)) : [...list, { name: company, ids: fresh }];
}

/** `store`: the sealed store's name; `clearIndex`: where the release before kept this index in clear. */
export function createCompanyIndex(storage: Storage, cipher: DataCipher, store: string, clearIndex: string): CompanyIndex {
  const sealed = createSealedStore<CompanyEntry[]>(storage, cipher, store);

  // Each edit reads the workspace's record, changes it and writes it back: in this process they
  // take turns, so two debriefs saved at once cannot drop each other's entry. (Instances sharing
  // PostgreSQL or Redis can still race in the same instant, as the clear index before could.)
  let turns: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = turns.then(fn);
    turns = run.catch(() => undefined);
    return run;
  };
  const rewrite = async (tenant: string, change: Change) => {
    const next = change((await sealed.get(tenant, RECORD)) ?? []);
    if (!next) return;
    if (next.length) await sealed.set(tenant, RECORD, next);
    else await sealed.delete(tenant, RECORD);
  };

  // Runs once at start-up, before any read or edit; tried again on the next use if it failed.
  let migrated: Promise<void> | undefined;
  const ready = () => (migrated ??= inTurn(() => sealClearIndex(storage, clearIndex, rewrite)).catch((err) => {
    migrated = undefined;
    throw err;
  }));
  ready().catch(() => undefined); // a failure is reported by the first use that awaits it

  const edit = async (tenant: string, change: Change) => {
    await ready();
    await inTurn(() => rewrite(tenant, change));
  };
  const read = async (tenant: string) => {
    await ready();
    return (await sealed.get(tenant, RECORD)) ?? [];
  };

  return {
    names: async (tenant) => (await read(tenant)).map((e) => e.name),
    ids: async (tenant, company) => find(await read(tenant), company)?.ids ?? [],
    add: (tenant, company, id) => edit(tenant, (list) => {
      const next = withIds(list, company, [id]);
      return next === list ? undefined : next;
    }),
    remove: (tenant, ids) => edit(tenant, (list) => {
      if (!list.some((e) => e.ids.some((id) => ids.has(id)))) return undefined;
      return list.map((e) => ({ ...e, ids: e.ids.filter((id) => !ids.has(id)) })).filter((e) => e.ids.length);
    }),
  };
}

/**
 * The release before kept "<tenant>:companies" (the names) and "<tenant>:company:<key>" (debrief
 * ids) in clear: merged into each workspace's sealed record, then deleted.
 */
async function sealClearIndex(storage: Storage, clearIndex: string, rewrite: (tenant: string, change: Change) => Promise<void>) {
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
    await rewrite(tenant, (list) => spelled.reduce((acc, name) => withIds(acc, name, byKey.get(companyKey(name)) ?? []), list));
  }
  // A list whose name was missing from the names was out of reach before too; it goes with the rest.
  if (keys.length) await clear.deleteMany(keys);
}
