import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../src/base/logger';
import { logFailure } from '../shared/log-failure';
import { answerJson } from './answer-json';
import type { ReadinessCheck } from './check-readiness';
import { createLogLimiter } from './limit-log-rate';
import { answerBodyError, BodyError } from './read-body';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * The one HTTP server all platforms share: `GET /healthz` (liveness: the process answers) and
 * `GET /readyz` (readiness: see check-readiness.ts) here, Slack and Teams mount their routes.
 */
export interface HttpServerOptions {
  ready?: ReadinessCheck;
  /** A request (headers and body) not received within this long is answered 408 and closed (ms). */
  requestDeadlineMs?: number;
}

/**
 * Node's own deadline is 300 s, checked every 30 s: a few clients sending a byte at a time could
 * hold the server's connections for five minutes each. Slack and the Bot Framework send a whole
 * request in well under a second.
 */
export const REQUEST_DEADLINE_MS = 10_000;

export function createHttpServer(logger: Logger, routes: Record<string, RouteHandler> = {}, { ready, requestDeadlineMs = REQUEST_DEADLINE_MS }: HttpServerOptions = {}): Server {
  const table: Record<string, RouteHandler> = {
    'GET /healthz': (_req, res) => { answerJson(res, 200, { status: 'ok' }); },
    'GET /readyz': async (_req, res) => {
      const reason = await ready?.();
      if (reason) answerJson(res, 503, { status: 'not ready', reason });
      else answerJson(res, 200, { status: 'ready' });
    },
    ...routes,
  };
  // Refused bodies are a stranger's doing: answered here for every route, and logged at a rate.
  const limited = createLogLimiter(logger);
  const deadlines = { requestTimeout: requestDeadlineMs, headersTimeout: requestDeadlineMs, connectionsCheckingInterval: Math.min(1000, requestDeadlineMs) };
  return createServer(deadlines, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = table[`${req.method} ${path}`];
    if (!handler) {
      const known = Object.keys(table).some((k) => k.endsWith(` ${path}`));
      answerJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: Error) => {
      if (err instanceof BodyError) {
        limited.warn('http.body_refused', { route: `${req.method} ${path}`, problem: err.problem }, 'request body refused');
        answerBodyError(req, res, err);
        return;
      }
      logFailure(logger, 'http.failed', err, 'request handler failed', { route: `${req.method} ${path}` });
      answerJson(res, 500, { error: 'internal' });
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
