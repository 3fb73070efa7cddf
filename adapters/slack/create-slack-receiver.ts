import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { isHandledSlackShape } from './check-slack-shape';
import type { Clock } from '../../src/base/clock';
import type { Logger } from '../../src/base/logger';
import type { Claims } from '../../src/storage/create-claims';
import { createLogLimiter } from '../http/limit-log-rate';
import { mediaTypeOf, readBody } from '../http/read-body';

// Bolt's HTTPReceiver owns its own server, accepts timestamps far in the future, buffers ~4 MB before
// looking at a request and never notices a replay. This receiver sits on the shared HTTP server and
// does, in order: cap the body, verify the signature and the timestamp both ways, claim the request
// once across every instance, parse, and only then hand the event to Bolt.

export const MAX_BODY_BYTES = 1024 * 1024;
/** Slack's own tolerance, applied to the past and (unlike Bolt) to the future. */
export const MAX_SKEW_SECONDS = 5 * 60;
/** A signature is only accepted within ±5 minutes of its timestamp: remembering it 10 minutes covers every replay. */
const REPLAY_MEMORY_MS = 2 * MAX_SKEW_SECONDS * 1000;
/** Slack waits 3 s; answer just before so a slow listener never shows the person a timeout. */
const ACK_DEADLINE_MS = 2900;

export interface SlackReceiverOptions {
  signingSecret: string;
  clock: Clock;
  claims: Pick<Claims, 'claimRequest'>;
  logger: Logger;
}

export interface SlackHttpReceiver extends Receiver {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

type Rejection = { status: number; reason: string };

export function verifySignature(secret: string, headers: IncomingMessage['headers'], raw: Buffer, nowMs: number): Rejection | undefined {
  const signature = headers['x-slack-signature'];
  const stamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof stamp !== 'string') return { status: 401, reason: 'missing_signature' };
  if (!/^\d{1,12}$/.test(stamp)) return { status: 401, reason: 'bad_timestamp' };
  const skew = Math.floor(nowMs / 1000) - Number(stamp);
  if (skew > MAX_SKEW_SECONDS) return { status: 401, reason: 'stale_timestamp' };
  if (skew < -MAX_SKEW_SECONDS) return { status: 401, reason: 'future_timestamp' };
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${stamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 401, reason: 'bad_signature' };
  return undefined;
}

/** Slack's three body shapes: JSON (Events API), a form (slash commands), a form with a JSON `payload` (interactivity). */
export function parseSlackBody(mediaType: string, raw: string): Record<string, unknown> | undefined {
  try {
    if (mediaType === 'application/json') {
      const body = JSON.parse(raw);
      return body && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
    }
    if (mediaType === 'application/x-www-form-urlencoded') {
      const form = Object.fromEntries(new URLSearchParams(raw));
      if (typeof form.payload !== 'string') return form;
      const payload = JSON.parse(form.payload);
      return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

// With the length known up front Node sends headers and body in one plain write; without it, a
// chunked response: more framing and buffers per answer, ~8% of a slash command's CPU in the bench.
const send = (res: ServerResponse, status: number, type: string, text: string) => {
  if (!res.headersSent) res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) }).end(text);
};
const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body));

export function createSlackReceiver({ signingSecret, clock, claims, logger }: SlackReceiverOptions): SlackHttpReceiver {
  let app: App | undefined;
  // Anyone can send a bad signature: those lines are rate-limited so they cannot bury real errors.
  const limited = createLogLimiter(logger);

  return {
    init(a: App) { app = a; },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),

    async handle(req, res) {
      // Too large, or cut short (by the client, or by the shared server's deadline): a BodyError the server answers.
      const raw = await readBody(req, { limit: MAX_BODY_BYTES });
      const refused = verifySignature(signingSecret, req.headers, raw, clock.now().getTime());
      if (refused) {
        limited.warn('slack.refused', { reason: refused.reason }, 'slack request refused');
        json(res, refused.status, { error: 'invalid request signature' });
        return;
      }
      // The same signature again is the same request again (a replay, or Slack retrying something we
      // already acted on): acknowledge it so nobody retries, but do not act twice. The verified
      // signature is an HMAC of the timestamp and the body, so it identifies them: its first 128
      // bits (32 hex digits after `v0=`) are plenty to tell requests apart.
      const fingerprint = String(req.headers['x-slack-signature']).slice(3, 35);
      let first: boolean;
      try {
        first = await claims.claimRequest(`slack:${fingerprint}`, REPLAY_MEMORY_MS);
      } catch (err) {
        logger.error({ event: 'slack.claim_failed', error: (err as Error)?.name }, 'could not check for a replayed request');
        json(res, 503, { error: 'try again' });
        return;
      }
      if (!first) {
        limited.warn('slack.refused', { reason: 'replay' }, 'slack request refused');
        res.writeHead(200).end();
        return;
      }
      const body = parseSlackBody(mediaTypeOf(req), raw.toString('utf8'));
      if (!body) {
        limited.warn('slack.refused', { reason: 'malformed_body' }, 'slack request refused');
        json(res, 400, { error: 'malformed body' });
        return;
      }
      if (body.ssl_check) { res.writeHead(200).end(); return; }
      if (body.type === 'url_verification') { json(res, 200, { challenge: String(body.challenge ?? '') }); return; }
      if (!isHandledSlackShape(body)) {
        logger.warn({ event: 'slack.ignored', reason: 'unhandled_shape' }, 'slack request ignored');
        res.writeHead(200).end();
        return;
      }

      let acked = false;
      const ack = async (response?: unknown) => {
        if (acked) return;
        acked = true;
        clearTimeout(deadline);
        if (response === undefined || response === '') res.writeHead(200).end();
        else if (typeof response === 'string') send(res, 200, 'text/plain; charset=utf-8', response);
        else json(res, 200, response);
      };
      const deadline = setTimeout(() => {
        logger.warn({ event: 'slack.ack_late' }, 'no acknowledgement within Slack’s deadline');
        void ack();
      }, ACK_DEADLINE_MS);
      const retry = req.headers['x-slack-retry-num'];
      const event: ReceiverEvent = {
        body,
        ack,
        ...(typeof retry === 'string' ? { retryNum: Number(retry) } : {}),
        ...(typeof req.headers['x-slack-retry-reason'] === 'string' ? { retryReason: req.headers['x-slack-retry-reason'] } : {}),
      };
      try {
        await app!.processEvent(event);
        // Every listener has run; with none for this event (an event type we do not subscribe to,
        // a view closed), answer now instead of letting Slack wait for the deadline.
        await ack();
      } catch (err) {
        // Where it failed, never the message (it can quote the payload).
        logger.error({ event: 'slack.event_failed', error: (err as Error)?.name, code: (err as { code?: string })?.code, at: String((err as Error)?.stack ?? '').split('\n').slice(1, 6).join('\n') }, 'slack event failed');
        if (!acked) { acked = true; clearTimeout(deadline); json(res, 500, { error: 'internal' }); }
      }
    },
  };
}
