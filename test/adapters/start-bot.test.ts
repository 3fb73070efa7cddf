import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startBot } from '../../adapters/start-bot';

const terminal = () => Object.assign(new PassThrough(), { isTTY: true });
const collect = (stream: PassThrough) => {
  let text = '';
  stream.on('data', (d) => { text += d.toString(); });
  return () => text;
};

describe('engage-bot start', () => {
  test('a second bot on the same SQLite file is refused with a sentence; the first keeps running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engage-start-'));
    const env = { STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`, PORT: '0', HOST: '127.0.0.1' };
    const firstIn = terminal();
    const firstOut = new PassThrough();
    const firstSeen = collect(firstOut);
    const first = startBot({ env, stdin: firstIn, stdout: firstOut, stderr: new PassThrough() });
    while (!firstSeen().includes('engage>')) await new Promise((r) => setTimeout(r, 20));

    const secondErr = new PassThrough();
    const secondSeen = collect(secondErr);
    const code = await startBot({ env, stdin: terminal(), stdout: new PassThrough(), stderr: secondErr });
    expect(code).toBe(2);
    expect(secondSeen()).toMatch(/Another engage-bot is already running on .*bot\.sqlite/);

    firstIn.write('stay on topic\n');
    firstIn.write('quit\n');
    expect(await first).toBe(0);
    expect(firstSeen()).toMatch(/STAY ON TOPIC/);
  }, 20_000);
});
