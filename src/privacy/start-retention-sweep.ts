import { createTask } from 'node-cron';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Claims } from '../storage/create-claims';

const DAY_MS = 24 * 3600_000;

export interface RetentionSweep { stop(): Promise<void> }

/**
 * DEBRIEF_RETENTION_DAYS: once a day (and once at start) debriefs older than the retention period
 * are deleted. Several instances share the work by claiming the day: one of them sweeps.
 */
export function startRetentionSweep(o: {
  days: number;
  deleteOlderThan: (cutoff: Date) => Promise<number>;
  claims: Pick<Claims, 'claim'>;
  clock: Clock;
  logger: Logger;
}): RetentionSweep {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      const now = o.clock.now();
      if (!(await o.claims.claim(`retention:debriefs:${now.toISOString().slice(0, 10)}`, DAY_MS - 60_000))) return;
      const deleted = await o.deleteOlderThan(new Date(now.getTime() - o.days * DAY_MS));
      o.logger.info({ event: 'retention.swept', deleted, days: o.days }, 'old debriefs deleted');
    }).catch((err) => o.logger.error({ event: 'retention.failed', error: (err as Error)?.name ?? 'Error' }, 'retention sweep failed'));
    return running;
  };
  const task = createTask('17 3 * * *', () => run(), { name: 'engage-retention', noOverlap: true });
  void task.start();
  void run();
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
