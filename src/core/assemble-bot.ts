import { loadGuide } from '../guide/load-guide';
import { createGuideSearch } from '../guide/search-guide';
import { loadMessages, PROMPTS_DIR } from './load-prompts';
import { loadCommandCatalog } from '../commands/load-command-catalog';
import { createTipFeedbackRepo } from '../storage/tip-feedback-repo';
import type { Storage } from '../storage/open-storage';
import { createBot, type Bot } from './create-bot';
import { systemClock, type Clock } from './clock';
import { silentLogger, type Logger } from './logger';
import type { ReminderPort } from './reminder-port';
import { createReminderService } from '../reminders/create-reminder-service';
import { loadReminderMessages } from '../reminders/load-reminder-messages';

export interface AssembleOptions {
  storage: Storage;
  clock?: Clock;
  logger?: Logger;
  promptsDir?: string;
  /** Replaces the port other features create reminders through (tests); default: the reminder service. */
  reminders?: ReminderPort;
  /** Most waiting reminders one person may have (REMINDERS_MAX_PER_USER). */
  maxRemindersPerUser?: number;
}

/** Loads and validates all content, builds the search index, and wires the core. */
export function assembleBot({ storage, clock = systemClock, logger = silentLogger, promptsDir = PROMPTS_DIR, reminders, maxRemindersPerUser = 200 }: AssembleOptions): Bot {
  const guide = loadGuide(promptsDir);
  const book = createReminderService({ storage, clock, maxActivePerUser: maxRemindersPerUser });
  return createBot({
    guide,
    search: createGuideSearch(guide, promptsDir),
    messages: loadMessages(promptsDir),
    catalog: loadCommandCatalog(promptsDir),
    clock,
    logger,
    tipFeedback: createTipFeedbackRepo(storage),
    reminders: reminders ?? book,
    reminderCommands: { book, messages: loadReminderMessages(promptsDir) },
  });
}
