import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { networkInterfaces, tmpdir } from 'node:os';
import { startBot } from '../../adapters/start-bot';

// TEAMS_LOCAL=1 turns Teams authentication off (the Bot Framework Emulator). It is refused only
// when NODE_ENV is exactly "production", so a server started without NODE_ENV could otherwise
// answer anyone, as anyone: with authentication off the bot listens on loopback only, and says so.

test('TEAMS_LOCAL=1 with HOST=0.0.0.0 listens on 127.0.0.1 only, says so, and is ready', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'engage-local-'));
  const stderr = new PassThrough();
  let logs = '';
  stderr.on('data', (d) => { logs += d.toString(); });
  const signals = new Set(process.listeners('SIGTERM'));
  const running = startBot({ env: { TEAMS_LOCAL: '1', HOST: '0.0.0.0', PORT: '0', STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}` }, stdin: new PassThrough(), stdout: new PassThrough(), stderr });
  const until = Date.now() + 15_000;
  while (!logs.includes('http.listening') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  try {
    const line = logs.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.event === 'http.listening');
    expect(line).toMatchObject({ level: 40, host: '127.0.0.1', teamsAuth: 'off', msg: expect.stringMatching(/only: Teams authentication is off \(TEAMS_LOCAL=1\)/) });
    expect((await fetch(`http://127.0.0.1:${line.port}/readyz`)).status).toBe(200);
    // From any other address of this machine, nothing answers.
    const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${line.port}/healthz`)).rejects.toThrow();
  } finally {
    for (const stop of process.listeners('SIGTERM')) if (!signals.has(stop)) (stop as () => void)();
    expect(await running).toBe(0);
  }
}, 30_000);
