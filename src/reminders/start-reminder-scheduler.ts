import { createTask } from 'node-cron';
import type { Logger } from '../core/logger';
import type { SweepReport } from './deliver-due-reminders';

export interface ReminderScheduler { stop(): Promise<void> }

/**
 * Sweeps once at start (reminders that fell due while the bot was down go out now, marked late),
 * then at the top of every minute. One sweep at a time per process; several processes are safe
 * because every occurrence is claimed before it is sent.
 */
export function startReminderScheduler(sweep: () => Promise<SweepReport>, logger: Logger): ReminderScheduler {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const run = () => {
    if (busy) return running;
    busy = true;
    running = sweep()
      .then((r) => { if (r.sent || r.retried || r.failed) logger.info({ event: 'reminder.sweep', ...r }, 'reminders swept'); })
      .catch((err) => logger.error({ event: 'reminder.sweep-failed', error: (err as Error)?.name ?? 'Error' }, 'reminder sweep failed'))
      .finally(() => { busy = false; });
    return running;
  };
  const task = createTask('* * * * *', () => run(), { name: 'engage-reminders', noOverlap: true });
  void task.start();
  void run();
  return {
    async stop() {
      await task.destroy();
      await running; // let an in-flight delivery record its outcome before storage closes
    },
  };
}
