import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../src/core/logger';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The one HTTP server all platforms share: `GET /healthz` here, Slack and Teams mount their routes. */
export function createHttpServer(logger: Logger, routes: Record<string, RouteHandler> = {}): Server {
  const table: Record<string, RouteHandler> = {
    'GET /healthz': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    },
    ...routes,
  };
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = table[`${req.method} ${path}`];
    if (!handler) {
      const known = Object.keys(table).some((k) => k.endsWith(` ${path}`));
      res.writeHead(known ? 405 : 404, { 'content-type': 'application/json' }).end(`{"error":"${known ? 'method not allowed' : 'not found'}"}`);
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: Error) => {
      logger.error({ event: 'http.failed', route: `${req.method} ${path}`, error: err?.name }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}');
    });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use. Set PORT to a free port (e.g. PORT=3979 npm start).`) : err),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
