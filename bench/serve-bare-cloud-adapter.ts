// bench-teams.ts's "bare": createBareCloudAdapter answering one text reply, on a plain node:http
// server. Run as a child process; prints its port.
import { createServer } from 'node:http';
import { createBareCloudAdapter } from './create-bare-cloud-adapter';

async function main() {
  const handle = createBareCloudAdapter('ok');
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/messages') { res.writeHead(404).end(); return; }
    handle(req, res).catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => { process.stderr.write(`${(err as Error).message}\n`); process.exit(1); });
