import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { DeliveryResult, DeliveryTarget, Outbox } from '../base/outbox';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import type { ReminderBook } from './create-reminder-service';
import type { ReminderMessages } from './load-reminder-messages';
import { nextCronOccurrence } from './next-cron-occurrence';
import { ACTIVE, bucketOf, keyOf, type Reminder } from './reminder-store';
import { renderDelivery, whoWords } from './render-reminder';

// One sweep: read the due-index minutes from the cursor up to now (normally two: the last minute is
// read again in case a write raced the previous sweep), and deliver each entry exactly once:
//   claim the occurrence (atomic, on the backend's own connection; a crashed holder's claim expires
//   and the occurrence is delivered again) -> mark it `sending` -> send -> record `sent` with the
//   platform's message id, or retry later (429/5xx/network), or mark it `failed` (permanent).
// The one window where a reminder can arrive twice: the platform accepted it but the process died
// before `sent` was stored; after the claim expires it is sent again.

export interface SweepOptions {
  book: ReminderBook;
  messages: ReminderMessages;
  clock: Clock;
  logger: Logger;
  outboxes: Partial<Record<DeliveryTarget['platform'], Outbox>>;
  /** How long a claimed occurrence is held before another instance may redeliver it. */
  claimTtlMs?: number;
  maxAttempts?: number;
  /** Later than this after its time, a delivery says it is late (the bot was down). */
  lateAfterMs?: number;
  /** How long to wait for a platform before calling it a (retryable) failure. */
  sendTimeoutMs?: number;
  /** Entries of one minute delivered at the same time (default 4). Each one in flight when a
   *  process dies may be sent again (the platform answered, the store never heard): 4 keeps that
   *  window small and still delivers 10,000 in about 26 s on SQLite (16 was no faster there).
   *  Platforms rate-limit per workspace; their "retry after" answers are honoured. */
  concurrency?: number;
  /** Renders a delivery; another feature (debrief invitations) can render its own kinds.
   *  `undefined`: nothing to say any more (e.g. the invitee already answered); it is settled unsent. */
  render?: (r: Reminder, late: boolean) => Reply | undefined | Promise<Reply | undefined>;
}

const MINUTE = 60_000;
/** Settled entries removed from a minute's index in one write. */
const REMOVE_BATCH = 500;
export const backoffMs = (attempt: number) => Math.min(60 * MINUTE, 30_000 * 2 ** (attempt - 1));

export interface SweepReport { bucketsRead: number; sent: number; retried: number; failed: number; skipped: number }

