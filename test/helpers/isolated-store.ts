import { join } from 'node:path';
import { Client } from 'pg';
import { createClient } from '@redis/client';
import { TEST_POSTGRES_URL, TEST_REDIS_URL } from './backends';

// A store of its own for suites whose code sweeps a whole index (reminders): sharing the machine's
// `test` database with other suites, or with what an interrupted run left there, would hand them
// other people's reminders. Call inside a describe: it registers beforeAll/afterAll and returns the
// STORE_URL to use once they have run.
//   postgres: a throwaway database, dropped afterwards;
//   redis: a database 1-15, reserved with SET NX in database 0, emptied before and after;
//   sqlite: the given file URL as is.

export function isolatedStoreUrl(backend: string, sqliteUrl: () => string = () => 'memory://'): () => string {
  if (backend === 'postgres') {
    const name = `engage_t_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new Client({ connectionString: TEST_POSTGRES_URL });
    beforeAll(async () => {
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
    });
    afterAll(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    return () => { const url = new URL(TEST_POSTGRES_URL); url.pathname = `/${name}`; return url.toString(); };
  }
  if (backend === 'redis') {
    const admin = createClient({ url: TEST_REDIS_URL });
    let db = 0;
    beforeAll(async () => {
      await admin.connect();
      for (let n = 15; n >= 1 && !db; n--) {
        if (await admin.set(`engage-test:db:${n}`, String(process.pid), { NX: true, PX: 600_000 })) db = n;
      }
      if (!db) throw new Error('no free Redis database (1-15) for an isolated test store');
      await admin.select(db);
      await admin.flushDb();
    });
    afterAll(async () => {
      if (db) {
        await admin.flushDb();
        await admin.select(0);
        await admin.del(`engage-test:db:${db}`);
      }
      await admin.close();
    });
    return () => { const url = new URL(TEST_REDIS_URL); url.pathname = `/${db}`; return url.toString(); };
  }
  return sqliteUrl;
}

/** The backends the sweeping suites run on, each given a store of its own by isolatedStoreUrl. */
export const ISOLATED_BACKENDS = ['sqlite', 'postgres', 'redis'];

/** For isolatedStoreUrl's SQLite case: a new file in `dir` at every call. */
export const freshSqliteUrl = (dir: string, prefix: string) => (): string =>
  `sqlite://${join(dir, `${prefix}-${Math.random().toString(36).slice(2)}.sqlite`)}`;
