import type { Storage } from '../storage/open-storage';

// Which debriefs each person started, was invited to or answered: one member set per person, under
// "<platform>:<tenant>:debrief-user:<user>" (the workspace first, so a purge of its keys finds it).
// The store adds members atomically, so two debriefs saved at once for one person both stay listed;
// it keeps them oldest first, and the person's list reads newest first.

export interface UserIndex {
  /** Newest first. */
  ids(tenant: string, user: string, limit?: number): Promise<string[]>;
  add(tenant: string, users: Iterable<string>, id: string): Promise<void>;
  remove(tenant: string, users: Iterable<string>, id: string): Promise<void>;
  clear(tenant: string, user: string): Promise<void>;
}

const setKey = (tenant: string, user: string) => `${tenant}:debrief-user:${user}`;

/**
 * `legacy`: the keyv namespace where the release before kept these lists, "<tenant>:user:<user>",
 * newest first. `after`: what must finish first, the company index's move out of the same namespace:
 * keyv lists a namespace page by page, and rows deleted under one listing would make it skip others.
 */
export function createUserIndex(storage: Storage, legacy: string, after: () => Promise<void>): UserIndex {
  // Runs once per process, before any read or edit; tried again on the next use if it failed.
  let migrated: Promise<void> | undefined;
  const ready = () => (migrated ??= after().then(() => moveLegacyLists(storage, legacy)).catch((err) => {
    migrated = undefined;
    throw err;
  }));
  ready().catch(() => undefined); // a failure is reported by the first use that awaits it

  return {
    async ids(tenant, user, limit) {
      await ready();
      const newestFirst = (await storage.sets.members(setKey(tenant, user))).reverse();
      return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
    },
    async add(tenant, users, id) {
      await ready();
      for (const user of users) await storage.sets.add(setKey(tenant, user), [id]);
    },
    async remove(tenant, users, id) {
      await ready();
      for (const user of users) await storage.sets.remove(setKey(tenant, user), [id]);
    },
    async clear(tenant, user) {
      await ready();
      await storage.sets.delete(setKey(tenant, user));
    },
  };
}

/**
 * Copies each person's list from the keyv namespace into their set (oldest first, so it still
 * reads newest first), then deletes the old rows. Adding what a set already holds adds nothing, so
 * a second instance starting at the same time, or a run cut short and repeated, changes nothing.
 * The company lists in the same namespace are moved by debrief-company-index.ts.
 */
async function moveLegacyLists(storage: Storage, legacy: string): Promise<void> {
  const old = storage.namespace<string[]>(legacy);
  if (!old.iterator) return;
  const moved: string[] = [];
  for await (const [key, ids] of old.iterator(old.namespace)) {
    if (typeof key !== 'string' || !Array.isArray(ids)) continue;
    const at = key.indexOf(':user:');
    if (at < 0) continue;
    await storage.sets.add(setKey(key.slice(0, at), key.slice(at + ':user:'.length)), [...ids].reverse());
    moved.push(key);
  }
  if (moved.length) await old.deleteMany(moved);
}
