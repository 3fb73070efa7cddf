import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Slack's request signing, checked against the bot's clock (Bolt's verifySlackRequest reads the
// system clock, and accepts timestamps far in the future), and Slack's three body shapes.

/** Slack's own tolerance, applied to the past and (unlike Bolt) to the future. */
export const MAX_SKEW_SECONDS = 5 * 60;

export type Rejection = { status: number; reason: string };

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

const asObject = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Slack's three body shapes: JSON (Events API), a form (slash commands), a form with a JSON `payload` (interactivity). */
export function parseSlackBody(mediaType: string, raw: string): Record<string, unknown> | undefined {
  try {
    if (mediaType === 'application/json') return asObject(JSON.parse(raw));
    if (mediaType === 'application/x-www-form-urlencoded') {
      const form = Object.fromEntries(new URLSearchParams(raw));
      return typeof form.payload === 'string' ? asObject(JSON.parse(form.payload)) : form;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
