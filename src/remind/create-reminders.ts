import { createHash } from 'node:crypto';
import type { Storage } from '../storage/open-storage';
import type { Clock } from '../base/clock';
import type { Actor } from '../base/incoming';
import type { NewReminder } from './new-reminder';
import { ACTIVE, createReminderStore, keyOf, newReminderId, recordKey, type Reminder, type ReminderStore } from './reminder-store';
import { MAX_REMINDER_TEXT } from './parse-remind-text';
import { nextCronOccurrence } from './next-cron-occurrence';
import { isValidZone } from '../base/zoned-time';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { DataCipher } from '../crypto/create-data-cipher';

export type RefusalCode = 'past' | 'limit' | 'tooLong' | 'noText' | 'badTarget' | 'badCron' | 'badZone';

/** A reminder the service will not store; `code` picks the sentence shown to the person. */
export class ReminderRefused extends Error {
  constructor(readonly code: RefusalCode) { super(`reminder refused: ${code}`); this.name = 'ReminderRefused'; }
}

export type Lookup = { ok: true; reminder: Reminder } | { ok: false; why: 'notFound' | 'notYours' };

/** What the /engage-remind command, its buttons and the home view use; debriefs need only `create`. */
export interface Reminders {
  create(input: NewReminder): Promise<{ id: string; dueAt: Date; existed?: boolean }>;
  /** The person's waiting reminders, soonest first. */
  listActive(actor: Actor): Promise<Reminder[]>;
  /** A reminder of the actor's workspace; `notYours` when someone else set it. */
  find(actor: Actor, id: string): Promise<Lookup>;
  cancel(actor: Actor, id: string): Promise<Lookup>;
  /** Delivers it again at `until` (a one-off is moved; a recurring one gets a one-off copy). */
  snooze(actor: Actor, id: string, until: Date): Promise<Lookup>;
  markDone(actor: Actor, id: string): Promise<Lookup>;
  logOutcome(actor: Actor, id: string, text: string): Promise<Lookup>;
  readonly maxActivePerUser: number;
  /** Scheduling internals shared with the sweeper (same store). */
  readonly store: ReminderStore;
  /** The person's reminders, for `/engage export me` and `forget me`. */
  readonly personalData: PersonalDataSource;
  /** Puts a stored reminder (back) in the due queue at its nextTryAt. */
  schedule(r: Reminder): Promise<void>;
}

export interface RemindersOptions {
  storage: Storage;
  clock: Clock;
  maxActivePerUser: number;
  /** Seals each reminder's record (its words and logged outcomes). */
  cipher: DataCipher;
}

const keyFor = (a: Actor, id: string) => recordKey(a.platform, a.tenantId, id);
/** A keyed reminder's id, the same on every create: derived from its owner and key (never shown as either). */
const onceId = (owner: Actor, key: string) => BigInt(`0x${createHash('sha256').update(`${owner.userId}\n${key}`).digest('hex').slice(0, 15)}`).toString(36);
const sameActor = (a: Actor, b: Actor) => a.platform === b.platform && a.tenantId === b.tenantId && a.userId === b.userId;

export function createReminders({ storage, clock, maxActivePerUser, cipher }: RemindersOptions): Reminders {
  const store = createReminderStore(storage, cipher);
  const schedule = (r: Reminder) => store.schedule(keyOf(r), r.nextTryAt);
  const find = async (actor: Actor, id: string): Promise<Lookup> => {
    if (typeof id !== 'string' || !/^[a-z0-9]{4,16}$/.test(id)) return { ok: false, why: 'notFound' };
    const r = await store.get(keyFor(actor, id));
    if (!r) return { ok: false, why: 'notFound' };
    return sameActor(r.owner, actor) ? { ok: true, reminder: r } : { ok: false, why: 'notYours' };
  };
  const create = (input: NewReminder) => createReminder({ store, clock, maxActivePerUser, schedule }, input);
  const book: Reminders = {
    store,
    personalData: {
      label: 'reminders',
      async export(actor) {
        const found = await Promise.all((await store.allIds(actor)).map((id) => store.get(keyFor(actor, id))));
        return found.filter((r): r is Reminder => !!r && sameActor(r.owner, actor));
      },
      erase: (actor) => store.erase(actor),
    },
    schedule,
    maxActivePerUser,
    create,
    async listActive(actor) {
      const ids = await store.ownerIds(actor);
      const found = await Promise.all(ids.map((id) => store.get(keyFor(actor, id))));
      return found.filter((r): r is Reminder => !!r && ACTIVE.has(r.status) && sameActor(r.owner, actor)).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
    find,
    ...reminderEdits({ store, clock, maxActivePerUser, schedule, find, create }),
  };
  return book;
}

interface Parts {
  store: ReminderStore;
  clock: Clock;
  maxActivePerUser: number;
  schedule: (r: Reminder) => Promise<void>;
}

/** The reminder's time and words as the service will store them, or the refusal to show. */
function checkNewReminder(input: NewReminder, now: Date): { text: string; dueAt: Date } {
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!/[\p{L}\p{N}]/u.test(text)) throw new ReminderRefused('noText');
  if (text.length > MAX_REMINDER_TEXT) throw new ReminderRefused('tooLong');
  if (!isValidZone(input.timeZone)) throw new ReminderRefused('badZone');
  // A reminder goes only to the workspace of the person who set it.
  if (input.target.platform !== input.owner.platform || input.target.tenantId !== input.owner.tenantId || !(input.target.userId || input.target.channelId)) throw new ReminderRefused('badTarget');
  let dueAt = new Date(input.dueAt);
  if (input.cron !== undefined) {
    const first = nextCronOccurrence(input.cron, input.timeZone, new Date(dueAt.getTime() - 1));
    if (!first) throw new ReminderRefused('badCron');
    dueAt = first;
  }
  if (!(dueAt.getTime() > now.getTime())) throw new ReminderRefused('past');
  return { text, dueAt };
}

