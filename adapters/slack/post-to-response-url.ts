import type { Logger } from '../../src/base/logger';

// A message posted to a response_url the adapter kept itself (a slash command's, held with the modal
// it opened). Bolt's respond() only exists inside the request that carried the address; this one is
// used later, so it says whether the post landed and lets the caller fall back to the DM.

/** Slack answers quickly or not at all: past this the person gets their answer by DM instead. */
const POST_TIMEOUT_MS = 5000;

/** Slack's reason when it refuses (expired_url, used_url…), read from a JSON or a plain-text answer. */
function refusal(status: number, answer: string): string | undefined {
  let said: unknown = answer.trim();
  try {
    said = JSON.parse(answer);
  } catch {
    // Slack answers a good post with the plain text "ok", and some refusals in plain text too.
  }
  const object = typeof said === 'object' && said !== null ? (said as { ok?: unknown; error?: unknown }) : undefined;
  if (object?.ok === false) return typeof object.error === 'string' && /^[a-z_]{1,40}$/.test(object.error) ? object.error : 'not_ok';
  if (status >= 200 && status < 300) return undefined;
  return typeof said === 'string' && /^[a-z_]{1,40}$/.test(said) ? said : `http_${status}`;
}

/** True when Slack took the message. Neither the address nor the message is logged: both are the person's. */
export async function postToResponseUrl(url: string, message: object, logger: Logger): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    const reason = refusal(res.status, await res.text());
    if (!reason) return true;
    logger.warn({ event: 'slack.response_url_refused', reason }, 'response_url refused the answer; it goes to the DM');
  } catch (err) {
    logger.warn({ event: 'slack.response_url_failed', error: (err as Error)?.name }, 'could not post to response_url; the answer goes to the DM');
  }
  return false;
}