export function createSweeper(o: SweepOptions) {
  const { book, clock, logger } = o;
  const store = book.store;
  const claimTtlMs = o.claimTtlMs ?? 5 * MINUTE;
  const maxAttempts = o.maxAttempts ?? 6;
  const lateAfterMs = o.lateAfterMs ?? 2 * MINUTE;
  const sendTimeoutMs = o.sendTimeoutMs ?? 30_000;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const render = o.render ?? ((r: Reminder, late: boolean) => renderDelivery(o.messages, r, late, clock.now()));

  async function send(target: DeliveryTarget, reply: Reply): Promise<DeliveryResult> {
    const outbox = o.outboxes[target.platform];
    if (!outbox) return { ok: false, permanent: false, reason: 'no_outbox' };
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        outbox.send(target, reply),
        new Promise<DeliveryResult>((resolve) => { timer = setTimeout(() => resolve({ ok: false, permanent: false, reason: 'timeout' }), sendTimeoutMs); timer.unref(); }),
      ]);
    } catch (err) {
      return { ok: false, permanent: false, reason: (err as Error)?.name ?? 'error' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** true: the entry is settled and leaves this bucket; false: someone holds it, look again later. */
  async function deliverOne(key: string, bucket: number, report: SweepReport): Promise<boolean> {
    const stale = (r: Reminder | undefined) => !r || !ACTIVE.has(r.status) || bucketOf(r.nextTryAt) !== bucket;
    const first = await store.get(key);
    if (stale(first)) { report.skipped++; return true; }
    const occurrence = `reminder:${key}:${first!.dueAt}:${first!.attempt}`;
    if (!(await store.claim(occurrence, claimTtlMs))) return false;
    // Re-read under the claim: another instance may have finished this occurrence meanwhile.
    const now = clock.now();
    const claimed = await store.update(key, (r) => (stale(r) || r.dueAt !== first!.dueAt || r.attempt !== first!.attempt ? undefined : { ...r, status: 'sending' }));
    if (!claimed || claimed.status !== 'sending' || claimed.dueAt !== first!.dueAt || claimed.attempt !== first!.attempt) { report.skipped++; return true; }
    const late = now.getTime() - new Date(claimed.dueAt).getTime() > lateAfterMs;
    const reply = await render(claimed, late);
    if (!reply) {
      await store.update(key, (r) => ({ ...r, status: 'done' }));
      await store.removeFromOwner(claimed.owner, claimed.id);
      report.skipped++;
      return true;
    }
    const result = await send(claimed.target, reply);
    const sentAt = clock.now();

    if (result.ok) {
      report.sent++;
      const lastSent = { dueAt: claimed.dueAt, at: sentAt.toISOString(), messageId: result.messageId, late };
      const next = claimed.cron ? nextCronOccurrence(claimed.cron, claimed.timeZone, new Date(Math.max(new Date(claimed.dueAt).getTime(), sentAt.getTime()))) : undefined;
      if (next) {
        // Index the next occurrence before the record points at it: never a record without an entry.
        await store.addToBucket(bucketOf(next), key);
        await store.update(key, (r) => ({ ...r, status: 'scheduled', dueAt: next.toISOString(), nextTryAt: next.toISOString(), attempt: 0, lastSent }));
      } else {
        await store.update(key, (r) => ({ ...r, status: 'sent', lastSent }));
        await store.removeFromOwner(claimed.owner, claimed.id);
      }
      logger.info({ event: 'reminder.sent', id: claimed.id, kind: claimed.kind, platform: claimed.target.platform, late, attempt: claimed.attempt + 1 }, 'reminder delivered');
      return true;
    }

    const attempt = claimed.attempt + 1;
    if (!result.permanent && attempt < maxAttempts) {
      report.retried++;
      const retryAt = new Date(sentAt.getTime() + Math.max(result.retryAfterMs ?? 0, backoffMs(attempt)));
      await store.addToBucket(bucketOf(retryAt), key);
      await store.update(key, (r) => ({ ...r, status: 'scheduled', attempt, nextTryAt: retryAt.toISOString(), failure: result.reason.slice(0, 100) }));
      logger.warn({ event: 'reminder.retry', id: claimed.id, platform: claimed.target.platform, reason: result.reason.slice(0, 100), attempt, retryAt: retryAt.toISOString() }, 'reminder delivery will be retried');
      return true;
    }

    report.failed++;
    await store.update(key, (r) => ({ ...r, status: 'failed', attempt, failure: result.reason.slice(0, 100) }));
    await store.removeFromOwner(claimed.owner, claimed.id);
    logger.warn({ event: 'reminder.failed', id: claimed.id, platform: claimed.target.platform, reason: result.reason.slice(0, 100), attempt, permanent: result.permanent }, 'reminder delivery failed');
    // Tell the owner where we can: a channel reminder failed, their direct messages may still work.
    if (claimed.target.channelId) {
      const notice = fillTemplate(o.messages.delivery.failedNotice, { what: claimed.text, who: whoWords(o.messages, claimed) });
      await send({ platform: claimed.owner.platform, tenantId: claimed.owner.tenantId, userId: claimed.owner.userId }, textReply(notice));
    }
    return true;
  }

  return {
    /** Delivers everything due at the clock's now. Safe to run on several instances at once. */
    async sweep(): Promise<SweepReport> {
      const report: SweepReport = { bucketsRead: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
      const current = Math.floor(clock.now().getTime() / MINUTE) * MINUTE;
      const cursor = (await store.getCursor()) ?? current - MINUTE;
      let firstUnsettled: number | undefined;
      for (let bucket = Math.min(cursor, current - MINUTE); bucket <= current; bucket += MINUTE) {
        report.bucketsRead++;
        const keys = await store.readBucket(bucket);
        if (!keys?.length) continue;
        // Entries are independent (each has its own claim and record lock), so a few go at once:
        // one after another, 10,000 due in the same minute took minutes (bench/bench-reminders.ts).
        // Settled entries leave the bucket in batches; after a crash the ones not yet removed are
        // read again and skipped as stale (their record is no longer due in this minute).
        for (let start = 0; start < keys.length; start += REMOVE_BATCH) {
          const batch = keys.slice(start, start + REMOVE_BATCH);
          const settled: string[] = [];
          await forEachLimited(batch, concurrency, async (key) => {
            const ok = await deliverOne(key, bucket, report).catch((err) => {
              logger.error({ event: 'reminder.sweep-error', error: (err as Error)?.name ?? 'Error' }, 'reminder delivery step failed');
              return false;
            });
            if (ok) settled.push(key);
            else firstUnsettled ??= bucket;
          });
          if (settled.length) await store.removeFromBucket(bucket, settled);
        }
      }
      // The next sweep starts here, or one minute back if that is earlier (a write racing this sweep).
      await store.setCursor(firstUnsettled ?? current);
      return report;
    },
  };
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < items.length) await fn(items[next++]!); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
