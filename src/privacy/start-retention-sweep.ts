import { createTask } from 'node-cron';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { Claims } from '../storage/store-operations';

const DAY_MS = 24 * 3600_000;

export interface RetentionSweep { stop(): Promise<void> }
export interface RetentionJob {
  /** Stable name: the day's claim and the log line use it. */
  name: string;
  /** Deletes what is due at `now`; returns how many records went. */
  run(now: Date): Promise<number>;
}

/**
 * Daily deletions (DEBRIEF_RETENTION_DAYS, uninstalled workspaces past their grace period): once a
 * day at 03:17 UTC and once at start, so a bot that was down catches up. Several instances share
 * the work by claiming the day per job: one of them runs it.
 */
export function startRetentionSweep(o: { jobs: RetentionJob[]; claims: Pick<Claims, 'claim'>; clock: Clock; logger: Logger }): RetentionSweep {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      const now = o.clock.now();
      for (const job of o.jobs) {
        try {
          if (!(await o.claims.claim(`retention:${job.name}:${now.toISOString().slice(0, 10)}`, DAY_MS - 60_000))) continue;
          const deleted = await job.run(now);
          o.logger.info({ event: 'retention.swept', job: job.name, deleted }, 'retention sweep done');
        } catch (err) {
          o.logger.error({ event: 'retention.failed', job: job.name, error: (err as Error)?.name ?? 'Error' }, 'retention sweep failed');
        }
      }
    });
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

/** DEBRIEF_RETENTION_DAYS as a job. */
export const debriefRetentionJob = (days: number, deleteOlderThan: (cutoff: Date) => Promise<number>): RetentionJob => ({
  name: 'debriefs',
  run: (now) => deleteOlderThan(new Date(now.getTime() - days * DAY_MS)),
});
