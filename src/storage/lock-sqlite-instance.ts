import { Database } from 'sqlite3';

// SQLite serves one bot process. A second instance on the same file would deliver every reminder
// twice from its own scheduler, so it is refused at start-up. The lock is an exclusive SQLite lock
// on a sibling file, held by an open connection: the operating system drops it when the process
// dies, even by SIGKILL, so a crashed bot never blocks its own restart.

export class InstanceLockedError extends Error {}

export interface InstanceLock {
  release(): Promise<void>;
}

export function lockSqliteInstance(databaseFile: string): Promise<InstanceLock> {
  const lockFile = `${databaseFile}.lock`;
  return new Promise((resolve, reject) => {
    const db = new Database(lockFile, (openErr) => {
      if (openErr) return reject(openErr);
      // busy_timeout 0: answer at once instead of waiting for the other instance to finish.
      db.exec('PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT; BEGIN EXCLUSIVE;', (err) => {
        if (!err) return resolve({ release: () => new Promise<void>((done) => db.close(() => done())) });
        db.close(() => undefined);
        if (/SQLITE_BUSY|locked/i.test(err.message)) {
          reject(new InstanceLockedError(
            `Another engage-bot is already running on ${databaseFile}. SQLite serves one instance; to run several, ` +
              'share PostgreSQL or Redis instead (STORE_URL=postgres://… or redis://…, see docs/scaling.md).',
          ));
        } else reject(err);
      });
    });
  });
}
