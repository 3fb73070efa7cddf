import { randomBytes } from 'node:crypto';
import type { Storage } from '../storage/open-storage';
import type { DataOperations } from '../storage/store-operations';
import type { Actor } from '../base/incoming';
import type { DeliveryTarget } from '../base/outbox';
import type { ReminderKind } from './new-reminder';
import type { Lang } from '../base/language';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedRecords } from '../crypto/create-sealed-records';
import { migrateReminderNamespaces } from './migrate-reminder-namespaces';

// Reminders on the store's atomic operations (src/storage/store-operations.ts):
//   records  "<platform>:<tenant>|reminders:<id>" -> the reminder, sealed (the tenant comes from the
//            verified actor, so an id typed or replayed from another workspace finds nothing);
//            changed by compare-and-set: read, change, write if nobody wrote since, else again
//   sets     "<platform>:<tenant>:<user>|reminders-waiting" -> that person's waiting ids (list, limit)
//            "<platform>:<tenant>:<user>|reminders-all"     -> every id they ever had (export, erasure)
//   queue    "reminders": record keys by the time the sweeper should look at them next
// Elsewhere a reminder is named by its record key "<platform>:<tenant>:<id>" (queue, claims).
// The store settles every race between writers; nothing here locks or queues.

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
  /** NewReminder.link */
  link?: string;
  /** The language it was set in (NewReminder.lang); absent: English, as every reminder before languages. */
  lang?: Lang;
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
/** The due queue every reminder waits in. */
export const REMINDER_QUEUE = 'reminders';
/** A compare-and-set that keeps losing means something rewrites the record in a loop: give up. */
const MAX_CONFLICTS = 50;

export const recordKey = (platform: string, tenantId: string, id: string) => `${platform}:${tenantId}:${id}`;
export const ownerKey = (a: Actor) => `${a.platform}:${a.tenantId}:${a.userId}`;
export const keyOf = (r: Reminder) => recordKey(r.owner.platform, r.owner.tenantId, r.id);
export const waitingSet = (a: Actor) => `${ownerKey(a)}|reminders-waiting`;
export const everySet = (a: Actor) => `${ownerKey(a)}|reminders-all`;

/** Short, unguessable enough for a person to type ("k3x9p2ab"), unique within a tenant. */
export const newReminderId = () => randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, '0').slice(-8);

export type ReminderStore = ReturnType<typeof createReminderStore>;

/** What `engage-bot rotate-key` re-seals and `doctor` samples for reminders (versioned records). */
export const REMINDER_SEALED_RECORDS = ['reminders'] as const;

/** A record key's sealing tenant ("slack:T123") and id: the tenant is bound into the ciphertext. */
function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}

/**
 * The reminder store on the durable operations (what a person sets, snoozes, logs), with `relaxed`:
 * the same store on the operations the sweeper's bookkeeping may use (StoreOperations.relaxed).
 */
export function createReminderStore(storage: Storage, cipher: DataCipher) {
  // A reminder's words and the outcomes logged on it say what an organisation is chasing a company
  // about: sealed like debrief answers. Sets and the queue hold only keys and times, in clear.
  const sealed = createSealedRecords<Reminder>(storage.records, cipher, REMINDER_SEALED_RECORDS[0]);
  // What the previous release kept in keyv moves here once, before the first operation.
  const { sets, queue } = storage;
  const migrate = () => migrateReminderNamespaces(storage, sealed, async (r) => {
    await sets.add(everySet(r.owner), [r.id]);
    if (!ACTIVE.has(r.status)) return;
    await sets.add(waitingSet(r.owner), [r.id]);
    await queue.schedule(REMINDER_QUEUE, keyOf(r), new Date(r.nextTryAt).getTime());
  });
  // Started at once; if the store was down it fails, and the next operation tries again rather than
  // every reminder failing until a restart.
  let migrated: Promise<void> | undefined;
  const ready = () => (migrated ??= migrate().catch((err) => { migrated = undefined; throw err; }));
  ready().catch(() => undefined); // reported by the first operation that awaits it, not as unhandled
  const claim = (key: string, ttlMs: number) => storage.claim(key, ttlMs);
  return { ...storeOn(storage, cipher, ready, claim), relaxed: storeOn(storage.relaxed, cipher, ready, claim) };
}