/** Only a platform's https link, kept short: a link is shown as it is stored. */
export const isLink = (url: string) => url.length <= 500 && /^https:\/\/[^\s<>|"]+$/.test(url);

async function createReminder({ store, clock, maxActivePerUser, schedule }: Parts, input: NewReminder) {
  const now = clock.now();
  const { text, dueAt } = checkNewReminder(input, now);
  const id = input.onceKey === undefined ? newReminderId() : onceId(input.owner, input.onceKey);
  // A keyed reminder made before (the same button pressed again) is reported, not made again.
  const earlier = input.onceKey === undefined ? undefined : await store.get(keyFor(input.owner, id));
  if (earlier) return { id, dueAt: new Date(earlier.dueAt), existed: true };
  if (!(await store.addToOwner(input.owner, id, maxActivePerUser))) throw new ReminderRefused('limit');
  await store.addToAll(input.owner, id);
  const r: Reminder = {
    id, owner: input.owner, target: input.target, text, timeZone: input.timeZone,
    ...(typeof input.targetName === 'string' && input.targetName ? { targetName: input.targetName.slice(0, 80) } : {}),
    ...(input.cron !== undefined ? { cron: input.cron } : {}),
    kind: input.kind ?? 'reminder',
    ...(input.ref !== undefined ? { ref: input.ref } : {}),
    ...(input.lang && input.lang !== 'en' ? { lang: input.lang } : {}),
    ...(typeof input.link === 'string' && isLink(input.link) ? { link: input.link } : {}),
    createdAt: now.toISOString(), dueAt: dueAt.toISOString(), nextTryAt: dueAt.toISOString(),
    status: 'scheduled', attempt: 0,
  };
  // Record first, queue second: a queue entry never points at nothing. Of two creates with one
  // key at once (both found nothing above), the first record stays and the second reports it.
  const stored = await store.putIfAbsent(r);
  if (stored !== r) return { id, dueAt: new Date(stored.dueAt), existed: true };
  await schedule(r);
  return { id, dueAt };
}

/** What a person does to one of their reminders: cancel, snooze, mark done, log an outcome. */
function reminderEdits({ store, clock, maxActivePerUser, schedule, find, create }: Parts & { find: Reminders['find']; create: Reminders['create'] }) {
  return {
    async cancel(actor: Actor, id: string): Promise<Lookup> {
      const found = await find(actor, id);
      if (!found.ok) return found;
      const r = await store.update(keyFor(actor, id), (x) => ({ ...x, status: 'cancelled' }));
      await store.removeFromOwner(actor, id);
      await store.unschedule(keyFor(actor, id));
      return { ok: true, reminder: r! };
    },
    async snooze(actor: Actor, id: string, until: Date): Promise<Lookup> {
      const found = await find(actor, id);
      if (!found.ok) return found;
      const old = found.reminder;
      if (old.cron) {
        const copy = await create({ owner: old.owner, target: old.target, ...(old.targetName ? { targetName: old.targetName } : {}), text: old.text, dueAt: until, timeZone: old.timeZone, kind: old.kind, ...(old.link ? { link: old.link } : {}), ...(old.ref ? { ref: old.ref } : {}), ...(old.lang ? { lang: old.lang } : {}) });
        const r = await store.get(keyFor(actor, copy.id));
        return { ok: true, reminder: r! };
      }
      if (!(until.getTime() > clock.now().getTime())) throw new ReminderRefused('past');
      if (!(await store.addToOwner(actor, id, maxActivePerUser))) throw new ReminderRefused('limit');
      await store.addToAll(actor, id);
      const r = await store.update(keyFor(actor, id), (x) => ({ ...x, status: 'scheduled', dueAt: until.toISOString(), nextTryAt: until.toISOString(), attempt: 0 }));
      await schedule(r!);
      return { ok: true, reminder: r! };
    },
    async markDone(actor: Actor, id: string): Promise<Lookup> {
      const found = await find(actor, id);
      if (!found.ok || found.reminder.cron) return found;
      const r = await store.update(keyFor(actor, id), (x) => (x.status === 'sent' || x.status === 'failed' ? { ...x, status: 'done' } : undefined));
      return { ok: true, reminder: r! };
    },
    async logOutcome(actor: Actor, id: string, text: string): Promise<Lookup> {
      const found = await find(actor, id);
      if (!found.ok) return found;
      const r = await store.update(keyFor(actor, id), (x) => ({ ...x, outcomes: [...(x.outcomes ?? []), { at: clock.now().toISOString(), text }].slice(-20) }));
      return { ok: true, reminder: r! };
    },
  };
}
