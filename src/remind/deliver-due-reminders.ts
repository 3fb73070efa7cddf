import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { DeliveryResult, DeliveryTarget, Outbox } from '../base/outbox';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import type { Reminders } from './create-reminders';
import type { ReminderMessages } from './load-reminder-messages';
import { isLang, type Lang } from '../base/language';
import { nextCronOccurrence } from './next-cron-occurrence';
import { ACTIVE, keyOf, type Reminder } from './reminder-store';
import { renderDelivery, whoWords } from './render-reminder';

// One sweep: take the due reminders from the store's due queue (leased to this sweeper, so another
// instance sweeping at the same time skips them) and deliver each exactly once:
//   claim the occurrence (atomic, on the backend's own connection; a crashed holder's claim expires
//   and the occurrence is delivered again) -> mark it `sending` -> send -> record `sent` with the
//   platform's message id, or retry later (429/5xx/network), or mark it `failed` (permanent).
// What a sweep took and could not finish (a crash, a store error) comes due again when its lease
// ends, which is when its occurrence's claim ends too.
// The one window where a reminder can arrive twice: the platform accepted it but the process died
// before `sent` was stored; after the claim expires it is sent again.

export interface SweepOptions {
  reminders: Reminders;
  messages: ReminderMessages;
  /** The same words in the language each reminder was set in (a failure notice is in it); default `messages`. */
  messagesIn?: (lang: Lang) => ReminderMessages;
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
  /** Reminders delivered at the same time (default 4). Each one in flight when a process dies may
   *  be sent again (the platform answered, the store never heard): a few keep that window small
   *  (bench/bench-reminders.ts measures the sweep). Platforms rate-limit per workspace; their
   *  "retry after" answers are honoured. */
  concurrency?: number;
  /** Renders a delivery; another feature (debrief invitations) can render its own kinds.
   *  `undefined`: nothing to say any more (e.g. the invitee already answered); it is settled unsent. */
  render?: (r: Reminder, late: boolean) => Reply | undefined | Promise<Reply | undefined>;
}

const MINUTE = 60_000;
/** Due reminders taken from the queue at a time: small enough that a batch is delivered well
 *  within its lease, so another instance does not take them again meanwhile. */
const TAKE_BATCH = 200;
export const backoffMs = (attempt: number) => Math.min(60 * MINUTE, 30_000 * 2 ** (attempt - 1));

export interface SweepReport { batches: number; sent: number; retried: number; failed: number; skipped: number }

