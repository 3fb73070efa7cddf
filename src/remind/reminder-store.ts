import { randomBytes } from 'node:crypto';
import type { Storage } from '../storage/open-storage';
import type { Actor } from '../base/incoming';
import type { DeliveryTarget } from '../base/outbox';
import type { ReminderKind } from './reminder-port';
import { createSealedStore } from '../crypto/create-sealed-store';
import type { DataCipher } from '../crypto/create-data-cipher';

// Four keyv namespaces and one cursor:
//   sealed-reminders "<platform>:<tenant>|<id>" -> the reminder, sealed (tenant comes from the
//                   verified actor, so an id typed or replayed from another workspace finds nothing)
//   reminder-due    "<minute ISO>" -> keys of reminders to look at in that minute (the due-time index:
//                   a tick reads only the minutes that have passed, never the whole table)
//   reminder-owner  "<platform>:<tenant>:<user>" -> ids of that person's waiting reminders (list, limit)
//   reminder-owner-all  the same key -> every id the person ever had (export, erasure)
// Elsewhere a reminder is named by its record key "<platform>:<tenant>:<id>" (due index, claims).
// keyv has no atomic append, so index updates are read-modify-write under a short lock taken with
// an atomic claim on the backend's own connection: two instances never overwrite each other's entries.

export type ReminderStatus = 'scheduled' | 'sending' | 'sent' | 'failed' | 'done' | 'cancelled';

export interface Reminder {
  id: string;
  owner: Actor;
  target: DeliveryTarget;
  /** How to name the target in messages ("policy-team"); from the platform's own link text. */
  targetName?: string;
  text: string;
  timeZone: string;
  cron?: string;
  kind: ReminderKind;
  ref?: string;
  createdAt: string;
  /** The occurrence being delivered: its intended time (shown to people, part of its claim key). */
  dueAt: string;
  /** When the sweeper should look next: dueAt, or later after a retryable failure. */
  nextTryAt: string;
  status: ReminderStatus;
  /** Delivery attempts of the current occurrence. */
  attempt: number;
  lastSent?: { dueAt: string; at: string; messageId: string; late: boolean };
  failure?: string;
  outcomes?: { at: string; text: string }[];
}

export const ACTIVE: ReadonlySet<ReminderStatus> = new Set(['scheduled', 'sending']);
const MINUTE = 60_000;
/** An index lock outlives a holder that died with it by at most this long. */
const LOCK_TTL_MS = 10_000;
/**
 * How long a write waits for an index lock before it fails: longer than the lock lives, so a holder
 * that died never makes writers fail (400 tries, ~6 s, gave up first and failed under load).
 */
const LOCK_WAIT_MS = LOCK_TTL_MS + 5_000;

/** Index bucket of an instant: the minute it falls due in, rounded up (a bucket is read once it has begun). */
export const bucketOf = (instant: Date | string | number): number => Math.ceil(new Date(instant).getTime() / MINUTE) * MINUTE;
const bucketKey = (ms: number) => new Date(ms).toISOString().slice(0, 16);

export const recordKey = (platform: string, tenantId: string, id: string) => `${platform}:${tenantId}:${id}`;
export const ownerKey = (a: Actor) => `${a.platform}:${a.tenantId}:${a.userId}`;
export const keyOf = (r: Reminder) => recordKey(r.owner.platform, r.owner.tenantId, r.id);

/** Short, unguessable enough for a person to type ("k3x9p2ab"), unique within a tenant. */
export const newReminderId = () => randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, '0').slice(-8);

export type ReminderStore = ReturnType<typeof createReminderStore>;

/** What `engage-bot rotate-key` re-seals for reminders. */
export const REMINDER_SEALED_STORES = ['reminders'] as const;

/** A record key's sealing tenant ("slack:T123") and id: the tenant is bound into the ciphertext. */
function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

