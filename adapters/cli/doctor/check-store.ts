import { randomBytes } from 'node:crypto';
import type { Config } from '../../../src/config/load-config';
import { openStorage, parseStoreUrl, StorageUrlError, type Storage } from '../../../src/storage/open-storage';
import { fail, pass, type CheckResult } from './check-result';
import { seconds } from './reach-service';

// The store: open it, write a probe value, read it back, delete it; then take and give back a
// probe claim on the store's own operations (where reminders and claims live), which opens their
// connection and tables. Both probes have a one-minute lifetime too, so a doctor killed half-way
// leaves nothing that lasts. Nothing else is touched.

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** STORE_URL without its password, for printing. */
export function redactStoreUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

export interface StoreProbe {
  result: CheckResult;
  /** The open store when the probe passed (the key check reads it), else undefined. */
  storage?: Storage;
}

export async function checkStore(config: Config, { timeoutMs }: { timeoutMs: number }): Promise<StoreProbe> {
  const label = 'Store';
  const shown = redactStoreUrl(config.STORE_URL);
  let kind;
  try {
    kind = parseStoreUrl(config.STORE_URL).kind;
  } catch (err) {
    if (err instanceof StorageUrlError) return { result: fail(label, err.message) };
    throw err;
  }
  let storage: Storage | undefined;
  try {
    storage = openStorage(config.STORE_URL, { connectTimeoutMs: timeoutMs });
    const probe = storage.namespace<string>('doctor');
    const key = `probe:${randomBytes(6).toString('hex')}`;
    const value = randomBytes(8).toString('hex');
    await within(timeoutMs, (async () => {
      await probe.set(key, value, 60_000);
      const back = await probe.get(key);
      if (back !== value) throw new Error('a value written could not be read back');
      await probe.delete(key);
      if (!(await storage!.claim(`doctor:${key}`, 60_000, value))) throw new Error('a test claim could not be taken');
      await storage!.release(`doctor:${key}`, value);
    })());
    const note = kind === 'memory' ? ' (memory:// keeps nothing once the bot stops: for tests only)' : '';
    return { result: pass(label, `${shown} works: a test value was written, read back and deleted${note}.`), storage };
  } catch (err) {
    await closeQuietly(storage, timeoutMs);
    const why = unreachable(err, timeoutMs);
    if (why) return { result: fail(label, `could not reach the store at ${shown} (${why}): is the ${kind === 'redis' ? 'Redis' : 'PostgreSQL'} server running, and are the host and port in STORE_URL right?`) };
    return { result: fail(label, `${shown} could not be used: ${(err as Error).message}. Check STORE_URL (user, password, database) and that the bot may write there.`) };
  }
}

export async function closeQuietly(storage: Storage | undefined, timeoutMs: number): Promise<void> {
  if (!storage) return;
  await within(timeoutMs, storage.close()).catch(() => undefined);
}

class TimedOut extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new TimedOut()), ms); });
  work.catch(() => undefined); // a late rejection after the timeout is not an unhandled one
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A network-level failure anywhere in the error chain (pg wraps them; Node gives AggregateErrors). */
function unreachable(err: unknown, timeoutMs: number, depth = 0): string | undefined {
  if (err instanceof TimedOut) return `no answer within ${seconds(timeoutMs)}`;
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (typeof e.message === 'string' && /timeout|timed out/i.test(e.message) && /connect/i.test(e.message)) return `no answer within ${seconds(timeoutMs)}`;
  // @keyv/redis says only this, without the system error behind it.
  if (typeof e.message === 'string' && /not connected or has failed to connect/i.test(e.message)) return 'the connection failed';
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = unreachable(inner, timeoutMs, depth + 1);
    if (found) return found;
  }
  return undefined;
}
