import type * as Chrono from 'chrono-node';
import { validate } from 'node-cron';
import { fromWallTime, toWallTime, weekdayOf, type WallTime } from '../base/zoned-time';
import { nextCronOccurrence } from './next-cron-occurrence';
import { readableForTimes, timeParsersFor } from '../language/time-parsers';
import type { ChannelLink } from '../base/incoming';
import type { Lang } from '../base/language';
import type { ReminderWords } from './load-reminder-messages';

// "/engage-remind me to … in 2 weeks", "#channel to … on Friday at 10am", "me every month on the 1st
// to …", "list", "cancel <id>", "help", and the same in each language the bot speaks: its words come
// from prompts/<lang>/reminders.json, its times from chrono-node's parser for that language. English
// words are understood in every language (people mix them). Times are understood in the person's
// zone. Anything we are not sure of is refused with a reason code (the handler turns it into a
// sentence with an example): a wrong guess is worse than a question.

export const MAX_REMINDER_TEXT = 500;
/** When someone names a day but no time, like Slack's /remind: nine in the morning. */
const DEFAULT_HOUR = 9;

export type RemindWho = { kind: 'me' } | { kind: 'channel'; channelId: string; channelName?: string };

export type ParsedRemind =
  | { kind: 'help' }
  | { kind: 'list' }
  | { kind: 'cancel'; id: string }
  | { kind: 'create'; who: RemindWho; text: string; dueAt: Date; cron?: string }
  | { kind: 'error'; reason: ParseProblem };

export type ParseProblem = 'noWho' | 'channelNotLinked' | 'noText' | 'noTime' | 'past' | 'tooLong' | 'badRecurrence' | 'badCancel';

/** The language a reminder is read in: its words (English's are added) and its chrono parser. */
export interface RemindLanguage {
  lang: Lang;
  words: ReminderWords;
  /** English's words, understood in every language. */
  english: ReminderWords;
}

type WordList = keyof Omit<ReminderWords, 'weekdayNames'>;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = new Map<string, RegExp>();
/** The phrases of `list` in either language, longest first, each a whole word: one alternation. */
function phrases(l: RemindLanguage, list: WordList): string {
  const all = [...new Set([...l.words[list], ...l.english[list]])].sort((a, b) => b.length - a.length);
  // "d’" and "d'": people type either apostrophe.
  return `(?:${all.map((p) => p.split(/\s+/).map((w) => escapeRe(w).replace(/['’]/g, "['’]")).join('\\s+')).join('|')})`;
}
function re(l: RemindLanguage, key: string, build: () => string, flags = 'iu'): RegExp {
  const id = `${l.lang}|${key}`;
  let r = compiled.get(id);
  if (!r) compiled.set(id, (r = new RegExp(build(), flags)));
  return r;
}
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

// Eastern Arabic and Persian digits are read as the digits they are.
const asciiDigits = (text: string) => text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));

/** `channels`: the channels the platform says were linked in the text (IncomingCommand.channels). */
export function parseRemindText(raw: string, zone: string, now: Date, channels: readonly ChannelLink[], l: RemindLanguage): ParsedRemind {
  const text = readableForTimes(asciiDigits(raw.trim()), l.lang);
  const lower = text.toLowerCase();
  const only = (list: WordList) => re(l, `only-${list}`, () => `^${phrases(l, list)}$`).test(lower);
  if (lower === '' || only('help')) return { kind: 'help' };
  if (only('list')) return { kind: 'list' };
  const cancel = re(l, 'cancel', () => `^${phrases(l, 'cancel')}${E}\\s*(.*)$`, 'isu').exec(text);
  if (cancel) {
    const id = cancel[1]!.trim().replace(/^`|`$/g, '');
    return /^[a-z0-9]{4,16}$/i.test(id) ? { kind: 'cancel', id: id.toLowerCase() } : { kind: 'error', reason: 'badCancel' };
  }

  const who = readWho(text, channels, l);
  if ('reason' in who) return { kind: 'error', reason: who.reason };
  const rest = who.rest;
  if (re(l, 'every', () => `${B}${phrases(l, 'every')}\\s`).test(rest)) {
    const recurring = parseRecurring(who.who, rest, zone, now, l);
    if (recurring) return recurring;
    // Not a repetition we know: a one-off if it reads as one ("todos los documentos mañana"), else
    // the person is told how repetitions are written.
    const once = parseOnce(who.who, rest, zone, now, l);
    return once.kind === 'error' ? { kind: 'error', reason: 'badRecurrence' } : once;
  }
  return parseOnce(who.who, rest, zone, now, l);
}

