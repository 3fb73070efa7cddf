import { createHttpServer, listen } from '../../../adapters/http/create-http-server';
import { silentLogger } from '../../../src/base/logger';

test('GET /healthz answers 200; unknown paths 404; wrong method 405; a taken port is a clear error', async () => {
  const server = createHttpServer(silentLogger);
  const port = await listen(server, 0, '127.0.0.1');
  try {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
    await expect(listen(createHttpServer(silentLogger), port, '127.0.0.1')).rejects.toThrow(/Port \d+ is already in use/);
  } finally {
    await new Promise((r) => server.close(r));
  }
});
