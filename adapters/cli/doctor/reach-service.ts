// The doctor's calls to Slack and Microsoft. A request that never got an HTTP answer (refused,
// unknown host, timeout, TLS trouble) is "could not reach", never "bad credentials": telling a
// volunteer to replace a working token because the office Wi-Fi blocks slack.com sends them the
// wrong way.

export interface Answer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

export type Reached = { reached: true; answer: Answer } | { reached: false; why: string };

/** POSTs a form and reads the answer; network failures come back as `{ reached: false, why }`. */
export async function postForm(url: string, form: Record<string, string>, { headers = {}, timeoutMs }: { headers?: Record<string, string>; timeoutMs: number }): Promise<Reached> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch { /* not JSON: a proxy's error page, say */ }
    return { reached: true, answer: { status: res.status, headers: res.headers, json } };
  } catch (err) {
    return { reached: false, why: networkReason(err, timeoutMs) };
  }
}

/** A short reason for a failed connection: the system error code, or "no answer within N s". */
export function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'ConnectTimeoutError') return `no answer within ${seconds(timeoutMs)}`;
  return e?.cause?.code ?? e?.code ?? e?.cause?.message ?? (err as Error)?.message ?? 'network error';
}

export const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The advice that fits any unreachable service. */
export const REACH_ADVICE = "check this computer's internet connection, and any proxy or firewall between it and the service";
