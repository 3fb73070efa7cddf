import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHttpServer, listen } from '../../../adapters/http/create-http-server';
import { mountTeams, type TeamsMountOptions } from '../../../adapters/teams/mount-teams';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger, type Logger } from '../../../src/base/logger';
import type { PlatformMount } from '../../../adapters/platform-mount';
import { makeTestBot } from '../../helpers/make-test-bot';

// A local stand-in for the Bot Connector API (what `serviceUrl` points at), and the real
// CloudAdapter behind the shared HTTP server.

export interface Captured { method: string; path: string; headers: IncomingMessage['headers']; body: any }

export interface CaptureServer {
  url: string;
  requests: Captured[];
  /** Answer the next matching requests with this status (and headers) instead of 200/201. */
  failWith(status: number, headers?: Record<string, string>, times?: number): void;
  /** Stop answering (to show timeouts). */
  hang(on: boolean): void;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: Captured[] = [];
  let failures: { status: number; headers: Record<string, string> }[] = [];
  let hanging = false;
  let counter = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
      if (hanging) return;
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers }).end(JSON.stringify({ error: { code: 'Test', message: 'capture server said no' } }));
        return;
      }
      res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sent-${++counter}` }));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    failWith(status, headers = {}, times = 1) { failures = Array.from({ length: times }, () => ({ status, headers })); },
    hang(on) { hanging = on; },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export interface TeamsHarness {
  url: string;
  mount: PlatformMount;
  bot: ReturnType<typeof makeTestBot>;
  post(activity: object, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startTeams(
  env: Record<string, string> = { TEAMS_LOCAL: '1' },
  options: TeamsMountOptions = {},
  logger: Logger = silentLogger,
  /** The real bot's options (a clock to move, a logger for the core). */
  botOptions: Parameters<typeof makeTestBot>[0] = {},
): Promise<TeamsHarness> {
  const test = makeTestBot(botOptions);
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const mount = await mountTeams({ config, bot: test.bot, logger, storage: test.storage }, options);
  const server = createHttpServer(logger, mount.routes);
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/api/messages`;
  return {
    url,
    mount,
    bot: test,
    post: (activity, headers = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) }),
    async close() {
      await new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); });
      await mount.stop();
      await test.close();
    },
  };
}

export const TENANT = 'tenant-1111';
export const USER = 'aad-user-1';

let seq = 0;
/** A Teams message activity as Teams sends it (personal chat unless `conversationType` says otherwise). */
export function teamsMessage(serviceUrl: string, text: string, extra: Record<string, unknown> = {}): Record<string, any> {
  seq += 1;
  return {
    type: 'message',
    id: `act-${seq}`,
    timestamp: '2026-11-25T09:00:00.000Z',
    localTimezone: 'Africa/Nairobi',
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:user-1', name: 'Amina', aadObjectId: USER },
    conversation: { id: 'a:personal-conv-1', conversationType: 'personal', tenantId: TENANT },
    recipient: { id: '28:bot-app-id', name: 'engage-bot' },
    text,
    textFormat: 'plain',
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}
