import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

// CloudAdapter expects an express-like request (parsed body) and response (status/header/send/end).
// The shared server is plain node:http, so this is the whole bridge — no web framework needed.

/** Activities are small; anything bigger is not from the Bot Framework. */
export const MAX_BODY_BYTES = 256 * 1024;

export class BodyError extends Error {
  constructor(readonly status: 400 | 413, message: string) { super(message); }
}

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'request body too large');
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyError(400, 'request body is not a JSON object');
  return parsed as Record<string, unknown>;
}

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
