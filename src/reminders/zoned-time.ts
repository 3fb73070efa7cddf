// Wall-clock arithmetic in an IANA zone with nothing but Intl: chrono-node and node-cron reason in
// the process's zone or in fixed offsets, which is wrong on the far side of a daylight-saving change.

export interface WallTime { year: number; month: number; day: number; hour: number; minute: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** True for zones this runtime knows; anything else falls back to UTC at the edge. */
export function isValidZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return false;
  try { partsFormatter(zone); return true; } catch { return false; }
}

export const zoneOrUtc = (zone: unknown): string => (isValidZone(zone) ? zone : 'UTC');

export function toWallTime(instant: Date, zone: string): WallTime & { second: number } {
  const p = Object.fromEntries(partsFormatter(zone).formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second! };
}

/** Minutes east of UTC at this instant. */
function offsetMinutes(instant: number, zone: string): number {
  const w = toWallTime(new Date(instant), zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time happens in `zone`. A time skipped by a spring-forward change moves
 * forward by the gap (02:30 -> 03:30); a time that happens twice in autumn is taken the first time,
 * so a reminder is delivered once either way.
 */
export function fromWallTime(w: WallTime, zone: string): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = offsetMinutes(naive - 36 * 3600_000, zone);
  const after = offsetMinutes(naive + 36 * 3600_000, zone);
  // Try the offset in force before and after; the earlier match wins in the repeated hour.
  const candidates = [naive - before * 60_000, naive - after * 60_000].sort((a, b) => a - b);
  for (const c of candidates) if (offsetMinutes(c, zone) * 60_000 === naive - c) return new Date(c);
  // Inside a gap: neither offset reproduces the wall time; the later reading is the moved-forward one.
  return new Date(naive - before * 60_000);
}

/** Day of week 0 (Sunday)..6 of a calendar date. */
export const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** "Tuesday 8 December at 09:00 Africa/Nairobi": what the person sees echoed back. */
export function describeInZone(instant: Date, zone: string, now: Date): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const year = toWallTime(instant, zone).year;
  const thisYear = year === toWallTime(now, zone).year;
  return `${p.weekday} ${p.day} ${p.month}${thisYear ? '' : ` ${year}`} at ${p.hour}:${p.minute} ${zone}`;
}
