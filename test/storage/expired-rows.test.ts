import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStorage } from '../../src/storage/open-storage';
import { describeWithBackend, TEST_POSTGRES_URL } from '../helpers/backends';
import { eventually } from '../helpers/eventually';
import { queryKeys } from '../helpers/query-sqlite';

// keyv enforces a time-to-live only when a row is read: on SQLite and PostgreSQL a row nobody reads
// again (the pages behind a "More" button nobody pressed) stayed on disk for good. The storage's own
// prune, which already deletes expired claims, must delete them too. (Redis expires keys itself.)

const dir = mkdtempSync(join(tmpdir(), 'engage-expired-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const space = `ttl-${process.pid}-${Date.now()}`;

async function postgresKeys(): Promise<string[]> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<{ key: string }>('SELECT key FROM engage WHERE key LIKE $1 ORDER BY key', [`${space}:%`])).rows.map((r) => r.key);
  } finally {
    await client.end();
  }
}

const backends: [string, string, () => Promise<string[]>][] = [
  ['sqlite', `sqlite://${join(dir, 'ttl.sqlite')}`, () => queryKeys(join(dir, 'ttl.sqlite'), 'SELECT key FROM engage WHERE key LIKE ? ORDER BY key', [`${space}:%`])],
  ['postgres', TEST_POSTGRES_URL, postgresKeys],
];

describe.each(backends)('%s', (backend, url, keysLeft) => describeWithBackend(backend)('', () => {
  test('rows past their time-to-live are deleted without being read; the others stay', async () => {
    const storage = openStorage(url, { pruneEveryMs: 50 });
    try {
      const store = storage.namespace<string>(space);
      await store.set('expires', 'a page nobody asked for again', 1);
      await store.set('kept', 'no time-to-live');
      await store.set('later', 'a day to live', 24 * 3600_000);
      await eventually(async () => expect(await keysLeft()).toEqual([`${space}:kept`, `${space}:later`]));
      await store.delete('kept');
      await store.delete('later');
    } finally {
      await storage.close();
    }
  });
}));
