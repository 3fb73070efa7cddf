import type { Logger } from '../../src/base/logger';

// What a log line may say about an error, for every adapter: its class, a library's code when it
// set one, and where it was thrown — never its message, which can quote a payload, what a person
// typed or a URL with a token in it. Stack lines are kept only when they are frames ("at …"): an
// error message that runs over several lines would otherwise slip in after the first.

/** Library codes are identifiers ("ECONNRESET", "slack_webapi_platform_error"); anything else is left out. */
const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
const FRAMES = 5;

export interface ErrorFields {
  error: string;
  code?: string;
  at?: string;
}

export function errorFields(err: unknown): ErrorFields {
  const { name, code, stack } = (err ?? {}) as { name?: unknown; code?: unknown; stack?: unknown };
  const frames = typeof stack === 'string' ? stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, FRAMES).join('\n') : '';
  return {
    error: typeof name === 'string' && name ? name.slice(0, 64) : 'Error',
    ...(typeof code === 'string' && CODE.test(code) ? { code } : {}),
    ...(frames ? { at: frames } : {}),
  };
}

/** Logs a failure at error level: the event, the caller's own fields, and errorFields(err). */
export function logFailure(logger: Logger, event: string, err: unknown, message: string, fields: Record<string, unknown> = {}): void {
  logger.error({ event, ...fields, ...errorFields(err) }, message);
}
