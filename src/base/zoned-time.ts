// Wall-clock arithmetic in an IANA zone with nothing but Intl: chrono-node and node-cron reason in
// the process's zone or in fixed offsets, which is wrong on the far side of a daylight-saving change.

import { intlLocale, isolate, type Lang } from './language';

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

/** A real calendar day written YYYY-MM-DD (not 2027-02-31). */
export function isCalendarDay(day: unknown): day is string {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const at = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
}

/** A calendar day (YYYY-MM-DD) at an hour of the day in `zone`: "the 31st at nine, my time". */
export function dayAtHour(day: string, hour: number, zone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return fromWallTime({ year, month, day: date, hour, minute: 0 }, zone);
}

/** Day of week 0 (Sunday)..6 of a calendar date. */
export const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

// Every date and time the bot shows is written by the two functions below, one way: a moment as
// "Tuesday 8 December at 09:00 Africa/Nairobi" (always with the zone it is read in, so a
// misunderstanding shows at once), a calendar day as "Friday 20 November"; the year only when it is
// not this year.

const describers = new Map<string, Intl.DateTimeFormat>();
function describeParts(instant: Date, zone: string): Record<string, string> {
  let f = describers.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    describers.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
}

const dayWords = (p: Record<string, string>, thisYear: number) => `${p.weekday} ${p.day} ${p.month}${Number(p.year) === thisYear ? '' : ` ${p.year}`}`;

// Other languages: Intl writes the date in the language's own order and words ("martes, 8 de
// diciembre, 09:00"), followed by the zone's name, which is the same in every language.
const localDescribers = new Map<string, Intl.DateTimeFormat>();
function describeLocally(instant: Date, zone: string, lang: Lang, withYear: boolean, withTime: boolean): string {
  const key = `${lang}|${zone}|${withYear}|${withTime}`;
  let f = localDescribers.get(key);
  if (!f) {
    const time = withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const : {};
    f = new Intl.DateTimeFormat(intlLocale(lang), { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), ...time });
    localDescribers.set(key, f);
  }
  return f.format(instant);
}

/** A moment, in `zone`: "Tuesday 8 December at 09:00 Africa/Nairobi" (or in `lang`'s words). */
export function describeInZone(instant: Date, zone: string, now: Date, lang: Lang = 'en'): string {
  const p = describeParts(instant, zone);
  const thisYear = toWallTime(now, zone).year;
  if (lang !== 'en') return `${describeLocally(instant, zone, lang, Number(p.year) !== thisYear, true)} ${isolate(`(${zone})`, lang)}`;
  return `${dayWords(p, thisYear)} at ${p.hour}:${p.minute} ${zone}`;
}

/** A calendar day ("2026-11-20", e.g. the day of a meeting as the person gave it): "Friday 20 November".
 *  It has no time of day, so no zone; `zone` only says which year "this year" is. */
export function describeDay(day: string, zone: string, now: Date, lang: Lang = 'en'): string {
  const noon = new Date(`${day}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(noon.getTime())) return day;
  const p = describeParts(noon, 'UTC');
  const thisYear = toWallTime(now, zone).year;
  if (lang !== 'en') return describeLocally(noon, 'UTC', lang, Number(p.year) !== thisYear, false);
  return dayWords(p, thisYear);
}
