import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { systemClock } from '../../src/base/clock';
import { createReminders } from '../../src/remind/create-reminders';
import { recordKey } from '../../src/remind/reminder-store';
import { openStorage, parseStoreUrl } from '../../src/storage/open-storage';
import { loadDataCipher, localKeyFileFor } from '../../src/crypto/load-data-cipher';

// The bot process is killed (SIGKILL) after a reminder is scheduled and before it is due; the bot
// started again on the same SQLite file delivers it, exactly once.

const ROOT = join(__dirname, '..', '..');

test('a reminder scheduled before a SIGKILL arrives exactly once after the restart', async () => {
  const posts: string[] = [];
  const api = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      if (method === 'chat.postMessage') posts.push(body);
      const answer = method === 'auth.test' ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }
        : method === 'chat.postMessage' ? { ok: true, channel: 'D1', ts: `${Date.now() / 1000}` }
        : method === 'users.info' ? { ok: true, user: { tz: 'Africa/Nairobi' } } : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`;
  const dir = mkdtempSync(join(tmpdir(), 'engage-restart-'));
  const storeUrl = `sqlite://${join(dir, 'bot.sqlite')}`;
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const start = (): ChildProcess => spawn(process.execPath, ['bin/engage-bot.js', 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STORE_URL: storeUrl, PORT: String(port), HOST: '127.0.0.1',
      SLACK_SIGNING_SECRET: 'restart-test-secret', SLACK_BOT_TOKEN: 'xoxb-restart', SLACK_API_URL: apiUrl,
      REMINDER_SWEEP_CRON: '*/2 * * * * *', LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const healthy = async (child: ChildProcess) => {
    for (let i = 0; i < 300; i++) {
      if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('bot did not answer /healthz');
  };
  const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));

  let second: ChildProcess | undefined;
  try {
    const first = start();
    await healthy(first);
    const storage = openStorage(storeUrl);
    const owner = { platform: 'slack' as const, tenantId: 'T1', userId: 'U1', timeZone: 'UTC' };
    // The key file the bot created beside its SQLite file on first start: this process seals with it too.
    const cipher = loadDataCipher(undefined, localKeyFileFor(parseStoreUrl(storeUrl)));
    const book = createReminders({ storage, clock: systemClock, cipher, maxActivePerUser: 10 });
    const { id } = await book.create({ owner, target: { platform: 'slack', tenantId: 'T1', userId: 'U1' }, text: 'ask Acme what came of it', dueAt: new Date(Date.now() + 6_000), timeZone: 'UTC' });
    first.kill('SIGKILL');
    await exited(first);
    expect(posts).toHaveLength(0);

    second = start();
    await healthy(second);
    const until = Date.now() + 110_000;
    while (posts.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 6_000)); // several more sweeps: nothing is sent again
    expect(posts).toHaveLength(1);
    expect(decodeURIComponent(posts[0]!)).toContain('ask Acme what came of it');
    const stored = await book.store.get(recordKey('slack', 'T1', id));
    expect(stored?.status).toBe('sent');
    await storage.close();
  } finally {
    if (second && second.exitCode === null) { second.kill('SIGTERM'); await exited(second); }
    await new Promise((r) => api.close(r));
  }
}, 150_000);
