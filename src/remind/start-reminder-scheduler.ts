import { createTask, type RunCoordinator } from 'node-cron';
import type { Logger } from '../base/logger';
import type { Claims } from '../storage/store-operations';
import type { SweepReport } from './deliver-due-reminders';

export interface ReminderScheduler { stop(): Promise<void> }

export interface SchedulerOptions {
  sweep: () => Promise<SweepReport>;
  logger: Logger;
  /** The shared store's atomic claims: the sweeper lease lives there. */
  claims: Claims;
  /** This process, as the lease's owner. */
  instanceId: string;
  /** When to sweep (REMINDER_SWEEP_CRON); default the top of every minute. */
  cron?: string;
}

export const DEFAULT_SWEEP_CRON = '* * * * *';
const LEASE_KEY = 'scheduler:engage-reminders';

/**
 * How long the sweeper lease lasts: one interval plus a margin, so the holder keeps it from tick to
 * tick (each tick renews it) and a dead holder is replaced at most about one interval later.
 */
export function leaseFor(intervalMs: number): number {
  return intervalMs + Math.min(15_000, Math.max(5_000, intervalMs));
}

/**
 * Sweeps once at start (reminders that fell due while the bot was down go out now, marked late),
 * then on every tick of `cron`. With several instances on one store, node-cron's distributed mode
 * asks our coordinator before each tick: the instance holding the sweeper lease (an atomic claim
 * with an owner) sweeps, the others stand by; when the holder dies its lease expires and the next
 * tick elects another. The lease only saves work: every occurrence is still claimed before it is
 * sent, which is what makes delivery exactly-once even when two sweeps overlap.
 */
export function startReminderScheduler({ sweep, logger, claims, instanceId, cron = DEFAULT_SWEEP_CRON }: SchedulerOptions): ReminderScheduler {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;
  const run = () => {
    if (busy) return; // the previous sweep is still going; it owns the lease and continues
    if (stopped) return; // stopping: storage is about to close under it
    busy = true;
    running = sweep()
      .then((r) => { if (r.sent || r.retried || r.failed) logger.info({ event: 'reminder.sweep', ...r }, 'reminders swept'); })
      .catch((err) => logger.error({ event: 'reminder.sweep-failed', error: (err as Error)?.name ?? 'Error' }, 'reminder sweep failed'))
      .finally(() => { busy = false; });
  };

  let leaseMs = 0;
  // node-cron hands us a per-slot key; we keep one lease across slots instead, so the same instance
  // sweeps tick after tick (no new row per minute) and renews it even while a long sweep runs.
  const coordinator: RunCoordinator = {
    shouldRun: () => claims.claim(LEASE_KEY, leaseMs, instanceId),
  };
  const task = createTask(cron, () => run(), {
    name: 'engage-reminders',
    distributed: true,
    runCoordinator: coordinator,
    // node-cron logs through console otherwise; ours keeps JSON and carries no content.
    logger: {
      info: () => undefined,
      debug: () => undefined,
      warn: (message) => logger.warn({ event: 'reminder.scheduler' }, message),
      error: (message, err) => logger.error({ event: 'reminder.scheduler-error', error: (err ?? (message as Error))?.name ?? 'Error' }, typeof message === 'string' ? message : 'scheduler error'),
    },
  });
  const [a, b, c] = task.getNextRuns(3).map((d) => d.getTime());
  leaseMs = leaseFor(Math.max(b! - a!, c! - b!));
  void task.start();
  const first = claims.claim(LEASE_KEY, leaseMs, instanceId).then(
    (won) => { if (won) run(); },
    (err) => logger.error({ event: 'reminder.lease-failed', error: (err as Error)?.name ?? 'Error' }, 'could not take the sweeper lease'),
  );
  return {
    async stop() {
      stopped = true;
      await task.destroy();
      await first; // stopped right after start: the first lease claim is still out
      await running; // let an in-flight delivery record its outcome before storage closes
      // Hand the lease over now rather than when it expires: another instance sweeps at its next tick.
      await claims.release(LEASE_KEY, instanceId).catch(() => undefined);
    },
  };
}
