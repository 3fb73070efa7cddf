import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runRotateKey } from '../../adapters/cli/rotate-key';
import { assembleBot } from '../../src/bot/assemble-bot';
import { openStorage } from '../../src/storage/open-storage';
import { createDataCipher, generateDataKey, parseDataKeys } from '../../src/crypto/create-data-cipher';
import { lockSqliteInstance } from '../../src/storage/lock-sqlite-instance';
import { fixedClock } from '../../src/base/clock';
import { answers } from '../helpers/debrief-fixtures';
import { slackActor } from '../helpers/make-test-bot';
import { querySqlite } from '../helpers/query-sqlite';

const rawRows = async (file: string) => JSON.stringify(await querySqlite(file, 'SELECT key, value FROM engage UNION ALL SELECT key, value FROM engage_records'));

const collect = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => { text += d.toString(); });
  return { stream, text: () => text };
};

test('engage-bot rotate-key re-seals debriefs and reminders with the new key; afterwards the old key can go', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'engage-rotate-')), 'bot.sqlite');
  const oldKey = `old:${generateDataKey()}`;
  const newKey = `new:${generateDataKey()}`;
  const clock = fixedClock('2026-11-25T09:00:00Z');

  const storage = openStorage(`sqlite://${file}`);
  const before = assembleBot({ storage, cipher: createDataCipher(parseDataKeys(oldKey)), clock });
  const { form } = await before.handleCommand({ actor: slackActor, command: 'engage-debrief', text: 'Acme check-in' });
  await before.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4']), metadata: form!.metadata });
  // A reminder's words and its logged outcome say what the organisation is chasing: sealed too.
  await before.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'me to ask Zebracorp about the audit in 2 days' });
  const book = before.parts.reminders;
  const [reminder] = await book.listActive(slackActor);
  await book.logOutcome(slackActor, reminder!.id, 'Zebracorp agreed to publish it');
  await storage.close();
  expect(await rawRows(file)).not.toMatch(/Zebracorp|audit/);

  const out = collect();
  const err = collect();
  expect(await runRotateKey({ STORE_URL: `sqlite://${file}`, ENGAGE_DATA_KEY: `${newKey},${oldKey}` }, out.stream, err.stream)).toBe(0);
  expect(out.text()).toMatch(/debriefs: 1 of 1 re-sealed with key "new"/);
  expect(out.text()).toMatch(/debrief-answers: 1 of 1 re-sealed/);
  expect(out.text()).toMatch(/reminders: 1 of 1 re-sealed/);
  const again = collect();
  expect(await runRotateKey({ STORE_URL: `sqlite://${file}`, ENGAGE_DATA_KEY: `${newKey},${oldKey}` }, again.stream, collect().stream)).toBe(0);
  expect(again.text()).toMatch(/Nothing to do/);

  // Only the new key now: the history still reads.
  const reopened = openStorage(`sqlite://${file}`);
  const after = assembleBot({ storage: reopened, cipher: createDataCipher(parseDataKeys(newKey)), clock });
  const history = await after.handleCommand({ actor: slackActor, command: 'engage-debrief', text: 'history Acme' });
  expect(JSON.stringify(history)).toContain('75');
  const list = await after.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'list' });
  expect(JSON.stringify(list)).toContain('ask Zebracorp about the audit');
  const [kept] = await after.parts.reminders.listActive(slackActor);
  expect(kept!.outcomes?.[0]?.text).toBe('Zebracorp agreed to publish it');
  await reopened.close();

  // Beside a running bot on SQLite it refuses.
  const running = await lockSqliteInstance(file);
  const refused = collect();
  expect(await runRotateKey({ STORE_URL: `sqlite://${file}`, ENGAGE_DATA_KEY: newKey }, collect().stream, refused.stream)).toBe(2);
  expect(refused.text()).toMatch(/stop it/);
  await running.release();
});