export function createSweeper(o: SweepOptions) {
  const { reminders, clock, logger } = o;
  // Delivery bookkeeping: a power cut that undoes it at worst sends a reminder again (see StoreOperations.relaxed).
  const store = reminders.store.relaxed;
  const claimTtlMs = o.claimTtlMs ?? 5 * MINUTE;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const render = o.render ?? ((r: Reminder, late: boolean) => renderDelivery(o.messages, r, late, clock.now()));
  const lateAfterMs = o.lateAfterMs ?? 2 * MINUTE;
  const send = (target: DeliveryTarget, reply: Reply) => sendWithin(o.outboxes, target, reply, o.sendTimeoutMs ?? 30_000);
  const settle = settleDelivery(o, send);

  /** The queue entry follows the record: gone when it is finished, at its time when it waits. */
  async function follow(key: string, r: Reminder | undefined, report: SweepReport) {
    report.skipped++;
    if (r && ACTIVE.has(r.status)) await store.schedule(key, r.nextTryAt);
    else await store.unschedule(key);
  }

  async function deliverOne(key: string, report: SweepReport): Promise<void> {
    const first = await store.get(key);
    if (!first || !ACTIVE.has(first.status) || Date.parse(first.nextTryAt) > clock.now().getTime()) return follow(key, first, report);
    const occurrence = `reminder:${key}:${first.dueAt}:${first.attempt}`;
    // Held by another instance: its entry comes back when the lease ends, and is then settled.
    if (!(await store.claim(occurrence, claimTtlMs))) return;
    // Re-read under the claim: another instance may have finished this occurrence meanwhile.
    const now = clock.now();
    const same = (r: Reminder) => ACTIVE.has(r.status) && r.dueAt === first.dueAt && r.attempt === first.attempt;
    const claimed = await store.update(key, (r) => (same(r) ? { ...r, status: 'sending' } : undefined));
    if (!claimed || claimed.status !== 'sending' || !same(claimed)) return follow(key, claimed, report);
    const late = now.getTime() - new Date(claimed.dueAt).getTime() > lateAfterMs;
    const reply = await render(claimed, late);
    if (!reply) {
      await store.update(key, (r) => ({ ...r, status: 'done' }));
      await store.removeFromOwner(claimed.owner, claimed.id);
      await store.unschedule(key);
      report.skipped++;
      return;
    }
    await settle(claimed, late, await send(claimed.target, reply), report);
  }

  return {
    /** Delivers everything due at the clock's now. Safe to run on several instances at once. */
    async sweep(): Promise<SweepReport> {
      const report: SweepReport = { batches: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
      for (;;) {
        const keys = await store.takeDue(clock.now().getTime(), TAKE_BATCH, claimTtlMs);
        if (keys.length) report.batches++;
        // Reminders are independent (each has its own claim and record version), so a few go at once.
        await forEachLimited(keys, concurrency, (key) => deliverOne(key, report).catch((err) => {
          logger.error({ event: 'reminder.sweep-error', error: (err as Error)?.name ?? 'Error' }, 'reminder delivery step failed');
        }));
        if (keys.length < TAKE_BATCH) return report;
      }
    },
  };
}

/** Records what a send did: delivered (and the next occurrence scheduled), retried later, or failed. */
function settleDelivery(o: SweepOptions, send: (target: DeliveryTarget, reply: Reply) => Promise<DeliveryResult>) {
  const { clock, logger } = o;
  const store = o.reminders.store.relaxed;
  const maxAttempts = o.maxAttempts ?? 6;
  return async (claimed: Reminder, late: boolean, result: DeliveryResult, report: SweepReport) => {
    const key = keyOf(claimed);
    const sentAt = clock.now();
    // Only the occurrence this sweep claimed is settled: a cancel, snooze or done the person pressed
    // while it was being sent wins, and the queue follows the record as it now is.
    const settle = async (change: (r: Reminder) => Reminder): Promise<boolean> => {
      let applied = false;
      await store.update(key, (r) => {
        applied = r.status === 'sending' && r.dueAt === claimed.dueAt && r.attempt === claimed.attempt;
        return applied ? change(r) : undefined;
      });
      if (!applied) await store.unschedule(key);
      return applied;
    };
    if (result.ok) {
      report.sent++;
      const lastSent = { dueAt: claimed.dueAt, at: sentAt.toISOString(), messageId: result.messageId, late };
      const next = claimed.cron ? nextCronOccurrence(claimed.cron, claimed.timeZone, new Date(Math.max(new Date(claimed.dueAt).getTime(), sentAt.getTime()))) : undefined;
      if (next) {
        // Queue the next occurrence before the record points at it: never a record without an entry.
        await store.schedule(key, next);
        await settle((r) => ({ ...r, status: 'scheduled', dueAt: next.toISOString(), nextTryAt: next.toISOString(), attempt: 0, lastSent }));
      } else if (await settle((r) => ({ ...r, status: 'sent', lastSent }))) {
        await store.removeFromOwner(claimed.owner, claimed.id);
        await store.unschedule(key);
      }
      logger.info({ event: 'reminder.sent', id: claimed.id, kind: claimed.kind, platform: claimed.target.platform, late, attempt: claimed.attempt + 1 }, 'reminder delivered');
      return;
    }
    const attempt = claimed.attempt + 1;
    if (!result.permanent && attempt < maxAttempts) {
      report.retried++;
      const retryAt = new Date(sentAt.getTime() + Math.max(result.retryAfterMs ?? 0, backoffMs(attempt)));
      await store.schedule(key, retryAt);
      await settle((r) => ({ ...r, status: 'scheduled', attempt, nextTryAt: retryAt.toISOString(), failure: result.reason.slice(0, 100) }));
      logger.warn({ event: 'reminder.retry', id: claimed.id, platform: claimed.target.platform, reason: result.reason.slice(0, 100), attempt, retryAt: retryAt.toISOString() }, 'reminder delivery will be retried');
      return;
    }
    report.failed++;
    if (await settle((r) => ({ ...r, status: 'failed', attempt, failure: result.reason.slice(0, 100) }))) {
      await store.removeFromOwner(claimed.owner, claimed.id);
      await store.unschedule(key);
    }
    logger.warn({ event: 'reminder.failed', id: claimed.id, platform: claimed.target.platform, reason: result.reason.slice(0, 100), attempt, permanent: result.permanent }, 'reminder delivery failed');
    // Tell the owner where we can: a channel reminder failed, their direct messages may still work.
    if (claimed.target.channelId) {
      const lang = isLang(claimed.lang) ? claimed.lang : 'en';
      const m = o.messagesIn?.(lang) ?? o.messages;
      const notice = fillTemplate(m.delivery.failedNotice, { what: claimed.text, who: whoWords(m, claimed) });
      await send({ platform: claimed.owner.platform, tenantId: claimed.owner.tenantId, userId: claimed.owner.userId }, { ...textReply(notice), lang });
    }
  };
}

/** Sends through the platform's outbox; no answer within `timeoutMs` is a retryable failure. */
async function sendWithin(outboxes: SweepOptions['outboxes'], target: DeliveryTarget, reply: Reply, timeoutMs: number): Promise<DeliveryResult> {
  const outbox = outboxes[target.platform];
  if (!outbox) return { ok: false, permanent: false, reason: 'no_outbox' };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      outbox.send(target, reply),
      new Promise<DeliveryResult>((resolve) => { timer = setTimeout(() => resolve({ ok: false, permanent: false, reason: 'timeout' }), timeoutMs); timer.unref(); }),
    ]);
  } catch (err) {
    return { ok: false, permanent: false, reason: (err as Error)?.name ?? 'error' };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < items.length) await fn(items[next++]!); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
