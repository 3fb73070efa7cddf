import type { Guide } from '../guide/load-guide';
import type { GuideSearch } from '../guide/search-guide';
import type { Messages } from './load-prompts';
import type { CommandSpec } from '../commands/load-command-catalog';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { TipFeedbackRepo } from '../storage/tip-feedback-repo';
import type { ReminderPort } from './reminder-port';
import type { ReminderBook } from '../reminders/create-reminder-service';
import type { ReminderMessages } from '../reminders/load-reminder-messages';

/** Everything a command handler may use; built once in createBot, injected, never global. */
export interface BotContext {
  guide: Guide;
  search: GuideSearch;
  messages: Messages;
  catalog: readonly CommandSpec[];
  clock: Clock;
  logger: Logger;
  tipFeedback: TipFeedbackRepo;
  /** Durable follow-ups: the reminder service implements it; debriefs and commands use it. */
  reminders: ReminderPort;
  /** What /engage-remind, its buttons and the home view need: the person's own reminders and the words. */
  reminderCommands?: { book: ReminderBook; messages: ReminderMessages };
}
