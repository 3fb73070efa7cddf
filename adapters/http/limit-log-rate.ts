import type { Logger } from '../../src/base/logger';

// Lines a stranger can cause (a refused signature, a forged token, a body cut short) are logged
// at warn, and at most `perMinute` of each kind a minute: a flood of bad requests must not bury the
// errors that matter, nor fill the disk. The first line after a quiet spell says how many were
// left out, so the operator still sees the size of the flood.

export interface LogLimiter {
  /** Logs `fields` at warn unless this kind already had its share this minute. */
  warn(kind: string, fields: Record<string, unknown>, message: string): void;
}

const WINDOW_MS = 60_000;
/** Kinds are a handful of fixed names; the cap only guards against a caller passing something open-ended. */
const MAX_KINDS = 100;

export function createLogLimiter(logger: Logger, { perMinute = 10, now = () => performance.now() }: { perMinute?: number; now?: () => number } = {}): LogLimiter {
  const windows = new Map<string, { start: number; count: number; dropped: number }>();
  return {
    warn(kind, fields, message) {
      const t = now();
      let w = windows.get(kind);
      if (!w || t - w.start >= WINDOW_MS) {
        const dropped = w?.dropped ?? 0;
        if (!w && windows.size >= MAX_KINDS) windows.clear();
        w = { start: t, count: 0, dropped: 0 };
        windows.set(kind, w);
        if (dropped) fields = { ...fields, suppressed: dropped };
      }
      if (w.count >= perMinute) { w.dropped += 1; return; }
      w.count += 1;
      logger.warn({ event: kind, ...fields }, message);
    },
  };
}
