import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';

const line = z.string().min(1).max(600);

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
    snoozeWeek: line, logOutcome: line, stop: line, failedNotice: line,
  }),
  after: z.strictObject({ done: line, snoozed: line, stopped: line, outcomeSaved: line, noLongerActive: line }),
  outcomeForm: z.strictObject({ title: line, intro: line, label: line, placeholder: line, submit: line, empty: line }),
  home: z.strictObject({ heading: line, empty: line, more: line }),
});
export type ReminderMessages = z.infer<typeof ReminderMessages>;

export const loadReminderMessages = (dir = PROMPTS_DIR): ReminderMessages => readPromptJson('reminders.json', ReminderMessages, dir);
