import type { Storage } from '../storage/open-storage';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';

// When a workspace uninstalls the app, its tokens go at once (the adapter deletes them) and its
// data after a grace period, so an accidental uninstall can be undone by reinstalling. Every key
// the bot writes for a workspace starts with "<platform>:<tenant>" (then ":" or "|"), which is
// what the purge looks for in every namespace, every versioned record and every member set. Queue
// entries of deleted records are dropped by their sweeper when they come due (nothing to deliver).

const DAY_MS = 24 * 3600_000;

interface PendingPurge { platform: string; tenantId: string; uninstalledAt: string; purgeAfter: string }

export interface WorkspaceLifecycle {
  uninstalled(platform: string, tenantId: string): Promise<void>;
  /** A reinstall within the grace period keeps the data. */
  installed(platform: string, tenantId: string): Promise<void>;
  /** Deletes the data of workspaces whose grace period is over; returns how many records went. */
  purgeDue(): Promise<number>;
}

export async function purgeTenant(storage: Storage, platform: string, tenantId: string): Promise<number> {
  const prefixes = [`${platform}:${tenantId}:`, `${platform}:${tenantId}|`];
  let deleted = 0;
  for (const name of storage.namespaceNames()) {
    const store = storage.namespace<unknown>(name);
    if (!store.iterator) continue;
    const doomed: string[] = [];
    for await (const [key] of store.iterator(store.namespace)) {
      if (typeof key === 'string' && prefixes.some((p) => key.startsWith(p))) doomed.push(key);
    }
    if (doomed.length) await store.deleteMany(doomed);
    deleted += doomed.length;
  }
  for (const prefix of prefixes) {
    for (const key of await collect(storage.records.keys(prefix))) if (await storage.records.delete(key)) deleted++;
    for (const key of await collect(storage.sets.keys(prefix))) { await storage.sets.delete(key); deleted++; }
  }
  return deleted;
}

/** Listed in full before anything is deleted: a store's key listing need not survive deletes under it. */
async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

export function createWorkspaceLifecycle(o: { storage: Storage; clock: Clock; graceDays: number; logger: Logger }): WorkspaceLifecycle {
  const pending = o.storage.namespace<PendingPurge>('uninstalled-workspaces');
  const keyOf = (platform: string, tenantId: string) => `${platform}:${tenantId}`;
  return {
    async uninstalled(platform, tenantId) {
      const now = o.clock.now();
      await pending.set(keyOf(platform, tenantId), { platform, tenantId, uninstalledAt: now.toISOString(), purgeAfter: new Date(now.getTime() + o.graceDays * DAY_MS).toISOString() });
    },
    async installed(platform, tenantId) {
      await pending.delete(keyOf(platform, tenantId));
    },
    async purgeDue() {
      if (!pending.iterator) return 0;
      const due: PendingPurge[] = [];
      for await (const [, value] of pending.iterator(pending.namespace)) {
        const p = value as PendingPurge | undefined;
        if (p && new Date(p.purgeAfter).getTime() <= o.clock.now().getTime()) due.push(p);
      }
      let deleted = 0;
      for (const p of due) {
        deleted += await purgeTenant(o.storage, p.platform, p.tenantId);
        await pending.delete(keyOf(p.platform, p.tenantId));
        o.logger.info({ event: 'workspace.purged', platform: p.platform, records: deleted }, 'uninstalled workspace data deleted');
      }
      return deleted;
    },
  };
}
