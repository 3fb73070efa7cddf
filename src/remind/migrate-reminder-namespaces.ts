import { randomUUID } from 'node:crypto';
import type { Storage } from '../storage/open-storage';
import type { SealedRecords } from '../crypto/create-sealed-records';
import type { Reminder } from './reminder-store';

// Until 0.1.0 reminders lived in keyv: the sealed records in `sealed-reminders`, a minute-bucket
// due index in `reminder-due`, owner lists in `reminder-owner` and `reminder-owner-all`, and the
// sweeper's cursor in `reminder-meta`. On start-up they move into versioned records, member sets
// and the due queue, once: a marker record says it is done (one read on every later start), and a
// claim keeps a second instance starting at the same moment waiting until the first has finished.
// The sealed values are copied unopened (same associated data); the sets and the queue are rebuilt
// from the records themselves, which is what the old indexes were derived from.

const OLD_SEALED = 'sealed-reminders';
const OLD_INDEXES = ['reminder-due', 'reminder-owner', 'reminder-owner-all', 'reminder-meta'];
const MARKER = 'engage|migrated:reminder-namespaces';
const LEASE = 'migrate:reminder-namespaces';
const LEASE_MS = 10 * 60_000;
const WAIT_STEP_MS = 200;

/** `place` puts one moved reminder in its owner's sets and, if it still waits, in the queue. */
export async function migrateReminderNamespaces(storage: Storage, sealed: SealedRecords<Reminder>, place: (r: Reminder) => Promise<void>): Promise<void> {
  const owner = `migration-${randomUUID()}`;
  while (!(await storage.records.get(MARKER))) {
    if (!(await storage.claim(LEASE, LEASE_MS, owner))) {
      // Another instance is moving them: wait for its marker (or for its lease to lapse if it died).
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
      continue;
    }
    try {
      if (!(await storage.records.get(MARKER))) {
        await moveReminders(storage, sealed, place);
        await storage.records.put(MARKER, new Date().toISOString(), undefined);
      }
    } finally {
      await storage.release(LEASE, owner);
    }
  }
}

async function moveReminders(storage: Storage, sealed: SealedRecords<Reminder>, place: (r: Reminder) => Promise<void>): Promise<void> {
  const old = storage.namespace<string>(OLD_SEALED);
  if (!old.iterator) throw new Error('this storage backend cannot list keys, so old reminders cannot be moved');
  const moved: Reminder[] = [];
  for await (const [key, value] of old.iterator(old.namespace)) {
    if (typeof key !== 'string' || typeof value !== 'string') continue;
    const at = key.indexOf('|');
    const [tenant, id] = [key.slice(0, at), key.slice(at + 1)];
    // A record already here was moved (or written) before: it is the newer one and stays.
    await sealed.putSealed(tenant, id, value);
    const current = await sealed.get(tenant, id);
    if (current) moved.push(current.value);
  }
  moved.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const r of moved) await place(r);
  // Only once everything is in its new place: a crash before this point moves it all again.
  for (const name of [OLD_SEALED, ...OLD_INDEXES]) await storage.namespace(name).clear();
}
