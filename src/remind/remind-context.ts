import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { Reminders } from './create-reminders';
import type { ReminderMessages } from './load-reminder-messages';

/** What the reminder feature's handlers use, given once when the feature is created. */
export interface RemindContext {
  clock: Clock;
  logger: Logger;
  reminders: Reminders;
  reminderMessages: ReminderMessages;
}
