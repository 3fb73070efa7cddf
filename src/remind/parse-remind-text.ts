import type * as Chrono from 'chrono-node';
import { loadChrono } from '../base/load-chrono';
import { validate } from 'node-cron';
import { fromWallTime, toWallTime, weekdayOf, type WallTime } from '../base/zoned-time';
import { nextCronOccurrence } from './next-cron-occurrence';
import type { ChannelLink } from '../base/incoming';

// "/engage-remind me to … in 2 weeks", "#channel to … on Friday at 10am", "me every month on the 1st
// to …", "list", "cancel <id>", "help". Times are understood in the person's zone. Anything we are not
// sure of is refused with a reason code (the handler turns it into a sentence with an example): a
// wrong guess is worse than a question.

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

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** `channels`: the channels the platform says were linked in the text (IncomingCommand.channels). */
export function parseRemindText(raw: string, zone: string, now: Date, channels: readonly ChannelLink[] = []): ParsedRemind {
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (lower === '' || lower === 'help') return { kind: 'help' };
  if (lower === 'list') return { kind: 'list' };
  const cancel = /^(?:cancel|delete|remove)\b\s*(.*)$/i.exec(text);
  if (cancel) {
    const id = cancel[1]!.trim().replace(/^`|`$/g, '');
    return /^[a-z0-9]{4,16}$/i.test(id) ? { kind: 'cancel', id: id.toLowerCase() } : { kind: 'error', reason: 'badCancel' };
  }

  const who = readWho(text, channels);
  if ('reason' in who) return { kind: 'error', reason: who.reason };
  const rest = who.rest;
  if (/(^|\s)every\s/i.test(` ${rest}`)) return parseRecurring(who.who, rest, zone, now);
  return parseOnce(who.who, rest, zone, now);
}

function readWho(text: string, channels: readonly ChannelLink[]): { who: RemindWho; rest: string } | { reason: ParseProblem } {
  if (/^#\S/.test(text)) {
    // Only a channel the platform linked (picked from its list) counts: a typed "#name" could be
    // any channel, or none.
    const first = text.split(/\s/, 1)[0]!;
    const linked = channels.find((c) => c.display.normalize('NFKC') === first);
    if (!linked) return { reason: 'channelNotLinked' };
    return { who: { kind: 'channel', channelId: linked.channelId, ...(linked.name ? { channelName: linked.name } : {}) }, rest: text.slice(first.length).trim() };
  }
  const me = /^me\b\s*(.*)$/is.exec(text);
  if (me) return { who: { kind: 'me' }, rest: me[1]! };
  return { reason: 'noWho' };
}

function cleanWhat(what: string): string {
  return what.trim().replace(/^to\s+/i, '').replace(/\s+(?:on|at|in|by|from|this|next)$/i, '').replace(/^["“](.*)["”]$/s, '$1').trim();
}

function checkWhat(what: string): ParseProblem | undefined {
  if (!/[\p{L}\p{N}]/u.test(what)) return 'noText';
  if (what.length > MAX_REMINDER_TEXT) return 'tooLong';
  return undefined;
}

/** One-off: "to <what> <when>" or "<when> to <what>". */
function parseOnce(who: RemindWho, rest: string, zone: string, now: Date): ParsedRemind {
  // chrono reads wall-clock times in the process's zone or a fixed offset, so it is given the
  // person's local wall clock as if it were UTC; we place the answer back in their zone ourselves.
  const wall = toWallTime(now, zone);
  const localAsUtc = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  const results = loadChrono().parse(rest, { instant: localAsUtc, timezone: 0 }, { forwardDate: true });
  let when: Chrono.ParsedResult | undefined;
  let what = '';
  const last = results[results.length - 1];
  if (last && last.index + last.text.length >= rest.trimEnd().length) {
    when = last; // "to ask about the March meeting in 2 weeks": the time is what ends the sentence
    what = rest.slice(0, last.index);
  } else if (results[0] && results[0].index === 0 && /^\s+to\s/i.test(rest.slice(results[0].text.length))) {
    when = results[0];
    what = rest.slice(when.text.length);
  }
  if (!when) return { kind: 'error', reason: 'noTime' };
  what = cleanWhat(what);
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

/** Recurring: "every <when> to <what>" or "to <what> every <when>". */
function parseRecurring(who: RemindWho, rest: string, zone: string, now: Date): ParsedRemind {
  let spec: string, what: string;
  const lead = /^every\s+(.+?)\s+to\s+(.+)$/is.exec(rest.trim());
  if (lead) { spec = lead[1]!; what = lead[2]!; }
  else {
    const at = rest.toLowerCase().lastIndexOf(' every ');
    if (at < 0) return { kind: 'error', reason: 'badRecurrence' };
    what = rest.slice(0, at); spec = rest.slice(at + ' every '.length);
  }
  what = cleanWhat(what);
  const problem = checkWhat(what);
  if (problem) return { kind: 'error', reason: problem };
  const cron = recurrenceToCron(spec.trim().toLowerCase(), toWallTime(now, zone));
  if (!cron || !validate(cron)) return { kind: 'error', reason: 'badRecurrence' };
  const dueAt = nextCronOccurrence(cron, zone, now);
  if (!dueAt) return { kind: 'error', reason: 'badRecurrence' };
  return { kind: 'create', who, text: what, dueAt, cron };
}

/** The phrases we accept after "every", as a cron expression; anything else is refused. */
function recurrenceToCron(spec: string, today: WallTime & { second: number }): string | undefined {
  let hour = DEFAULT_HOUR, minute = 0;
  const time = /\s*\bat\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(spec);
  let body = spec;
  if (time) {
    hour = Number(time[1]); minute = time[2] ? Number(time[2]) : 0;
    if (time[3]) { if (hour < 1 || hour > 12) return undefined; hour = (hour % 12) + (time[3] === 'pm' ? 12 : 0); }
    if (hour > 23 || minute > 59) return undefined;
    body = spec.slice(0, time.index).trim();
  }
  const at = (dom: string, dow: string) => `${minute} ${hour} ${dom} * ${dow}`;
  if (body === 'day') return at('*', '*');
  if (/^(weekday|working day|work day)$/.test(body)) return at('*', '1,2,3,4,5');
  const weekly = /^(?:week(?:\s+on)?\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)s?$/.exec(body);
  const dow = weekly ? WEEKDAYS.indexOf(weekly[1]!) : body === 'week' ? weekdayOf(today.year, today.month, today.day) : -1;
  if (dow >= 0) return at('*', String(dow));
  const monthly = /^month(?:\s+on)?(?:\s+the)?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?$/.exec(body);
  if (monthly) {
    const dom = monthly[1] ? Number(monthly[1]) : today.day;
    if (dom < 1 || dom > 28) return undefined; // 29–31 would silently skip short months
    return at(String(dom), '*');
  }
  return undefined;
}
