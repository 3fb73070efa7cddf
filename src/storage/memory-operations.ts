import type { Clock } from '../base/clock';
import type { Claims, DueQueue, MemberSets, StoreOperations, VersionedRecords } from './store-operations';
import { REQUEST } from './store-names';

// The store's atomic operations in this process's memory (memory://, tests). Each operation runs
// to its end without awaiting anything, so JavaScript's single thread is what makes it atomic.

export function createMemoryOperations(clock: Clock): StoreOperations {
  const held = new Map<string, { owner: string; expires: number }>();
  const records = new Map<string, { value: string; version: number }>();
  const sets = new Map<string, Set<string>>();
  const queues = new Map<string, Map<string, number>>();
  return {
    ...memoryClaims(held, clock),
    records: memoryRecords(records),
    sets: memorySets(sets),
    queue: memoryQueue(queues),
    async close() {
      held.clear();
      records.clear();
      sets.clear();
      queues.clear();
    },
  };
}

function memoryClaims(held: Map<string, { owner: string; expires: number }>, clock: Clock): Claims {
  const claim = async (key: string, ttlMs: number, owner = '') => {
    const now = clock.now().getTime();
    const current = held.get(key);
    if (current && current.expires > now && !(owner && current.owner === owner)) return false;
    held.set(key, { owner, expires: now + ttlMs });
    return true;
  };
  return {
    claim,
    claimRequest: (key, ttlMs) => claim(REQUEST + key, ttlMs),
    async release(key, owner) { if (held.get(key)?.owner === owner) held.delete(key); },
  };
}

/** The keys of `map` starting with `prefix`, in key order (as the SQL stores list them). */
async function* keysWithPrefix(map: Map<string, unknown>, prefix: string): AsyncGenerator<string> {
  for (const key of [...map.keys()].filter((k) => k.startsWith(prefix)).sort()) yield key;
}

function memoryRecords(records: Map<string, { value: string; version: number }>): VersionedRecords {
  return {
    async get(key) {
      const found = records.get(key);
      return found && { ...found };
    },
    async put(key, value, expected) {
      const current = records.get(key);
      if (current?.version !== expected) return undefined;
      const version = (current?.version ?? 0) + 1;
      records.set(key, { value, version });
      return version;
    },
    delete: async (key) => records.delete(key),
    keys: (prefix) => keysWithPrefix(records, prefix),
  };
}

function memorySets(sets: Map<string, Set<string>>): MemberSets {
  return {
    async add(key, members, max) {
      const current = sets.get(key) ?? new Set<string>();
      const fresh = [...new Set(members)].filter((m) => !current.has(m));
      if (!fresh.length || (max !== undefined && current.size + fresh.length > max)) return 0;
      for (const m of fresh) current.add(m);
      sets.set(key, current);
      return fresh.length;
    },
    async remove(key, members) {
      const current = sets.get(key);
      if (!current) return 0;
      const removed = [...new Set(members)].filter((m) => current.delete(m)).length;
      if (!current.size) sets.delete(key);
      return removed;
    },
    members: async (key) => [...(sets.get(key) ?? [])],
    async delete(key) { sets.delete(key); },
    keys: (prefix) => keysWithPrefix(sets, prefix),
  };
}

function memoryQueue(queues: Map<string, Map<string, number>>): DueQueue {
  const entries = (queue: string) => {
    let q = queues.get(queue);
    if (!q) queues.set(queue, (q = new Map()));
    return q;
  };
  return {
    async schedule(queue, id, dueAt) { entries(queue).set(id, dueAt); },
    async cancel(queue, id) { entries(queue).delete(id); },
    async take(queue, now, limit, leaseMs) {
      const q = entries(queue);
      const due = [...q].filter(([, at]) => at <= now).sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0)).slice(0, Math.max(0, limit));
      for (const [id] of due) q.set(id, now + leaseMs);
      return due.map(([id]) => id);
    },
    size: async (queue) => entries(queue).size,
  };
}
