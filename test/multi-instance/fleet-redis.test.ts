import { createClient } from '@redis/client';
import { describeWithBackend, TEST_REDIS_URL } from '../helpers/backends';
import { runAndCheckFleet } from './assert-fleet';

// Its own Redis database (1-15, reserved with SET NX in database 0 and emptied before and after):
// the bots sweep the whole due index of their store, so they must not share it with other suites.
describeWithBackend('redis')('three instances on one Redis', () => {
  const admin = createClient({ url: TEST_REDIS_URL });
  let db = 0;
  const reservation = () => `engage-test:fleet-db:${db}`;
  beforeAll(async () => {
    await admin.connect();
    for (let n = 15; n >= 1 && !db; n--) {
      if (await admin.set(`engage-test:fleet-db:${n}`, String(process.pid), { NX: true, PX: 600_000 })) db = n;
    }
    if (!db) throw new Error('no free Redis database (1-15) for the multi-instance test');
    await admin.select(db);
    await admin.flushDb();
  });
  afterAll(async () => {
    if (db) {
      await admin.flushDb();
      await admin.select(0);
      await admin.del(reservation());
    }
    await admin.close();
  });

  test('1,000 reminders, one instance SIGKILLed mid-run: each delivered exactly once', async () => {
    const url = new URL(TEST_REDIS_URL);
    url.pathname = `/${db}`;
    await runAndCheckFleet('redis', url.toString());
  }, 200_000);
});
