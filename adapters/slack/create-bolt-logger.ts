import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt/dist/App';
import type { Logger } from '../../src/base/logger';

/**
 * Bolt and the Web API client log whole request bodies at debug level. Only warnings and errors get
 * through, reduced to their words and error codes: never a payload, a message or a token.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const safe = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? `${a.name}${(a as { code?: string }).code ? ` ${(a as { code?: string }).code}` : ''}` : typeof a === 'string' ? a.slice(0, 160).replace(/xox[a-z]-[\w-]+/g, '[token]') : typeof a)).join(' ');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args) => logger.warn({ event: 'slack.sdk', detail: safe(args) }, 'slack sdk warning'),
    error: (...args) => logger.error({ event: 'slack.sdk', detail: safe(args) }, 'slack sdk error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
