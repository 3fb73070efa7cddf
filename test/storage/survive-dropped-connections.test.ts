import { Client } from 'pg';
import { createClient } from '@redis/client';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import { describeWithBackend } from '../helpers/backends';
import { isolatedStoreUrl } from '../helpers/isolated-store';

// A database restart or failover closes every connection the bot holds. Before this test, the
// Postgres pool behind keyv had no 'error' listener, so an idle connection closed by the server
// crashed the whole process, and the Redis claims client never reconnected, so every later Slack
// request failed its replay check until the bot was restarted. Each backend gets a store of its own
// so that dropping its connections cannot touch another suite's.

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function dropPostgresConnections(url: string): Promise<number> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'engage-bot'");
    return rows.filter((r: { done: boolean }) => r.done).length;
  } finally {
    await admin.end();
  }
}

async function dropRedisConnections(url: string): Promise<number> {
  const db = Number(new URL(url).pathname.slice(1) || 0);
  const admin = createClient({ url });
  await admin.connect();
  try {
    const ours = (await admin.clientList()).filter((c) => Number(c.db) === db && c.name === 'engage-bot');
    for (const c of ours) await admin.sendCommand(['CLIENT', 'KILL', 'ID', String(c.id)]);
    return ours.length;
  } finally {
    await admin.close();
  }
}

const cases: [string, (url: string) => Promise<number>][] = [
  ['postgres', dropPostgresConnections],
  ['redis', dropRedisConnections],
];

describe.each(cases)('%s drops every connection', (name, drop) => describeWithBackend(name)('', () => {
  const url = isolatedStoreUrl(name);
  let storage: Storage;
  beforeAll(() => { storage = openStorage(url(), { connectTimeoutMs: 2000 }); });
  afterAll(() => storage.close());

  test('the process survives, nothing is lost, and the next calls work', async () => {
    const notes = storage.namespace<string>('notes');
    await notes.set('k', 'kept');
    expect(await storage.claim('before', 60_000)).toBe(true);

    expect(await drop(url())).toBeGreaterThan(0);
    await settle(300); // the servers' goodbyes arrive; an unhandled one would fail this test

    expect(await notes.get('k')).toBe('kept');
    expect(await storage.claim('after', 60_000)).toBe(true);
    expect(await storage.claim('before', 60_000)).toBe(false);
  });
}));
