import { Client } from 'pg';
import { describeWithBackend, TEST_POSTGRES_URL } from '../helpers/backends';
import { runAndCheckFleet } from './assert-fleet';

// Its own database, dropped afterwards: the bots sweep the whole due index of their store, so they
// must not share it with other suites running at the same time.
describeWithBackend('postgres')('three instances on one PostgreSQL', () => {
  const name = `engage_fleet_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test('1,000 reminders, one instance SIGKILLed mid-run: each delivered exactly once', async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    await runAndCheckFleet('postgres', url.toString());
  }, 200_000);
});
