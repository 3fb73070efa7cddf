import { mkdtempSync, rmSync } from 'node:fs';
import type { DataOperations } from '../../src/storage/store-operations';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import type { Clock } from '../../src/base/clock';
import type { Actor } from '../../src/base/incoming';
import type { DeliveryResult, DeliveryTarget, Outbox } from '../../src/base/outbox';
import type { Reply } from '../../src/base/reply';
import { silentLogger } from '../../src/base/logger';
import { createReminders, ReminderRefused } from '../../src/remind/create-reminders';
import { createSweeper } from '../../src/remind/deliver-due-reminders';
import { loadReminderMessages } from '../../src/remind/load-reminder-messages';
import { recordKey, REMINDER_QUEUE } from '../../src/remind/reminder-store';
import { describeWithBackend } from '../helpers/backends';
import { freshSqliteUrl, ISOLATED_BACKENDS, isolatedStoreUrl } from '../helpers/isolated-store';
import { TEST_CIPHER } from '../helpers/make-test-bot';
import { createSealedRecords } from '../../src/crypto/create-sealed-records';

// The Outbox is our own port: a recording double stands in for the platforms here.
function recordingOutbox(answer: (n: number) => DeliveryResult | Promise<DeliveryResult> = (n) => ({ ok: true, messageId: `m${n}` })) {
  const sent: { target: DeliveryTarget; reply: Reply }[] = [];
  const outbox: Outbox = { async send(target, reply) { sent.push({ target, reply }); return answer(sent.length); } };
  return { outbox, sent };
}

const messages = loadReminderMessages();
const MIN = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'engage-reminders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = `${process.pid}${Date.now().toString(36)}`;


