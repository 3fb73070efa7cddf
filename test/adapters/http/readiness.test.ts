import type { Server } from 'node:http';
import { createHttpServer, listen } from '../../../adapters/http/create-http-server';
import { createReadinessCheck } from '../../../adapters/http/check-readiness';
import { silentLogger } from '../../../src/base/logger';
import { makeTestBot } from '../../helpers/make-test-bot';
import { startTeams } from '../teams/teams-harness';

// /healthz says the process answers; /readyz whether it may take traffic: the store answers a read
// and every platform's credentials were accepted.

async function serve(ready: ReturnType<typeof createReadinessCheck>): Promise<{ get(path: string): Promise<{ status: number; body: unknown }>; close(): Promise<void> }> {
  const server: Server = createHttpServer(silentLogger, {}, { ready });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    async get(path) { const res = await fetch(`http://127.0.0.1:${port}${path}`); return { status: res.status, body: await res.json() }; },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** A store whose reads do what `read` says, counting them. */
function fakeStore(read: () => Promise<unknown>) {
  const calls = { n: 0 };
  return { calls, storage: { namespace: () => ({ get: () => { calls.n += 1; return read(); } }) } as never };
}

test('the store answering and no platform waiting: 200 ready; /healthz stays liveness only', async () => {
  const t = makeTestBot();
  const http = await serve(createReadinessCheck({ storage: t.storage, mounts: [] }));
  try {
    expect(await http.get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await http.get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  } finally {
    await http.close();
    await t.close();
  }
});

test.each([
  ['fails', () => Promise.reject(new Error('connection refused'))],
  ['hangs', () => new Promise(() => undefined)],
])('a store that %s: 503 with a short reason, within the timeout', async (_name, read) => {
  const { storage } = fakeStore(read);
  const http = await serve(createReadinessCheck({ storage, mounts: [], timeoutMs: 200 }));
  try {
    const started = Date.now();
    expect(await http.get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'store not answering' } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await http.get('/healthz')).toMatchObject({ status: 200 });
  } finally {
    await http.close();
  }
});

test('a platform whose credentials were not accepted: 503 naming it', async () => {
  const { storage } = fakeStore(async () => undefined);
  const http = await serve(createReadinessCheck({ storage, mounts: [{ name: 'teams', ready: () => 'teams credentials not accepted' }] }));
  try {
    expect(await http.get('/readyz')).toEqual({ status: 503, body: { status: 'not ready', reason: 'teams credentials not accepted' } });
  } finally {
    await http.close();
  }
});

test('polling /readyz cannot turn into load on the store: one read a second at most', async () => {
  const { storage, calls } = fakeStore(async () => undefined);
  const http = await serve(createReadinessCheck({ storage, mounts: [] }));
  try {
    for (let i = 0; i < 20; i++) await http.get('/readyz');
    expect(calls.n).toBe(1);
  } finally {
    await http.close();
  }
});

describe('Teams credentials', () => {
  const auth = { MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'secret' };
  const until = async (check: () => boolean) => { const end = Date.now() + 3000; while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10)); };

  test('not ready until the bot’s own token was fetched once; ready after', async () => {
    let release!: () => void;
    const fetched = new Promise<void>((r) => { release = r; });
    const teams = await startTeams(auth, { outboundToken: async () => { await fetched; return 'token'; } });
    try {
      await teams.mount.start!();
      expect(teams.mount.ready!()).toBe('teams credentials not checked yet');
      release();
      await until(() => teams.mount.ready!() === undefined);
      expect(teams.mount.ready!()).toBeUndefined();
    } finally {
      await teams.close();
    }
  });

  test('refused credentials: not ready, saying so', async () => {
    const teams = await startTeams(auth, { outboundToken: async () => { throw new Error('AADSTS7000215: Invalid client secret provided'); } });
    try {
      await teams.mount.start!();
      await until(() => teams.mount.ready!() === 'teams credentials not accepted');
      expect(teams.mount.ready!()).toBe('teams credentials not accepted');
    } finally {
      await teams.close();
    }
  });

  test('with authentication off there is nothing to check', async () => {
    const teams = await startTeams({ TEAMS_LOCAL: '1' });
    try {
      await teams.mount.start?.();
      expect(teams.mount.ready?.()).toBeUndefined();
    } finally {
      await teams.close();
    }
  });
});
