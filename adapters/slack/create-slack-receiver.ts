import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { isHandledSlackShape } from './check-slack-shape';
import { MAX_SKEW_SECONDS, parseSlackBody, verifySignature } from './verify-slack-request';
import type { Clock } from '../../src/base/clock';
import type { Logger } from '../../src/base/logger';
import { createLogLimiter } from '../http/limit-log-rate';
import { answerJson } from '../http/answer-json';
import { mediaTypeOf, readBody } from '../http/read-body';
import { logFailure } from '../shared/log-failure';

// Bolt's HTTPReceiver owns its own server, accepts timestamps far in the future, buffers ~4 MB before
// looking at a request and never notices a replay. This receiver sits on the shared HTTP server and
// does, in order: cap the body, verify the signature and the timestamp both ways, claim the request
// once across every instance, parse, and only then hand the event to Bolt.

const MAX_BODY_BYTES = 1024 * 1024;
/** A signature is only accepted within ±5 minutes of its timestamp: remembering it 10 minutes covers every replay. */
const REPLAY_MEMORY_MS = 2 * MAX_SKEW_SECONDS * 1000;
/** Slack waits 3 s; answer just before so a slow listener never shows the person a timeout. */
const ACK_DEADLINE_MS = 2900;

export interface SlackReceiverOptions {
  signingSecret: string;
  clock: Clock;
  /** True the first time a key is claimed within `ttlMs`, on every instance (the store's replay check). */
  claims: { claimRequest(key: string, ttlMs: number): Promise<boolean> };
  logger: Logger;
}

export interface SlackHttpReceiver extends Receiver {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

type Answer = (res: ServerResponse) => void;
const empty: Answer = (res) => { if (!res.headersSent) res.writeHead(200).end(); };

/** What Bolt's ack() sends: nothing, a text, or JSON (a whole slash-command answer). With the length
 *  known up front Node writes headers and body at once instead of a chunked response. */
function ackAnswer(response: unknown): Answer {
  if (response === undefined || response === '') return empty;
  if (typeof response !== 'string') return (res) => answerJson(res, 200, response);
  return (res) => { if (!res.headersSent) res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(response) }).end(response); };
}

/** Bolt runs the listeners; whichever comes first of their ack(), the deadline and their end answers Slack. */
async function dispatch(app: App, logger: Logger, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let acked = false;
  const answerOnce = (answer: Answer) => {
    if (acked) return;
    acked = true;
    clearTimeout(deadline);
    answer(res);
  };
  const deadline = setTimeout(() => {
    logger.warn({ event: 'slack.ack_late' }, 'no acknowledgement within Slack’s deadline');
    answerOnce(empty);
  }, ACK_DEADLINE_MS);
  const retry = req.headers['x-slack-retry-num'];
  const reason = req.headers['x-slack-retry-reason'];
  const event: ReceiverEvent = {
    body,
    ack: async (response?: unknown) => answerOnce(ackAnswer(response)),
    ...(typeof retry === 'string' ? { retryNum: Number(retry) } : {}),
    ...(typeof reason === 'string' ? { retryReason: reason } : {}),
  };
  try {
    await app.processEvent(event);
    // Every listener has run; with none for this event (an event type we do not subscribe to,
    // a view closed), answer now instead of letting Slack wait for the deadline.
    answerOnce(empty);
  } catch (err) {
    // Where it failed, never the message (it can quote the payload).
    logFailure(logger, 'slack.event_failed', err, 'slack event failed');
    answerOnce((r) => answerJson(r, 500, { error: 'internal' }));
  }
}

export function createSlackReceiver({ signingSecret, clock, claims, logger }: SlackReceiverOptions): SlackHttpReceiver {
  let app: App | undefined;
  // Anyone can send a bad signature: those lines are rate-limited so they cannot bury real errors.
  const limited = createLogLimiter(logger);
  const refuse = (res: ServerResponse, reason: string, answer: Answer) => {
    limited.warn('slack.refused', { reason }, 'slack request refused');
    answer(res);
  };

  /** The same signature again is the same request again (a replay, or Slack retrying something we
   *  already acted on): acknowledged so nobody retries, but not acted on twice. The verified
   *  signature is an HMAC of the timestamp and the body, so it identifies them: its first 128 bits
   *  (32 hex digits after `v0=`) are plenty to tell requests apart. */
  const isFirst = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const fingerprint = String(req.headers['x-slack-signature']).slice(3, 35);
    try {
      if (await claims.claimRequest(`slack:${fingerprint}`, REPLAY_MEMORY_MS)) return true;
      refuse(res, 'replay', empty);
    } catch (err) {
      logFailure(logger, 'slack.claim_failed', err, 'could not check for a replayed request');
      answerJson(res, 503, { error: 'try again' });
    }
    return false;
  };

  /** The body of a signed, first-seen request of a shape this app listens to; anything else is answered here. */
  const admit = async (req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> => {
    // Too large, or cut short (by the client, or by the shared server's deadline): a BodyError the server answers.
    const raw = await readBody(req, { limit: MAX_BODY_BYTES });
    const refused = verifySignature(signingSecret, req.headers, raw, clock.now().getTime());
    if (refused) {
      refuse(res, refused.reason, (r) => answerJson(r, refused.status, { error: 'invalid request signature' }));
      return undefined;
    }
    if (!(await isFirst(req, res))) return undefined;
    const body = parseSlackBody(mediaTypeOf(req), raw.toString('utf8'));
    if (!body) {
      refuse(res, 'malformed_body', (r) => answerJson(r, 400, { error: 'malformed body' }));
      return undefined;
    }
    if (body.ssl_check) empty(res);
    else if (body.type === 'url_verification') answerJson(res, 200, { challenge: String(body.challenge ?? '') });
    else if (!isHandledSlackShape(body)) {
      logger.warn({ event: 'slack.ignored', reason: 'unhandled_shape' }, 'slack request ignored');
      empty(res);
    } else return body;
    return undefined;
  };

  return {
    init(a: App) { app = a; },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    async handle(req, res) {
      const body = await admit(req, res);
      if (body) await dispatch(app!, logger, body, req, res);
    },
  };
}
