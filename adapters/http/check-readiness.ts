import type { Storage } from '../../src/storage/open-storage';
import type { PlatformMount } from '../platform-mount';

// GET /readyz: may this instance take traffic? Yes when the store answers a read and every
// platform's credentials were accepted. /healthz stays liveness only (the process answers), so an
// orchestrator restarts a stuck process but merely holds traffic back from one whose database is
// away. The answer is reused for a second: a stranger polling /readyz cannot turn into load on
// the store.

export type ReadinessCheck = () => Promise<string | undefined>;

export interface ReadinessOptions {
  storage: Pick<Storage, 'namespace'>;
  mounts: Pick<PlatformMount, 'name' | 'ready'>[];
  /** A store read slower than this counts as not answering (ms). */
  timeoutMs?: number;
  cacheMs?: number;
  now?: () => number;
}

export function createReadinessCheck({ storage, mounts, timeoutMs = 2000, cacheMs = 1000, now = () => performance.now() }: ReadinessOptions): ReadinessCheck {
  let last: { at: number; answer: Promise<string | undefined> } | undefined;
  const probe = storage.namespace<string>('readiness');

  const check = async (): Promise<string | undefined> => {
    for (const m of mounts) {
      const problem = m.ready?.();
      if (problem) return problem;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    try {
      const answered = await Promise.race([probe.get('probe').then(() => 'ok' as const), timedOut]);
      return answered === 'ok' ? undefined : 'store not answering';
    } catch {
      return 'store not answering';
    } finally {
      clearTimeout(timer);
    }
  };

  return () => {
    const t = now();
    if (!last || t - last.at >= cacheMs) last = { at: t, answer: check() };
    return last.answer;
  };
}
