import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';

const line = z.string().min(1).max(600);
const words = z.array(z.string().trim().toLowerCase().min(1).max(40)).min(1).max(20);

/**
 * How a reminder is written in a language (parse-remind-text.ts): who ("me"), the joining word ("to"),
 * what repeats ("every … at …"), and the words a time may leave dangling at the end of the task.
 */
export const ReminderWords = z.strictObject({
  me: words, to: words, every: words, at: words, day: words, weekday: words, week: words, month: words,
  weekdayNames: z.array(words).length(7),
  filler: words, trailing: words, cancel: words, list: words, help: words,
});
export type ReminderWords = z.infer<typeof ReminderWords>;

export const ReminderMessages = z.strictObject({
  set: line, setRecurring: line, idLine: line, whoMe: line, whoChannel: line, whoChannelUnnamed: line,
  schedule: z.strictObject({ day: line, weekday: line, week: line, month: line }),
  weekdays: z.array(line).length(7),
  problems: z.strictObject({
    noWho: line, channelNotLinked: line, noText: line, noTime: line, past: line, tooLong: line,
    badRecurrence: line, badCancel: line, limit: line, notFound: line, notYours: line, unavailable: line, notInChannel: line,
  }),
  help: z.strictObject({ heading: line, intro: line, examples: z.array(line).min(1) }),
  list: z.strictObject({ heading: line, empty: line, item: line, repeat: line, cancelButton: line }),
  cancelled: line,
  delivery: z.strictObject({
    heading: line, due: line, late: line, repeats: line, done: line, snoozeHour: line, snoozeTomorrow: line,
    snoozeWeek: line, logOutcome: line, stop: line, failedNotice: line, openMessage: line,
  }),
  after: z.strictObject({ done: line, snoozed: line, stopped: line, outcomeSaved: line, noLongerActive: line }),
  outcomeForm: z.strictObject({ title: line, intro: line, label: line, placeholder: line, submit: line, empty: line }),
  home: z.strictObject({ heading: line, empty: line, more: line }),
  messageForm: z.strictObject({ title: line, submit: line, intro: line, whenLabel: line, onDate: line, dateLabel: line, whatLabel: line, needDate: line, pastDate: line, noText: line }),
  words: ReminderWords,
});
export type ReminderMessages = z.infer<typeof ReminderMessages>;

export const loadReminderMessages = (dir = PROMPTS_DIR): ReminderMessages => readPromptJson('reminders.json', ReminderMessages, dir);