function storeOn(data: DataOperations, cipher: DataCipher, ready: () => Promise<void>, claim: (key: string, ttlMs: number) => Promise<boolean>) {
  const sealed = createSealedRecords<Reminder>(data.records, cipher, REMINDER_SEALED_RECORDS[0]);
  const { sets, queue } = data;
  const after = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => { await ready(); return fn(...a); };

  return {
    /** Resolves once the store is usable (the migration, if any, is done); rejects if it failed. */
    ready,
    get: after(async (key: string) => (await sealed.get(...splitKey(key)))?.value),
    /** Stores `r` unless a reminder with its key exists (two creates of one keyed reminder at once);
     *  returns whichever is stored. */
    putIfAbsent: after(async (r: Reminder): Promise<Reminder> => {
      for (let i = 0; i < MAX_CONFLICTS; i++) {
        if ((await sealed.put(...splitKey(keyOf(r)), r, undefined)) !== undefined) return r;
        const current = await sealed.get(...splitKey(keyOf(r)));
        if (current) return current.value;
      }
      throw new Error('reminder record kept changing');
    }),
    /** Read, change, write with the version read; on a conflict (a button click and a delivery at
     *  once) read again and re-apply. `change` returns undefined to leave it as it is. */
    update: after(async (key: string, change: (r: Reminder) => Reminder | undefined): Promise<Reminder | undefined> => {
      for (let i = 0; i < MAX_CONFLICTS; i++) {
        const current = await sealed.get(...splitKey(key));
        const next = current && change(current.value);
        if (!next) return current?.value;
        if ((await sealed.put(...splitKey(key), next, current.version)) !== undefined) return next;
      }
      throw new Error('reminder record kept changing');
    }),
    /** Puts the reminder with this key (back) in the queue at `at`, or moves it there. */
    schedule: after((key: string, at: Date | string) => queue.schedule(REMINDER_QUEUE, key, new Date(at).getTime())),
    /** Takes it out of the queue unless it is waiting again (re-scheduled meanwhile by a snooze):
     *  then it stays, at its time. */
    unschedule: after(async (key: string) => {
      await queue.cancel(REMINDER_QUEUE, key);
      const again = (await sealed.get(...splitKey(key)))?.value;
      if (again && ACTIVE.has(again.status)) await queue.schedule(REMINDER_QUEUE, key, new Date(again.nextTryAt).getTime());
    }),
    /** Up to `limit` record keys due at `now`, leased to this sweeper for `leaseMs`. */
    takeDue: after((now: number, limit: number, leaseMs: number) => queue.take(REMINDER_QUEUE, now, limit, leaseMs)),
    /** How many reminders wait in the queue (any time). */
    queued: after(() => queue.size(REMINDER_QUEUE)),
    ownerIds: after((a: Actor) => sets.members(waitingSet(a))),
    /** Adds unless the person already has `max` waiting; false when full. */
    addToOwner: after(async (a: Actor, id: string, max: number) =>
      (await sets.add(waitingSet(a), [id], max)) === 1 || (await sets.members(waitingSet(a))).includes(id)),
    removeFromOwner: after(async (a: Actor, id: string) => { await sets.remove(waitingSet(a), [id]); }),
    allIds: after((a: Actor) => sets.members(everySet(a))),
    addToAll: after(async (a: Actor, id: string) => { await sets.add(everySet(a), [id]); }),
    /** Physically deletes a person's reminders, their queue entries and their sets. */
    erase: after(async (a: Actor): Promise<number> => {
      const ids = [...new Set([...(await sets.members(everySet(a))), ...(await sets.members(waitingSet(a)))])];
      let erased = 0;
      for (const id of ids) {
        if (await sealed.delete(`${a.platform}:${a.tenantId}`, id)) erased++;
        await queue.cancel(REMINDER_QUEUE, recordKey(a.platform, a.tenantId, id));
      }
      await sets.delete(everySet(a));
      await sets.delete(waitingSet(a));
      return erased;
    }),
    /** One winner per key across instances until `ttlMs` passes: one delivery per occurrence. */
    claim,
  };
}
