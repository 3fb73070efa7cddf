import type { Lang } from '../base/language';
import { readableForTimes, timeParsersFor } from '../language/time-parsers';

/** Minutes east of UTC for an IANA zone at an instant (chrono wants an offset, not a zone name). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  } catch {
    return 0;
  }
}

export interface MeetingTime {
  /** The words before the time: the meeting's name. */
  before: string;
  start: Date;
  /** When the meeting ends: the range's end, or an hour after the start when only a start is given. */
  end: Date;
  /** False for a day without a time of day ("12 December"): start and end are then a guess (noon). */
  timeKnown: boolean;
}

const DEFAULT_LENGTH_MS = 60 * 60 * 1000;

/** Finds "tomorrow 15:00-16:00" in free text, read in the person's time zone, always in the future. */
export function parseMeetingTime(text: string, now: Date, timeZone = 'UTC', lang: Lang = 'en'): MeetingTime | undefined {
  const readable = readableForTimes(text, lang);
  // The language's parser and English's each read the text; when both find a time, one reading must
  // contain the other ("mañana 15:00-16:00" and "15:00-16:00"), else the two halves of a mixed text
  // ("el viernes at 3pm") would each be half the answer: refused rather than half-read.
  const parse = (offset: number) => {
    const [own, other] = timeParsersFor(lang).map((parser) => parser.parse(readable, { instant: now, timezone: offset }, { forwardDate: true })[0]);
    if (!own || !other) return own ?? other;
    const covers = (a: typeof own, b: typeof own) => a.index <= b.index && a.index + a.text.length >= b.index + b.text.length;
    return covers(own, other) ? own : covers(other, own) ? other : undefined;
  };
  let found = parse(zoneOffsetMinutes(timeZone, now));
  if (!found) return undefined;
  // Across a daylight-saving change the offset at the meeting differs from today's: read it again.
  const atMeeting = zoneOffsetMinutes(timeZone, found.start.date());
  if (atMeeting !== zoneOffsetMinutes(timeZone, now)) found = parse(atMeeting) ?? found;
  const start = found.start.date();
  const end = found.end?.date() ?? new Date(start.getTime() + DEFAULT_LENGTH_MS);
  return {
    before: readable.slice(0, found.index).trim(),
    start,
    end: end > start ? end : new Date(start.getTime() + DEFAULT_LENGTH_MS),
    timeKnown: found.start.isCertain('hour'),
  };
}
