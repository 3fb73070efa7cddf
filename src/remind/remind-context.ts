import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { Reminders } from './create-reminders';
import type { ReminderMessages, ReminderWords } from './load-reminder-messages';
import type { Lang } from '../base/language';

/** What the reminder feature's handlers use, given once when the feature is created. */
export interface RemindContext {
  /** The language this copy of the feature answers and reads reminders in (`reminderMessages`'s). */
  lang: Lang;
  /** English's reminder words, understood in every language. */
  englishReminderWords: ReminderWords;
  clock: Clock;
  logger: Logger;
  reminders: Reminders;
  reminderMessages: ReminderMessages;
}