function readWho(text: string, channels: readonly ChannelLink[], l: RemindLanguage): { who: RemindWho; rest: string } | { reason: ParseProblem } {
  if (/^#\S/.test(text)) {
    // Only a channel the platform linked (picked from its list) counts: a typed "#name" could be
    // any channel, or none.
    const first = text.split(/\s/, 1)[0]!;
    const linked = channels.find((c) => c.display.normalize('NFKC') === first);
    if (!linked) return { reason: 'channelNotLinked' };
    return { who: { kind: 'channel', channelId: linked.channelId, ...(linked.name ? { channelName: linked.name } : {}) }, rest: text.slice(first.length).trim() };
  }
  const me = re(l, 'me', () => `^${phrases(l, 'me')}${E}\\s*(.*)$`, 'isu').exec(text);
  if (me) return { who: { kind: 'me' }, rest: me[1]! };
  return { reason: 'noWho' };
}

function cleanWhat(what: string, l: RemindLanguage): string {
  return what.trim()
    // "to ask", "que llame", "d’appeler": an elided joining word needs no space after it.
    .replace(re(l, 'lead-to', () => `^${phrases(l, 'to')}(?:\\s+|(?<=['’]))`), '')
    .replace(re(l, 'trailing', () => `\\s+${phrases(l, 'trailing')}$`), '')
    .replace(/^["“«](.*)["”»]$/s, '$1').trim();
}

function checkWhat(what: string): ParseProblem | undefined {
  if (!/[\p{L}\p{N}]/u.test(what)) return 'noText';
  if (what.length > MAX_REMINDER_TEXT) return 'tooLong';
  return undefined;
}

/** One-off: "to <what> <when>" or "<when> to <what>". */
function parseOnce(who: RemindWho, rest: string, zone: string, now: Date, l: RemindLanguage): ParsedRemind {
  // chrono reads wall-clock times in the process's zone or a fixed offset, so it is given the
  // person's local wall clock as if it were UTC; we place the answer back in their zone ourselves.
  const wall = toWallTime(now, zone);
  const localAsUtc = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  const found = findTime(rest, localAsUtc, l);
  if (!found) return { kind: 'error', reason: 'noTime' };
  const { when, what: rawWhat } = found;
  const what = cleanWhat(rawWhat, l);
  const problem = checkWhat(what);
  if (problem) return { kind: 'error', reason: problem };

  const tags = when.tags();
  let dueAt: Date;
  if (tags.has('result/relativeDateAndTime')) {
    // "in 2 hours" is elapsed time, whatever the clocks do meanwhile.
    dueAt = new Date(now.getTime() + (when.date().getTime() - localAsUtc.getTime()));
  } else if (when.start.isCertain('timezoneOffset')) {
    dueAt = when.date(); // the person named a zone ("10am EST")
  } else {
    const d = when.date();
    const keepTime = when.start.isCertain('hour') || tags.has('result/relativeDate');
    const w: WallTime = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: keepTime ? d.getUTCHours() : DEFAULT_HOUR, minute: keepTime ? d.getUTCMinutes() : 0 };
    dueAt = fromWallTime(w, zone);
  }
  dueAt = new Date(Math.floor(dueAt.getTime() / 60_000) * 60_000);
  if (dueAt.getTime() <= now.getTime()) return { kind: 'error', reason: 'past' };
  return { kind: 'create', who, text: what, dueAt };
}

/** The time that ends the sentence, or starts it before the joining word; in the language's parser, then English's. */
function findTime(rest: string, localAsUtc: Date, l: RemindLanguage): { when: Chrono.ParsedResult; what: string } | undefined {
  let ownFirst: number | undefined;
  for (const parser of timeParsersFor(l.lang)) {
    const results = parser.parse(rest, { instant: localAsUtc, timezone: 0 }, { forwardDate: true });
    // English's reading after the language's own found a date earlier in the text ("el viernes at
    // 10am") would drop that date: refused, not half-read.
    if (ownFirst !== undefined && results.every((r) => r.index > ownFirst!)) return undefined;
    ownFirst ??= results[0]?.index;
    const last = results[results.length - 1];
    // "to ask about the March meeting in 2 weeks": the time is what ends the sentence
    if (last && last.index + last.text.length >= rest.trimEnd().length) return { when: last, what: rest.slice(0, last.index) };
    const first = results[0];
    if (first && first.index === 0 && re(l, 'then-to', () => `^\\s+${phrases(l, 'to')}\\s`).test(rest.slice(first.text.length))) {
      return { when: first, what: rest.slice(first.text.length) };
    }
  }
  return undefined;
}


/**
 * Recurring: "every <when> to <what>" or "<what> every <when>". Undefined when the word for "every" is
 * not followed by a day, week, month or weekday: "todo"/"todos los" also mean "all" ("ler o livro
 * todo na segunda", "revisar todos los documentos mañana"), which is a one-off reminder.
 */
