import { validate } from 'node-cron';
import { fromWallTime, toWallTime, weekdayOf } from '../base/zoned-time';

// Recurring reminders are five-field cron expressions evaluated in the owner's zone. The phrases we
// accept produce numbers, lists and "*" only; node-cron validates the syntax, and the next run is
// found by walking calendar days in the zone, so a daylight-saving change neither skips nor doubles
// an occurrence (a skipped local time moves forward by the gap, a repeated one happens once).

const MAX_DAYS = 366 * 5;

function field(spec: string, min: number, max: number): Set<number> | 'any' | undefined {
  if (spec === '*') return 'any';
  const values = new Set<number>();
  for (const part of spec.split(',')) {
    if (!/^\d{1,2}$/.test(part)) return undefined;
    const n = Number(part);
    if (n < min || n > max) return undefined;
    values.add(max === 7 && n === 7 ? 0 : n);
  }
  return values;
}

export interface CronSchedule { minutes: Set<number>; hours: Set<number>; days: Set<number> | 'any'; months: Set<number> | 'any'; weekdays: Set<number> | 'any' }

/** The expression as a schedule, or undefined when it is not one we can evaluate. */
export function parseCron(expression: string): CronSchedule | undefined {
  if (typeof expression !== 'string' || !validate(expression)) return undefined;
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const [mi, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const minutes = field(mi, 0, 59), hours = field(h, 0, 23), days = field(dom, 1, 31), months = field(mon, 1, 12), weekdays = field(dow, 0, 7);
  if (!minutes || !hours || !days || !months || !weekdays || minutes === 'any' || hours === 'any') return undefined;
  return { minutes, hours, days, months, weekdays };
}

const has = (set: Set<number> | 'any', n: number) => set === 'any' || set.has(n);

/** The first occurrence strictly after `after`, in `zone`; undefined if none within five years. */
export function nextCronOccurrence(expression: string, zone: string, after: Date): Date | undefined {
  const s = parseCron(expression);
  if (!s) return undefined;
  const start = toWallTime(after, zone);
  const times = [...s.hours].sort((a, b) => a - b).flatMap((hour) => [...s.minutes].sort((a, b) => a - b).map((minute) => ({ hour, minute })));
  // Walk days with a UTC calendar (no zone maths needed to step a date), then place each time in the zone.
  const day = new Date(Date.UTC(start.year, start.month - 1, start.day));
  for (let i = 0; i < MAX_DAYS; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    const year = day.getUTCFullYear(), month = day.getUTCMonth() + 1, date = day.getUTCDate();
    if (!has(s.months, month)) continue;
    // Cron's rule: when both day-of-month and day-of-week are restricted, either may match.
    const domOk = has(s.days, date), dowOk = has(s.weekdays, weekdayOf(year, month, date));
    const restrictedBoth = s.days !== 'any' && s.weekdays !== 'any';
    if (restrictedBoth ? !(domOk || dowOk) : !(domOk && dowOk)) continue;
    for (const t of times) {
      const at = fromWallTime({ year, month, day: date, ...t }, zone);
      if (at.getTime() > after.getTime()) return at;
    }
  }
  return undefined;
}
