import { PassThrough } from 'node:stream';
import { runConsole } from '../../adapters/console/run-console';
import { makeTestBot } from '../helpers/make-test-bot';
import { hostileString, seededRandom } from '../helpers/hostile-inputs';
import { querySqlite, queryKeys } from '../helpers/query-sqlite';

// The console side of the bad-input campaign: 1,000 hostile lines typed into the local chat, as
// commands, button numbers and answers. The chat keeps going to "quit" and stores nothing.

const keys = async (file: string) =>
  (await querySqlite(file, "SELECT name FROM sqlite_master WHERE name = 'engage'")).length
    ? (await queryKeys(file, 'SELECT key FROM engage')).sort()
    : [];

test('1,000 hostile lines: the chat answers each and ends on quit; nothing is stored', async () => {
  const t = makeTestBot();
  const file = t.url.slice('sqlite://'.length);
  const before = await keys(file);
  const rand = seededRandom(5);
  const input = new PassThrough();
  const output = new PassThrough();
  let seen = '';
  output.on('data', (d) => { seen += d.toString(); });
  const done = runConsole(t.bot, input, output);
  const prefixes = ['', 'tip ', '/engage-tip ', 'remind ', '/engage-remind ', 'debrief ', '/engage ', 'help ', '1', '99 '];
  for (let i = 0; i < 1_000; i++) {
    const line = `${prefixes[i % prefixes.length]}${hostileString(rand).replace(/[\r\n]/g, ' ').slice(0, 6_000)}`;
    input.write(`${line}\n`);
  }
  input.write('quit\n');
  const timedOut = await Promise.race([done.then(() => false), new Promise((r) => setTimeout(() => r(true), 20_000))]);
  if (timedOut) throw new Error(`chat did not end; last output: ${seen.slice(-1500)}`);
  expect(seen).toMatch(/Bye\./);
  expect(await keys(file)).toEqual(before);
  await t.close();
}, 120_000);
