import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import type { Clock } from '../../src/base/clock';
import type { Actor } from '../../src/base/incoming';
import type { DeliveryTarget, Outbox } from '../../src/base/outbox';
import { silentLogger } from '../../src/base/logger';
import { createReminders } from '../../src/remind/create-reminders';
import { createSweeper } from '../../src/remind/deliver-due-reminders';
import { loadReminderMessages } from '../../src/remind/load-reminder-messages';
import type { Reminder } from '../../src/remind/reminder-store';
import { createSealedStore } from '../../src/crypto/create-sealed-store';
import { describeWithBackend } from '../helpers/backends';
import { isolatedStoreUrl } from '../helpers/isolated-store';
import { TEST_CIPHER } from '../helpers/make-test-bot';
import { querySqlite } from '../helpers/query-sqlite';

// Reminders written by the release before the store's atomic operations (keyv namespaces
// sealed-reminders, reminder-due, reminder-owner, reminder-owner-all, reminder-meta) move into
// records, sets and the due queue when the reminder service first opens the store: every one is
// listed, the due ones are delivered once, and the old rows are gone.
//   SQLite: test/fixtures/release-reminders.sqlite, written by that release's own code
//           (test/fixtures/write-release-reminders.ts tells how);
//   PostgreSQL, Redis: the same reminders written here in that release's format.

