import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataCipher, generateDataKey, parseDataKeys } from '../../../../src/crypto/create-data-cipher';
import { createSealedStore } from '../../../../src/crypto/create-sealed-store';
import { createSealedRecords } from '../../../../src/crypto/create-sealed-records';
import { openStorage } from '../../../../src/storage/open-storage';
import { describeWithBackend, TEST_POSTGRES_URL, TEST_REDIS_URL } from '../../../helpers/backends';
import { closedPort, doctor } from './run-doctor-for-test';

// `engage-bot doctor`: the configuration, the store (write/read/delete a probe) and the encryption
// key (valid, seals and opens, opens what is already stored).

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'engage-doctor-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const sqlite = () => `sqlite://${join(dir, 'bot.sqlite')}`;

/** Stores one debrief sealed with `key` (`id:base64`), as the bot would; or one reminder, which lives
 *  in versioned records rather than a keyv namespace. */
async function storeSealedWith(url: string, key: string, what: 'debrief' | 'reminder' = 'debrief') {
  const storage = openStorage(url);
  const cipher = createDataCipher(parseDataKeys(key));
  if (what === 'debrief') await createSealedStore(storage, cipher, 'debriefs').set('T0001', 'd1', { company: 'Acme' });
  else await createSealedRecords(storage.records, cipher, 'reminders').put('slack:T0001', 'r1', { text: 'ask Acme' }, undefined);
  await storage.close();
}

test('a configuration mistake is the one ✗, named, and nothing else is tried', async () => {
  const r = await doctor({ PORT: 'eighty', STORE_URL: sqlite() });
  expect(r.line('Configuration')).toMatch(/^✗ Configuration: PORT: .* \(fix in \.env or the environment; \.env\.example explains each variable\)\.$/);
  expect((await doctor({ SLACK_BOT_TOKEN: 'xoxb-1' })).line('Configuration')).toBe('✗ Configuration: SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: Slack requests cannot be verified without it.');
  expect(r.lines.some((l) => l.includes('Store'))).toBe(false);
  expect(existsSync(join(dir, 'bot.sqlite'))).toBe(false);
  expect(r.code).toBe(1);
});

test('SQLite: the probe value is written, read back and deleted', async () => {
  const r = await doctor({ STORE_URL: sqlite(), ENGAGE_DATA_KEY: generateDataKey() }, { cwd: dir });
  expect(r.line('Store')).toBe(`✓ Store: ${sqlite()} works: a test value was written, read back and deleted.`);
  expect(r.line('Encryption key')).toMatch(/^✓ Encryption key: ENGAGE_DATA_KEY holds 1 key; new values are sealed with "[0-9a-f]{8}"; a test value was sealed and opened\.$/);
  expect(r.code).toBe(0);
  const storage = openStorage(sqlite());
  const left = [];
  for await (const entry of storage.namespace('doctor').iterator!('doctor')) left.push(entry);
  await storage.close();
  expect(left).toEqual([]);
});

test('a database that does not answer is "could not reach", with its password hidden', async () => {
  const url = `postgres://engage:hunter2@127.0.0.1:${await closedPort()}/engage`;
  const r = await doctor({ STORE_URL: url, ENGAGE_DATA_KEY: generateDataKey() });
  expect(r.line('Store')).toMatch(/^✗ Store: could not reach the store at postgres:\/\/engage:\*\*\*@127\.0\.0\.1:\d+\/engage \(ECONNREFUSED\): is the PostgreSQL server running/);
  expect(r.text).not.toContain('hunter2');
  expect(r.code).toBe(1);
  const redis = await doctor({ STORE_URL: `redis://127.0.0.1:${await closedPort()}`, ENGAGE_DATA_KEY: generateDataKey() });
  expect(redis.line('Store')).toMatch(/^✗ Store: could not reach the store at redis:\/\/127\.0\.0\.1:\d+ \(.+\): is the Redis server running/);
});

test('data sealed with a key that ENGAGE_DATA_KEY no longer holds: ✗ naming the key and the way back', async () => {
  const oldKey = `old:${generateDataKey()}`;
  const newKey = `new:${generateDataKey()}`;
  await storeSealedWith(sqlite(), oldKey);
  const lost = await doctor({ STORE_URL: sqlite(), ENGAGE_DATA_KEY: newKey });
  expect(lost.line('Encryption key')).toBe('✗ Encryption key: stored data was sealed with key "old", which is not in ENGAGE_DATA_KEY: add that key back after the new one (new:KEY,old:OLDKEY), run `engage-bot rotate-key`, and only then remove it.');
  expect(lost.code).toBe(1);
  const both = await doctor({ STORE_URL: sqlite(), ENGAGE_DATA_KEY: `${newKey},${oldKey}` });
  expect(both.line('Encryption key')).toMatch(/^✓ Encryption key: ENGAGE_DATA_KEY holds 2 keys; new values are sealed with "new"; a test value was sealed and opened, and stored data opens with it\.$/);
  expect(both.code).toBe(0);
});

test('a reminder sealed with a key no longer held is found too, though reminders are not in keyv', async () => {
  const oldKey = `old:${generateDataKey()}`;
  await storeSealedWith(sqlite(), oldKey, 'reminder');
  const lost = await doctor({ STORE_URL: sqlite(), ENGAGE_DATA_KEY: `new:${generateDataKey()}` });
  expect(lost.line('Encryption key')).toMatch(/^✗ Encryption key: stored data was sealed with key "old"/);
  expect(lost.code).toBe(1);
});

test('the development key file beside the SQLite file: used when valid, named when not, never created', async () => {
  const keyFile = join(dir, 'bot.sqlite.key');
  const fresh = await doctor({ STORE_URL: sqlite() }, { cwd: dir });
  expect(fresh.line('Encryption key')).toMatch(/^✓ Encryption key: no ENGAGE_DATA_KEY and no key file yet: `engage-bot start` creates a development key file at bot\.sqlite\.key/);
  expect(existsSync(keyFile)).toBe(false);

  const key = generateDataKey();
  writeFileSync(keyFile, `${key}\n`);
  await storeSealedWith(sqlite(), key);
  const used = await doctor({ STORE_URL: sqlite() }, { cwd: dir });
  expect(used.line('Encryption key')).toMatch(/^✓ Encryption key: no ENGAGE_DATA_KEY, so the development key file bot\.sqlite\.key is used .*, and stored data opens with it\.$/);

  writeFileSync(keyFile, 'not a key\n');
  expect((await doctor({ STORE_URL: sqlite() }, { cwd: dir })).line('Encryption key')).toMatch(/^✗ Encryption key: the development key file bot\.sqlite\.key does not hold a valid key/);

  rmSync(keyFile);
  const missing = await doctor({ STORE_URL: sqlite() }, { cwd: dir });
  expect(missing.line('Encryption key')).toMatch(/^✗ Encryption key: the store holds encrypted data, but there is no ENGAGE_DATA_KEY and no key file at bot\.sqlite\.key: restore the key file/);
  expect(existsSync(keyFile)).toBe(false);
});

for (const [backend, url] of [['postgres', TEST_POSTGRES_URL], ['redis', TEST_REDIS_URL]] as const) {
  describeWithBackend(backend)(`doctor on ${backend}`, () => {
    test('the probe works against the real server', async () => {
      const r = await doctor({ STORE_URL: url, ENGAGE_DATA_KEY: generateDataKey() });
      expect(r.line('Store')).toMatch(/^✓ Store: .* works: a test value was written, read back and deleted\.$/);
    });
  });
}
