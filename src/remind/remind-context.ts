import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ReminderBook } from './create-reminder-service';
import type { ReminderMessages } from './load-reminder-messages';

/** What the reminder feature's handlers use, given once when the feature is created. */
export interface RemindContext {
  clock: Clock;
  logger: Logger;
  reminders: ReminderBook;
  reminderMessages: ReminderMessages;
}