const dir = mkdtempSync(join(tmpdir(), 'engage-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = join(__dirname, '..', 'fixtures', 'release-reminders.sqlite');
const OLD_NAMESPACES = ['sealed-reminders', 'reminder-due', 'reminder-owner', 'reminder-owner-all', 'reminder-meta'];
const WAITING = ['one-off: ask Acme', 'recurring: check the inbox', 'channel: post the asks', 'snoozed: chase Zebracorp'];
const messages = loadReminderMessages();

let now = Date.parse('2026-11-25T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };

/** The fixture's reminders, in that release's format (what write-release-reminders.ts makes its code write). */
async function writeReleaseFormat(storage: Storage, tenantId: string): Promise<void> {
  const owner: Actor = { platform: 'slack', tenantId, userId: 'U1', timeZone: 'UTC' };
  const dm: DeliveryTarget = { platform: 'slack', tenantId, userId: 'U1' };
  const base = { owner, target: dm, timeZone: 'UTC', kind: 'reminder' as const, createdAt: '2026-11-25T09:00:00.000Z', attempt: 0 };
  const at = (iso: string) => ({ dueAt: iso, nextTryAt: iso });
  const reminders: Reminder[] = [
    { ...base, id: 'old00001', text: WAITING[0]!, ...at('2026-11-25T10:00:00.000Z'), status: 'scheduled' },
    { ...base, id: 'old00002', text: WAITING[1]!, cron: '0 9 * * *', ...at('2026-11-26T09:00:00.000Z'), status: 'scheduled' },
    { ...base, id: 'old00003', text: WAITING[2]!, target: { platform: 'slack', tenantId, channelId: 'C1' }, targetName: 'policy-team', ...at('2026-11-25T10:30:00.000Z'), status: 'scheduled' },
    { ...base, id: 'old00004', text: WAITING[3]!, ...at('2026-11-25T12:00:00.000Z'), status: 'scheduled' },
    { ...base, id: 'old00005', text: 'cancelled: never mind', ...at('2026-11-25T11:00:00.000Z'), status: 'cancelled' },
  ];
  const sealed = createSealedStore<Reminder>(storage, TEST_CIPHER, 'reminders');
  for (const r of reminders) await sealed.set(`slack:${tenantId}`, r.id, r);
  const due = storage.namespace<string[]>('reminder-due');
  for (const r of reminders) await due.set(r.dueAt.slice(0, 16), [`slack:${tenantId}:${r.id}`]);
  await due.set('2026-11-25T09:30', [`slack:${tenantId}:old00004`]); // the snoozed one's first time, left behind
  await storage.namespace<string[]>('reminder-owner').set(`slack:${tenantId}:U1`, reminders.slice(0, 4).map((r) => r.id));
  await storage.namespace<string[]>('reminder-owner-all').set(`slack:${tenantId}:U1`, reminders.map((r) => r.id));
  await storage.namespace<number>('reminder-meta').set('cursor', Date.parse('2026-11-25T08:59:00Z'));
}

/** What is left under the old namespaces (keyv's own listing, on every backend). */
async function oldRows(storage: Storage): Promise<number> {
  let n = 0;
  for (const name of OLD_NAMESPACES) {
    const ns = storage.namespace<unknown>(name);
    for await (const _ of ns.iterator!(ns.namespace)) n++;
  }
  return n;
}

function expectations(tenantId: string, url: () => string, prepare: () => Promise<void>) {
  const owner: Actor = { platform: 'slack', tenantId, userId: 'U1', timeZone: 'UTC' };

  test('every reminder is listed, the due ones are delivered once, the old rows are gone', async () => {
    now = Date.parse('2026-11-25T09:00:00Z');
    await prepare();
    const [a, b] = [openStorage(url(), { clock }), openStorage(url(), { clock })];
    try {
      // Two instances start together: one moves the reminders, the other waits for it.
      const [bookA, bookB] = [a, b].map((s) => createReminders({ storage: s, clock, cipher: TEST_CIPHER, maxActivePerUser: 10 }));
      const [listedA, listedB] = await Promise.all([bookA!.listActive(owner), bookB!.listActive(owner)]);
      expect(listedA.map((r) => r.text).sort()).toEqual([...WAITING].sort());
      expect(listedB.map((r) => r.text).sort()).toEqual([...WAITING].sort());
      expect((await bookA!.personalData.export(owner) as Reminder[]).map((r) => r.status).sort()).toEqual(['cancelled', 'scheduled', 'scheduled', 'scheduled', 'scheduled']);
      expect(await bookA!.store.ownerIds(owner)).toHaveLength(4);
      expect(await bookA!.store.queued()).toBe(4);
      expect(await oldRows(a)).toBe(0);

      const sent: string[] = [];
      const outbox: Outbox = { async send(_t, reply) { sent.push(reply.text); return { ok: true, messageId: `m${sent.length}` }; } };
      const sweepers = [bookA!, bookB!].map((book) => createSweeper({ reminders: book, messages, clock, logger: silentLogger, outboxes: { slack: outbox } }));
      now = Date.parse('2026-11-25T12:01:00Z');
      await Promise.all(sweepers.map((s) => s.sweep()));
      await Promise.all(sweepers.map((s) => s.sweep()));
      expect(sent).toHaveLength(3);
      for (const text of [WAITING[0]!, WAITING[2]!, WAITING[3]!]) expect(sent.filter((t) => t.includes(text))).toHaveLength(1);
      expect((await bookA!.listActive(owner)).map((r) => r.text)).toEqual(['recurring: check the inbox']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // Started again: nothing is moved twice, nothing is lost.
    const again = openStorage(url(), { clock });
    try {
      const book = createReminders({ storage: again, clock, cipher: TEST_CIPHER, maxActivePerUser: 10 });
      expect((await book.listActive(owner)).map((r) => r.text)).toEqual(['recurring: check the inbox']);
      expect(await book.store.queued()).toBe(1);
      expect(await oldRows(again)).toBe(0);
    } finally {
      await again.close();
    }
  });
}

describe('SQLite file written by the previous release', () => {
  const file = join(dir, 'release.sqlite');
  expectations('TOLD', () => `sqlite://${file}`, async () => { copyFileSync(FIXTURE, file); });

  test('the fixture holds the previous release\'s rows and no new ones', async () => {
    const keys = (await querySqlite<{ key: string }>(FIXTURE, 'SELECT key FROM engage')).map((r) => r.key);
    expect(keys.filter((k) => k.startsWith('sealed-reminders:'))).toHaveLength(5);
    expect(await querySqlite(FIXTURE, "SELECT name FROM sqlite_master WHERE name = 'engage_records'")).toEqual([]);
  });
});

describe.each(['postgres', 'redis'])('%s store written in the previous release\'s format', (name) => describeWithBackend(name)('', () => {
  const url = isolatedStoreUrl(name);
  expectations('TOLD', () => url(), async () => {
    const s = openStorage(url(), { clock });
    try { await writeReleaseFormat(s, 'TOLD'); } finally { await s.close(); }
  });
}));
