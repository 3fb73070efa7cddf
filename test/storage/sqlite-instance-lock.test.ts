import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { InstanceLockedError, lockSqliteInstance } from '../../src/storage/lock-sqlite-instance';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'engage-lock-')), 'bot.sqlite');

describe('one instance per SQLite file', () => {
  test('a second instance is refused with a sentence; after release it may start', async () => {
    const file = dbFile();
    const first = await lockSqliteInstance(file);
    await expect(lockSqliteInstance(file)).rejects.toThrow(InstanceLockedError);
    await expect(lockSqliteInstance(file)).rejects.toThrow(/Another engage-bot is already running.*postgres/s);
    await first.release();
    const again = await lockSqliteInstance(file);
    await again.release();
  });

  test('a process killed with SIGKILL leaves no lock behind', async () => {
    const file = dbFile();
    const holder = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', `
      require(${JSON.stringify(require.resolve('../../src/storage/lock-sqlite-instance'))})
        .lockSqliteInstance(${JSON.stringify(file)}).then(() => { console.log('locked'); setInterval(() => {}, 1000); });
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d) => String(d).includes('locked') && resolve()));
    await expect(lockSqliteInstance(file)).rejects.toThrow(InstanceLockedError);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const mine = await lockSqliteInstance(file);
    await mine.release();
  }, 20_000);
});
