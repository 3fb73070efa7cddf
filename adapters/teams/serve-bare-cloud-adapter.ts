// The reference bench/bench-teams.ts measures the Teams bot against (not part of the bot): the same
// botbuilder CloudAdapter, auth off, on a plain node:http server with the bot's minimal body/response
// bridge, and a turn handler that sends one text reply. It lives here because every botbuilder import
// does (a move to the SDK's successor touches this folder only). Run as a child process; prints its port.
import { createServer } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { readJsonBody, toBotRequest, toBotResponse } from './bridge-node-http';

async function main() {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/messages') { res.writeHead(404).end(); return; }
    readJsonBody(req)
      .then((body) => adapter.process(toBotRequest(req, body), toBotResponse(res), async (ctx) => { await ctx.sendActivity('ok'); }))
      .catch(() => { if (!res.headersSent) res.writeHead(500).end(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => { process.stderr.write(`${(err as Error).message}\n`); process.exit(1); });