function parseRecurring(who: RemindWho, rest: string, zone: string, now: Date, l: RemindLanguage): ParsedRemind | undefined {
  let spec: string, what: string;
  const lead = re(l, 'lead-every', () => `^${phrases(l, 'every')}\\s+(.+?)\\s+${phrases(l, 'to')}\\s+(.+)$`, 'isu').exec(rest.trim());
  if (lead) { spec = lead[1]!; what = lead[2]!; }
  else {
    const all = [...rest.matchAll(re(l, 'every-all', () => `\\s${phrases(l, 'every')}\\s`, 'giu'))];
    const at = all[all.length - 1];
    if (!at) return { kind: 'error', reason: 'badRecurrence' };
    what = rest.slice(0, at.index); spec = rest.slice(at.index + at[0].length);
  }
  if (!startsWithUnit(spec.trim().toLowerCase(), l)) return undefined;
  what = cleanWhat(what, l);
  const problem = checkWhat(what);
  if (problem) return { kind: 'error', reason: problem };
  const cron = recurrenceToCron(spec.trim().toLowerCase(), toWallTime(now, zone), l);
  if (!cron || !validate(cron)) return { kind: 'error', reason: 'badRecurrence' };
  const dueAt = nextCronOccurrence(cron, zone, now);
  if (!dueAt) return { kind: 'error', reason: 'badRecurrence' };
  return { kind: 'create', who, text: what, dueAt, cron };
}

/** Whether a recurrence's words begin with a day, weekday, week, month or weekday name ("lunes", "mes el día 1"). */
function startsWithUnit(spec: string, l: RemindLanguage): boolean {
  const units = re(l, 'unit-start', () => {
    const names = [...l.words.weekdayNames.flat(), ...l.english.weekdayNames.flat()].map(escapeRe).join('|');
    return `^(?:${phrases(l, 'weekday')}|${phrases(l, 'day')}|${phrases(l, 'week')}|${phrases(l, 'month')}|${names})${E}`;
  });
  return units.test(spec);
}

/** The clock time a recurrence ends with: "at 10am", "a las 10", "à 10h30", "الساعة 9"; a bare number needs ":mm" or "h". */
function readClock(spec: string, l: RemindLanguage): { hour: number; minute: number; body: string } | undefined | null {
  const m = re(l, 'clock', () => `\\s*(?:(${phrases(l, 'at')})\\s+)?(\\d{1,2})(?:([:h.])(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.|h)?$`).exec(spec);
  if (!m || !(m[1] || m[3] || m[5])) return undefined;
  let hour = Number(m[2]);
  const minute = m[4] ? Number(m[4]) : 0;
  const half = m[5]?.replace(/\./g, '');
  if (half === 'am' || half === 'pm') { if (hour < 1 || hour > 12) return null; hour = (hour % 12) + (half === 'pm' ? 12 : 0); }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute, body: spec.slice(0, m.index).trim() };
}

/** The phrases we accept after "every", as a cron expression; anything else is refused. */
function recurrenceToCron(spec: string, today: WallTime & { second: number }, l: RemindLanguage): string | undefined {
  const clock = readClock(spec, l);
  if (clock === null) return undefined;
  const { hour, minute, body } = clock ?? { hour: DEFAULT_HOUR, minute: 0, body: spec };
  const at = (dom: string, dow: string) => `${minute} ${hour} ${dom} * ${dow}`;
  const is = (list: WordList, text: string) => re(l, `is-${list}`, () => `^${phrases(l, list)}$`).test(text);
  if (is('weekday', body)) return at('*', '1,2,3,4,5');
  const tokens = body.split(/\s+/).filter((t) => t && !is('filler', t));
  const names = l.words.weekdayNames.map((forms, day) => [...forms, ...l.english.weekdayNames[day]!]);
  const dows = tokens.map((t) => names.findIndex((forms) => forms.includes(t)));
  const others = tokens.filter((_, i) => dows[i]! < 0);
  const named = dows.filter((d) => d >= 0);
  if (named.length === 1 && others.every((t) => is('week', t) || is('day', t))) return at('*', String(named[0]));
  if (named.length > 0) return undefined;
  if (others.length === 1 && is('day', others[0]!)) return at('*', '*');
  if (others.length === 1 && is('week', others[0]!)) return at('*', String(weekdayOf(today.year, today.month, today.day)));
  if (others.length >= 1 && is('month', others[0]!)) {
    const days = others.slice(1).filter((t) => !is('day', t));
    if (days.length > 1) return undefined;
    const n = days[0] === undefined ? today.day : Number(/^(\d{1,2})(?:st|nd|rd|th|er|re|e|º|°|ª|o)?$/.exec(days[0])?.[1] ?? NaN);
    if (!(n >= 1 && n <= 28)) return undefined; // 29–31 would silently skip short months
    return at(String(n), '*');
  }
  return undefined;
}
