import { silentLogger } from '../../src/base/logger';
import { leaseFor, startReminderScheduler } from '../../src/remind/start-reminder-scheduler';
import { openStorage } from '../../src/storage/open-storage';

// Two schedulers on one store, node-cron ticking every second: only the lease holder sweeps; when it
// stops (and hands the lease back) the other one sweeps from its next tick.
test('one scheduler sweeps at a time; the other takes over when the holder stops', async () => {
  const storage = openStorage('memory://');
  const sweeps = [0, 0];
  const sweep = (i: number) => async () => { sweeps[i]! += 1; return { batches: 0, sent: 0, retried: 0, failed: 0, skipped: 0 }; };
  const a = startReminderScheduler({ sweep: sweep(0), logger: silentLogger, claims: storage, instanceId: 'a', cron: '* * * * * *' });
  await new Promise((r) => setTimeout(r, 50)); // a takes the lease at start
  const b = startReminderScheduler({ sweep: sweep(1), logger: silentLogger, claims: storage, instanceId: 'b', cron: '* * * * * *' });
  try {
    await new Promise((r) => setTimeout(r, 2300));
    expect(sweeps[0]).toBeGreaterThanOrEqual(3); // the start sweep and a tick each second
    expect(sweeps[1]).toBe(0);
    await a.stop();
    const before = sweeps[0];
    await new Promise((r) => setTimeout(r, 1300));
    expect(sweeps[1]).toBeGreaterThanOrEqual(1);
    expect(sweeps[0]).toBe(before);
  } finally {
    await a.stop();
    await b.stop();
    await storage.close();
  }
});

test('the lease outlasts one interval by a bounded margin', () => {
  expect(leaseFor(60_000)).toBe(75_000);
  expect(leaseFor(1_000)).toBe(6_000);
  expect(leaseFor(3_600_000)).toBe(3_615_000);
});

// `engage-bot start` stopped at once (a deploy rolled back, SIGTERM right after start): the lease
// claim made at start is still out; it must not start a sweep once storage is closing.
test('stopped before its first lease claim returns, it starts no sweep and logs no failure', async () => {
  const storage = openStorage('memory://');
  let answerClaim!: () => void;
  const slowClaims = {
    ...storage,
    claim: (key: string, ttl: number, owner?: string) => new Promise<boolean>((resolve) => { answerClaim = () => resolve(storage.claim(key, ttl, owner)); }),
  };
  const errors: unknown[] = [];
  const logger = { ...silentLogger, error: (o: unknown) => { errors.push(o); } };
  let sweeps = 0;
  const scheduler = startReminderScheduler({ sweep: async () => { sweeps++; return { batches: 0, sent: 0, retried: 0, failed: 0, skipped: 0 }; }, logger: logger as never, claims: slowClaims as never, instanceId: 'a' });
  const stopping = scheduler.stop();
  answerClaim();
  await stopping;
  expect(sweeps).toBe(0);
  expect(errors).toEqual([]);
  await storage.close();
});