describe.each(ISOLATED_BACKENDS)('reminder delivery on %s', (name) => describeWithBackend(name)('', () => {
  // The sweeper reads the store's whole due index: each backend gets a store of its own.
  const url = isolatedStoreUrl(name, freshSqliteUrl(dir, 'r'));
  let n = 0;
  // Each test gets its own tenant (keys and locks are tenant-scoped) and its own clock; the shared
  // due index and cursor are per store, so each test starts its clock in a fresh year-minute.
  const setup = (startIso: string) => {
    n += 1;
    let now = Date.parse(startIso) + n * 7 * 24 * 3600_000;
    const clock: Clock = { now: () => new Date(now) };
    const storages: Storage[] = [];
    const storeUrl = url(); // every handle of one test opens the same store (two "instances")
    const open = () => { const s = openStorage(storeUrl, { clock }); storages.push(s); return s; };
    const storage = open();
    const tenant = `T${name}${run}${n}`;
    const owner: Actor = { platform: 'slack', tenantId: tenant, userId: 'U1', timeZone: 'Africa/Nairobi' };
    const service = (s: Storage = storage, max = 200) => createReminders({ storage: s, clock, cipher: TEST_CIPHER, maxActivePerUser: max });
    const sweeper = (s: Storage, outbox: Outbox, extra: Partial<Parameters<typeof createSweeper>[0]> = {}) =>
      createSweeper({ reminders: service(s), messages, clock, logger: silentLogger, outboxes: { slack: outbox }, ...extra });
    return {
      clock, owner, storage, open, service, sweeper,
      advance: (ms: number) => { now += ms; },
      at: (ms: number) => new Date(now + ms),
      dm: { platform: 'slack' as const, tenantId: tenant, userId: 'U1' },
      close: () => Promise.all(storages.map((s) => s.close())),
    };
  };
  const maybe = (title: string, fn: () => Promise<void>) => test(title, fn);

  maybe('a reminder is sent once when due, with the platform message id recorded', async () => {
    const t = setup('2030-01-01T09:00:30Z');
    const book = t.service();
    const { id } = await book.create({ owner: t.owner, target: t.dm, text: 'ask Acme what came of it', dueAt: t.at(2 * MIN), timeZone: 'Africa/Nairobi' });
    const { outbox, sent } = recordingOutbox();
    const s = t.sweeper(t.storage, outbox);
    await s.sweep();
    expect(sent).toHaveLength(0); // not due yet
    t.advance(3 * MIN);
    await s.sweep();
    await s.sweep();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.target).toEqual(t.dm);
    expect(sent[0]!.reply.blocks.find((b) => b.type === 'text')).toEqual({ type: 'text', text: 'ask Acme what came of it' });
    const actions = sent[0]!.reply.blocks.find((b) => b.type === 'actions');
    expect(actions && actions.type === 'actions' && actions.buttons.map((b) => b.action)).toEqual(['remind.done', 'remind.snooze', 'remind.snooze', 'remind.snooze', 'remind.outcome']);
    const stored = await t.service().store.get(recordKey('slack', t.owner.tenantId, id));
    expect(stored?.status).toBe('sent');
    expect(stored?.lastSent).toMatchObject({ messageId: 'm1', late: false });
    expect(await book.listActive(t.owner)).toEqual([]);
    await t.close();
  });

  maybe('a cancel or a snooze pressed while the reminder is being sent wins over the delivery', async () => {
    const t = setup('2030-01-01T09:30:00Z');
    const book = t.service();
    const first = t.at(2 * MIN);
    const weekly = await book.create({ owner: t.owner, target: t.dm, text: 'daily check', dueAt: first, timeZone: 'UTC', cron: `${first.getUTCMinutes()} ${first.getUTCHours()} * * *` });
    const once = await book.create({ owner: t.owner, target: t.dm, text: 'one-off', dueAt: t.at(2 * MIN), timeZone: 'UTC' });
    const snoozedTo = t.at(3 * 24 * 60 * MIN);
    // The person acts while the platform is still answering the send.
    const { outbox, sent } = recordingOutbox(async (n) => {
      const text = sent[n - 1]!.reply.text;
      if (text.includes('daily check')) expect((await book.cancel(t.owner, weekly.id)).ok).toBe(true);
      else expect((await book.snooze(t.owner, once.id, snoozedTo)).ok).toBe(true);
      return { ok: true, messageId: `m${n}` };
    });
    t.advance(3 * MIN);
    await t.sweeper(t.storage, outbox).sweep();
    expect(sent).toHaveLength(2);
    const stored = (id: string) => book.store.get(recordKey('slack', t.owner.tenantId, id));
    expect((await stored(weekly.id))?.status).toBe('cancelled');
    expect(await stored(once.id)).toMatchObject({ status: 'scheduled', nextTryAt: snoozedTo.toISOString() });
    expect((await book.listActive(t.owner)).map((r) => r.id)).toEqual([once.id]);
    // A week on, the cancelled one stays silent; the snoozed one comes at its new time, once.
    t.advance(7 * 24 * 60 * MIN);
    const later = recordingOutbox();
    await t.sweeper(t.storage, later.outbox).sweep();
    expect(later.sent.map((m) => m.reply.text)).toEqual([expect.stringContaining('one-off')]);
    await t.close();
  });

  maybe('two services on one store: each occurrence is sent exactly once', async () => {
    const t = setup('2030-01-01T10:00:00Z');
    const other = t.open();
    const book = t.service();
    for (let i = 0; i < 20; i++) {
      await book.create({ owner: { ...t.owner, userId: `U${i}` }, target: { ...t.dm, userId: `U${i}` }, text: `follow up ${i}`, dueAt: t.at((1 + (i % 3)) * MIN), timeZone: 'UTC' });
    }
    const a = recordingOutbox();
    const b = recordingOutbox();
    const sa = t.sweeper(t.storage, a.outbox);
    const sb = t.sweeper(other, b.outbox);
    for (let minute = 0; minute < 4; minute++) {
      t.advance(MIN);
      await Promise.all([sa.sweep(), sb.sweep(), sa.sweep()]);
    }
    const texts = [...a.sent, ...b.sent].map((s) => s.reply.blocks.find((x) => x.type === 'text')).map((x) => (x as { text: string }).text);
    expect(texts.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `follow up ${i}`).sort());
    await t.close();
  });

  maybe('many reminders of one person due in the same minute: each sent once, none left waiting, the minute emptied', async () => {
    // The sweeper delivers a minute's entries several at a time; their edits of the person's list
    // and of the due queue must not overwrite each other.
    const t = setup('2030-01-01T10:30:00Z');
    const book = t.service();
    // What earlier tests left due in this store's queue goes first, so only these 40 are due below.
    await t.sweeper(t.storage, recordingOutbox().outbox).sweep();
    const before = await book.store.queued();
    for (let i = 0; i < 40; i++) await book.create({ owner: t.owner, target: t.dm, text: `ask ${i}`, dueAt: t.at(MIN + 1000 + i * 1000), timeZone: 'UTC' });
    expect(await book.store.queued()).toBe(before + 40);
    const rec = recordingOutbox();
    t.advance(3 * MIN);
    const report = await t.sweeper(t.storage, rec.outbox, { concurrency: 8 }).sweep();
    expect(report.sent).toBe(40);
    const texts = rec.sent.map((s) => (s.reply.blocks.find((x) => x.type === 'text') as { text: string }).text);
    expect(texts.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `ask ${i}`).sort());
    expect(await book.store.ownerIds(t.owner)).toEqual([]);
    expect(await book.store.queued()).toBe(before);
    await t.close();
  });

  maybe('a process that dies after claiming but before sending: delivered after the claim expires, once', async () => {
    // Redis expires claims on its own (real) clock, the SQL stores on the injected one: on Redis the
    // claim is short and the test waits for it in real time.
    const ttl = name === 'redis' ? 2_000 : 5 * MIN;
    const t = setup('2030-01-01T11:00:00Z');
    const book = t.service();
    await book.create({ owner: t.owner, target: t.dm, text: 'chase', dueAt: t.at(MIN), timeZone: 'UTC' });
    t.advance(2 * MIN);
    // The "crashed" instance: its send never returns (the process is gone mid-delivery).
    let sending!: () => void;
    const reachedSend = new Promise<void>((resolve) => { sending = resolve; });
    const stuck: Outbox = { send: () => { sending(); return new Promise<DeliveryResult>(() => undefined); } };
    const dying = t.sweeper(t.open(), stuck, { claimTtlMs: ttl, sendTimeoutMs: 60 * MIN });
    void dying.sweep();
    await reachedSend;
    const rec = recordingOutbox();
    const survivor = t.sweeper(t.storage, rec.outbox, { claimTtlMs: ttl });
    await survivor.sweep();
    expect(rec.sent).toHaveLength(0); // still claimed by the dead instance
    t.advance(6 * MIN);
    if (name === 'redis') await new Promise((r) => setTimeout(r, ttl + 100));
    await survivor.sweep();
    await survivor.sweep();
    expect(rec.sent).toHaveLength(1);
    expect(rec.sent[0]!.reply.blocks.some((b) => b.type === 'context' && /offline/.test(b.text))).toBe(true); // marked late
    await t.close();
  });

  maybe('retryable failures are retried with backoff honouring Retry-After; then sent', async () => {
    const t = setup('2030-01-01T12:00:00Z');
    const book = t.service();
    const { id } = await book.create({ owner: t.owner, target: t.dm, text: 'retry me', dueAt: t.at(MIN), timeZone: 'UTC' });
    const answers: DeliveryResult[] = [{ ok: false, permanent: false, reason: 'ratelimited', retryAfterMs: 10 * MIN }, { ok: false, permanent: false, reason: 'http_503' }];
    const rec = recordingOutbox((k) => answers[k - 1] ?? { ok: true, messageId: 'final' });
    const s = t.sweeper(t.storage, rec.outbox);
    t.advance(2 * MIN);
    await s.sweep();
    expect(rec.sent).toHaveLength(1);
    t.advance(9 * MIN);
    await s.sweep();
    expect(rec.sent).toHaveLength(1); // Retry-After (10 minutes) not over yet
    t.advance(2 * MIN);
    await s.sweep();
    expect(rec.sent).toHaveLength(2); // second attempt: 503, backoff 60 s
    t.advance(2 * MIN);
    await s.sweep();
    expect(rec.sent).toHaveLength(3);
    const stored = await t.service().store.get(recordKey('slack', t.owner.tenantId, id));
    expect(stored).toMatchObject({ status: 'sent', lastSent: { messageId: 'final' } });
    await t.close();
  });

  maybe('a permanent failure of a channel reminder is marked failed and the owner is told by DM', async () => {
    const t = setup('2030-01-01T13:00:00Z');
    const book = t.service();
    const { id } = await book.create({ owner: t.owner, target: { platform: 'slack', tenantId: t.owner.tenantId, channelId: 'C9' }, targetName: 'policy-team', text: 'send asks', dueAt: t.at(MIN), timeZone: 'UTC' });
    const rec = recordingOutbox((k) => (k === 1 ? { ok: false, permanent: true, reason: 'channel_not_found' } : { ok: true, messageId: 'dm' }));
    t.advance(2 * MIN);
    await t.sweeper(t.storage, rec.outbox).sweep();
    expect(rec.sent.map((s) => s.target)).toEqual([{ platform: 'slack', tenantId: t.owner.tenantId, channelId: 'C9' }, { platform: 'slack', tenantId: t.owner.tenantId, userId: 'U1' }]);
    expect(rec.sent[1]!.reply.text).toMatch(/#policy-team/);
    const stored = await t.service().store.get(recordKey('slack', t.owner.tenantId, id));
    expect(stored).toMatchObject({ status: 'failed', failure: 'channel_not_found' });
    await t.close();
  });

  maybe('recurring: each occurrence once, then the next is scheduled; reminders due while down go out once, late', async () => {
    const t = setup('2030-01-01T14:00:00Z');
    const book = t.service();
    const start = t.clock.now();
    const { dueAt } = await book.create({ owner: t.owner, target: t.dm, text: 'daily check', dueAt: start, cron: `${start.getUTCMinutes() + 1 > 59 ? 0 : start.getUTCMinutes() + 1} * * * *`.replace(' * * * *', ` ${start.getUTCHours()} * * *`), timeZone: 'UTC' });
    expect(dueAt.getTime()).toBe(start.getTime() + MIN);
    const rec = recordingOutbox();
    // Down for three days: one late delivery, not three.
    t.advance(3 * 24 * 60 * MIN);
    const s = t.sweeper(t.storage, rec.outbox);
    await s.sweep();
    await s.sweep();
    expect(rec.sent).toHaveLength(1);
    expect(rec.sent[0]!.reply.blocks.some((b) => b.type === 'context' && /offline/.test(b.text))).toBe(true);
    const [active] = await book.listActive(t.owner);
    expect(new Date(active!.dueAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    await t.close();
  });

  maybe('refuses past times, other tenants, and more than the per-person limit', async () => {
    const t = setup('2030-01-01T15:00:00Z');
    const book = t.service(t.storage, 2);
    await expect(book.create({ owner: t.owner, target: t.dm, text: 'x', dueAt: t.at(-MIN), timeZone: 'UTC' })).rejects.toEqual(new ReminderRefused('past'));
    await expect(book.create({ owner: t.owner, target: { ...t.dm, tenantId: 'OTHER' }, text: 'x', dueAt: t.at(MIN), timeZone: 'UTC' })).rejects.toEqual(new ReminderRefused('badTarget'));
    await book.create({ owner: t.owner, target: t.dm, text: 'one', dueAt: t.at(MIN), timeZone: 'UTC' });
    const { id } = await book.create({ owner: t.owner, target: t.dm, text: 'two', dueAt: t.at(MIN), timeZone: 'UTC' });
    await expect(book.create({ owner: t.owner, target: t.dm, text: 'three', dueAt: t.at(MIN), timeZone: 'UTC' })).rejects.toEqual(new ReminderRefused('limit'));
    // Someone else in the workspace, and the same id from another workspace, get nothing.
    expect(await book.cancel({ ...t.owner, userId: 'U2' }, id)).toEqual({ ok: false, why: 'notYours' });
    expect(await book.cancel({ ...t.owner, tenantId: 'OTHER' }, id)).toEqual({ ok: false, why: 'notFound' });
    expect(await book.listActive({ ...t.owner, userId: 'U2' })).toEqual([]);
    expect((await book.cancel(t.owner, id)).ok).toBe(true);
    expect((await book.listActive(t.owner)).map((r) => r.text)).toEqual(['one']);
    await t.close();
  });
}));

