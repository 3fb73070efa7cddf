import { createServer } from 'node:http';
import { listen } from '../adapters/http/create-http-server';

// Stands in for slack.com/api during a benchmark: answers the few methods the bot calls at start and
// per person (auth.test, users.info), `{ok:true}` otherwise, and counts calls so a per-request API
// call (a cache that does not cache) shows up in the results instead of hiding in the latency.

export async function startFakeSlackApi() {
  const calls: Record<string, number> = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('?')[0]!.replace(/^\/api\//, '');
      calls[method] = (calls[method] ?? 0) + 1;
      const user = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('user');
      const body =
        method === 'auth.test' ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TBENCH', user: 'engage-bot' }
        : method === 'users.info' ? { ok: true, user: { id: user, tz: 'Africa/Nairobi' } }
        : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
