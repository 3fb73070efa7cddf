import type { IncomingMessage, ServerResponse } from 'node:http';

// The one way request bodies are read, for Slack and Teams alike: capped in size here, in time by
// the shared server (create-http-server.ts answers 408 to a request not received within its
// deadline). A body that stops short — the client gave up, or the deadline cut it off — is a
// refusal (BodyError), never a server error.

export type BodyProblem = 'too_large' | 'incomplete' | 'not_json';

const STATUS: Record<BodyProblem, 400 | 413> = { too_large: 413, incomplete: 400, not_json: 400 };
const WORDS: Record<BodyProblem, string> = {
  too_large: 'request body too large',
  incomplete: 'request body incomplete',
  not_json: 'request body is not a JSON object',
};

export class BodyError extends Error {
  readonly status: 400 | 413;
  constructor(readonly problem: BodyProblem) {
    super(WORDS[problem]);
    this.status = STATUS[problem];
  }
}

export interface ReadBodyOptions {
  limit: number;
}

/** The whole body, or a BodyError (answered by answerBodyError, which closes the connection). */
export function readBody(req: IncomingMessage, { limit }: ReadBodyOptions): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyError('too_large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (problem?: BodyProblem) => {
      if (settled) return;
      settled = true;
      // 'error' stays listened to: a reset after this point must not become an uncaught exception.
      req.off('data', onData);
      if (problem) {
        // Stop reading; the answer still goes out on the response, then the connection closes.
        req.pause();
        reject(new BodyError(problem));
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish('too_large');
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = () => finish('incomplete');
    const onClose = () => finish(req.complete ? undefined : 'incomplete');
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** A JSON object body (what Teams sends), or a BodyError. */
export async function readJsonObject(req: IncomingMessage, options: ReadBodyOptions): Promise<Record<string, unknown>> {
  const raw = await readBody(req, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BodyError('not_json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyError('not_json');
  return parsed as Record<string, unknown>;
}

/** `Application/JSON; charset=UTF-8` → `application/json`: media types are case-insensitive (RFC 9110). */
export function mediaTypeOf(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** How long, and how much, of a refused body is read and dropped before the connection closes. */
const LINGER_MS = 1000;
const LINGER_BYTES = 4 * 1024 * 1024;

/** Answers a refused body and closes the connection once the answer is out: the rest is never kept. */
export function answerBodyError(req: IncomingMessage, res: ServerResponse, err: BodyError): void {
  if (res.headersSent) { req.destroy(); return; }
  const body = JSON.stringify({ error: err.message });
  res.writeHead(err.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body, () => lingerThenClose(req));
}

/**
 * A client still sending the body we refused gets a reset instead of our answer if the socket closes
 * under it (a web server's "lingering close"): read and drop what keeps coming for a moment, never
 * more than a few megabytes, then close.
 */
function lingerThenClose(req: IncomingMessage): void {
  let dropped = 0;
  const close = () => { clearTimeout(timer); req.destroy(); };
  const timer = setTimeout(close, LINGER_MS);
  timer.unref?.();
  req.on('data', (chunk: Buffer) => { dropped += chunk.length; if (dropped > LINGER_BYTES) close(); });
  req.once('end', close);
  req.resume();
}