test('per-tick cost: 10,000 reminders not yet due — a tick asks the due queue once', async () => {
  let now = Date.parse('2031-05-01T08:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const storage = openStorage(`sqlite://${join(dir, 'cost.sqlite')}`, { clock });
  const book = createReminders({ storage, clock, cipher: TEST_CIPHER, maxActivePerUser: 100_000 });
  // Fill the store directly (the public create path is exercised above; here only the volume matters).
  const records = createSealedRecords<any>(storage.records, TEST_CIPHER, 'reminders');
  const owner: Actor = { platform: 'slack', tenantId: 'TCOST', userId: 'U1' };
  for (let i = 0; i < 10_000; i++) {
    const id = `c${i.toString(36).padStart(7, '0')}`;
    const dueAt = new Date(now + (10 + (i % 5000)) * MIN).toISOString();
    await records.put('slack:TCOST', id, { id, owner, target: { platform: 'slack', tenantId: 'TCOST', userId: 'U1' }, text: `r${i}`, timeZone: 'UTC', kind: 'reminder', createdAt: dueAt, dueAt, nextTryAt: dueAt, status: 'scheduled', attempt: 0 }, undefined);
    await storage.queue.schedule(REMINDER_QUEUE, recordKey('slack', 'TCOST', id), Date.parse(dueAt));
  }
  const { id: dueId } = await book.create({ owner, target: { platform: 'slack', tenantId: 'TCOST', userId: 'U1' }, text: 'the due one', dueAt: new Date(now + MIN), timeZone: 'UTC' });

  // Count every read through the storage the sweeper uses; listing keys would be a scan.
  let reads = 0;
  const counted = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A) => { reads++; return fn(...a); };
  const scan = () => { throw new Error('a tick must not scan the store'); };
  // Both the durable operations and the relaxed ones the sweeper's bookkeeping uses.
  const countingData = (d: DataOperations): DataOperations => ({
    records: { ...d.records, get: counted(d.records.get), keys: scan },
    sets: { ...d.sets, members: counted(d.sets.members), keys: scan },
    queue: { ...d.queue, take: counted(d.queue.take) },
  });
  const counting: Storage = {
    ...storage,
    ...countingData(storage),
    relaxed: countingData(storage.relaxed),
    namespace<T>(ns: string) {
      const k = storage.namespace<T>(ns);
      const get = k.get.bind(k);
      (k as any).get = (...args: unknown[]) => { reads++; return (get as any)(...args); };
      (k as any).iterator = scan;
      return k;
    },
  };
  const sent: string[] = [];
  const sweeper = createSweeper({
    reminders: createReminders({ storage: counting, clock, cipher: TEST_CIPHER, maxActivePerUser: 100_000 }), messages, clock, logger: silentLogger,
    outboxes: { slack: { send: async (_t, reply) => { sent.push(reply.text); return { ok: true, messageId: 'x' }; } } },
  });
  now += 2 * MIN;
  reads = 0;
  const report = await sweeper.sweep();
  expect(sent).toEqual(['Reminder: the due one']);
  expect(report.batches).toBe(1);
  // The migration marker, the take, the due reminder read, re-read under its claim and updated (a few gets).
  expect(reads).toBeLessThanOrEqual(12);
  now += MIN;
  reads = 0;
  const idle = await sweeper.sweep();
  expect(idle.batches).toBe(0);
  expect(reads).toBe(1); // nothing due: one question to the queue
  expect(await storage.queue.size(REMINDER_QUEUE)).toBe(10_000);
  expect(dueId).toBeTruthy();
  await storage.close();
}, 120_000);
