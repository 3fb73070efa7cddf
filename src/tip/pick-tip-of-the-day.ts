import type { Guide } from '../guide/load-guide';
import type { GuideItem } from '../guide/guide-schema';

const DAY_MS = 86_400_000;
// A step coprime with the number of tips walks through all of them before repeating, without
// showing neighbours from the same part of the guide on consecutive days.
const STEP = 11;

/** The same tip all day for everyone in a time zone; a different one tomorrow. */
export function pickTipOfTheDay(guide: Guide, now: Date, timeZone = 'UTC'): GuideItem {
  const tips = guide.ofKind('tip');
  const local = localDayNumber(now, timeZone);
  let step = STEP;
  while (gcd(step, tips.length) !== 1) step++;
  return tips[(local * step) % tips.length]!;
}

function localDayNumber(now: Date, timeZone: string): number {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return Math.floor(Date.parse(`${ymd}T00:00:00Z`) / DAY_MS);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
