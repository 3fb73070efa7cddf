import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type Request as BotRequest, type Response as BotResponse } from 'botbuilder';
import { readJsonObject } from '../adapters/http/read-body';
import { MAX_ACTIVITY_BYTES } from '../adapters/teams/serve-activity';

// The reference the Teams benchmarks measure the bot against (not part of the bot): botbuilder's
// CloudAdapter as its samples set it up, auth off, behind a minimal body/response bridge, answering
// every activity with `reply`; `auth` swaps in another authentication (the bot's own, to measure the
// SDK with its shared clients). Besides adapters/teams/, the one place that imports botbuilder: it
// measures the SDK itself, so a move to the SDK's successor replaces it too (teams-boundary.test.ts).
export function createBareCloudAdapter(reply: string | Partial<Activity> = 'ok', auth = new ConfigurationBotFrameworkAuthentication({})) {
  const adapter = new CloudAdapter(auth);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJsonObject(req, { limit: MAX_ACTIVITY_BYTES });
    await adapter.process(toBotRequest(req, body), toBotResponse(res), async (ctx) => { await ctx.sendActivity(reply); });
  };
}

// CloudAdapter.process expects an express-like request (parsed body) and response
// (status/header/send/end); the bot itself does not use process() (adapters/teams/serve-activity.ts).

function toBotRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { body, headers: req.headers, method: req.method };
}

function toBotResponse(res: ServerResponse): BotResponse {
  let status = 200;
  return {
    socket: res.socket,
    status(code: number) { status = code; },
    header(name: string, value: unknown) { if (!res.headersSent) res.setHeader(name, String(value)); },
    send(body: unknown) {
      if (res.writableEnded) return;
      const json = typeof body !== 'string';
      if (!res.headersSent) res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' });
      res.write(json ? JSON.stringify(body) : body);
    },
    end() {
      if (res.writableEnded) return;
      if (!res.headersSent) res.writeHead(status);
      res.end();
    },
  };
}
