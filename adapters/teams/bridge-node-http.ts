import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

// CloudAdapter.process expects an express-like request (parsed body) and response
// (status/header/send/end). The bot itself does not use process() (see serve-activity.ts); the
// benchmarks' bare reference adapter does, through this bridge — no web framework needed.

export function toBotRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { body, headers: req.headers, method: req.method };
}

export function toBotResponse(res: ServerResponse): BotResponse {
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
