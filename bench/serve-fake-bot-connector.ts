// Stands in for the Bot Connector API (an activity's `serviceUrl`) during the Teams benchmark: answers
// every reply POST /v3/conversations/:id/activities/:id with {id}, as Teams does. A child process of
// its own, so neither the load generator nor the servers measured share its event loop.
// GET /count tells how many replies arrived and how many carried an Adaptive Card.
import { createServer } from 'node:http';

let replies = 0;
let cards = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ replies, cards }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(req.url ?? '')) {
      replies++;
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { attachments?: { contentType?: string }[] };
      if (activity.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) cards++;
    }
    const body = JSON.stringify({ id: `reply-${replies}` });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
const stop = () => { server.closeAllConnections(); server.close(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
