import type { Logger } from '../../src/base/logger';
import { createLogLimiter } from './limit-log-rate';

// botbuilder and its token validator write to console.error / console.warn — stack traces and key
// dumps, not JSON — for requests anyone can send (an expired or forged token). While the bot runs,
// those lines become rate-limited JSON warnings carrying an error's class or a string's first words
// (the library's own wording; never a payload). The bot itself never writes to the console.

const DETAIL_CHARS = 80;

function describe(args: unknown[]): string {
  return args
    .map((a) => (a instanceof Error ? a.name : typeof a === 'string' ? a.split('\n')[0]!.slice(0, DETAIL_CHARS) : typeof a))
    .join(' ');
}

/** Routes console.error and console.warn to the logger; returns what puts them back. */
export function routeConsoleToLog(logger: Logger): () => void {
  const limited = createLogLimiter(logger);
  const { error, warn } = console;
  console.error = (...args: unknown[]) => limited.warn('sdk.console', { via: 'console.error', detail: describe(args) }, 'a library wrote to the console');
  console.warn = (...args: unknown[]) => limited.warn('sdk.console', { via: 'console.warn', detail: describe(args) }, 'a library wrote to the console');
  return () => { console.error = error; console.warn = warn; };
}