export function createReminderStore(storage: Storage, cipher: DataCipher, lockOwner: string) {
  // A reminder's words and the outcomes logged on it say what an organisation is chasing a company
  // about: sealed like debrief answers. Indexes hold only keys and times, and stay in clear.
  const sealed = createSealedStore<Reminder>(storage, cipher, REMINDER_SEALED_STORES[0]);
  const records = {
    get: (key: string) => sealed.get(...splitKey(key)),
    set: (key: string, r: Reminder) => sealed.set(...splitKey(key), r),
    delete: (key: string) => sealed.delete(...splitKey(key)),
  };
  const due = storage.namespace<string[]>('reminder-due');
  const owners = storage.namespace<string[]>('reminder-owner');
  /** Every reminder a person ever set, finished ones too: what export and erasure must reach. */
  const everything = storage.namespace<string[]>('reminder-owner-all');
  const meta = storage.namespace<number>('reminder-meta');

  // The store lock is held by this process (`lockOwner`) and is re-entrant for it, so it keeps
  // other instances out but not this process's own concurrent steps (the sweeper delivers several
  // entries at once; a button click may edit while it runs): those queue here, per lock name.
  const queues = new Map<string, Promise<void>>();
  async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const before = queues.get(name) ?? Promise.resolve();
    let done!: () => void;
    const gate = new Promise<void>((r) => { done = r; });
    const mine = before.then(() => gate);
    queues.set(name, mine);
    await before;
    try {
      const key = `lock:${name}`;
      // Real time, not the injected clock: this is how long to wait, not when something is due.
      const giveUpAt = performance.now() + LOCK_WAIT_MS;
      while (!(await storage.claim(key, LOCK_TTL_MS, lockOwner))) {
        if (performance.now() > giveUpAt) throw new Error('reminder index lock not acquired');
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      }
      try { return await fn(); } finally { await storage.release(key, lockOwner); }
    } finally {
      done();
      if (queues.get(name) === mine) queues.delete(name);
    }
  }
  const edit = (store: typeof due, key: string, change: (list: string[]) => string[]) =>
    withLock(`${store.namespace}:${key}`, async () => {
      const next = change((await store.get(key)) ?? []);
      if (next.length) await store.set(key, next);
      else await store.delete(key);
    });

  return {
    get: (key: string) => records.get(key),
    put: (r: Reminder) => records.set(keyOf(r), r),
    /** Stores `r` unless a reminder with its key exists (two creates of one keyed reminder at once);
     *  returns whichever is stored. */
    putIfAbsent: (r: Reminder) =>
      withLock(`reminders:${keyOf(r)}`, async () => {
        const current = await records.get(keyOf(r));
        if (current) return current;
        await records.set(keyOf(r), r);
        return r;
      }),
    /** Read-modify-write of one reminder under its lock, so a button click and a delivery never
     *  overwrite each other. `change` returns undefined to leave it as it is. */
    update: (key: string, change: (r: Reminder) => Reminder | undefined) =>
      withLock(`reminders:${key}`, async () => {
        const current = await records.get(key);
        const next = current && change(current);
        if (next) await records.set(key, next);
        return next ?? current;
      }),
    readBucket: (ms: number) => due.get(bucketKey(ms)),
    addToBucket: (ms: number, key: string) => edit(due, bucketKey(ms), (l) => (l.includes(key) ? l : [...l, key])),
    /** One read-modify-write for many settled entries: a minute holding thousands is rewritten once
     *  per batch, not once per entry (which was quadratic in the minute's size). */
    removeFromBucket: (ms: number, keys: readonly string[]) => {
      const gone = new Set(keys);
      return edit(due, bucketKey(ms), (l) => l.filter((k) => !gone.has(k)));
    },
    ownerIds: async (a: Actor) => (await owners.get(ownerKey(a))) ?? [],
    /** Adds unless the person already has `max` waiting; false when full. */
    addToOwner: async (a: Actor, id: string, max: number) => {
      let added = false;
      await edit(owners, ownerKey(a), (l) => {
        if (l.includes(id)) { added = true; return l; }
        if (l.length >= max) return l;
        added = true;
        return [...l, id];
      });
      return added;
    },
    removeFromOwner: (a: Actor, id: string) => edit(owners, ownerKey(a), (l) => l.filter((x) => x !== id)),
    allIds: async (a: Actor) => (await everything.get(ownerKey(a))) ?? [],
    addToAll: (a: Actor, id: string) => edit(everything, ownerKey(a), (l) => (l.includes(id) ? l : [...l, id])),
    /** Physically deletes a person's reminders and indexes; due-index entries of deleted
     *  reminders are dropped unread by the sweeper (a missing record is stale). */
    async erase(a: Actor): Promise<number> {
      const ids = [...new Set([...((await everything.get(ownerKey(a))) ?? []), ...((await owners.get(ownerKey(a))) ?? [])])];
      let erased = 0;
      for (const id of ids) if (await records.delete(recordKey(a.platform, a.tenantId, id))) erased++;
      await everything.delete(ownerKey(a));
      await owners.delete(ownerKey(a));
      return erased;
    },
    /** One winner per key across instances until `ttlMs` passes: one delivery per occurrence. */
    claim: (key: string, ttlMs: number) => storage.claim(key, ttlMs),
    getCursor: () => meta.get('cursor'),
    setCursor: (ms: number) => meta.set('cursor', ms).then(() => undefined),
  };
}
