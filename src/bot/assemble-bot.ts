import { loadGuide } from '../guide/load-guide';
import { createGuideSearch } from '../guide/search-guide';
import { loadMessages, PROMPTS_DIR } from '../base/load-prompts';
import { loadCommandCatalog } from '../base/load-command-catalog';
import { createTipFeedbackRepo } from '../tip/tip-feedback-repo';
import type { Storage } from '../storage/open-storage';
import { createBot, type Bot } from './create-bot';
import { systemClock, type Clock } from '../base/clock';
import { silentLogger, type Logger } from '../base/logger';
import type { ReminderPort } from '../remind/reminder-port';
import { createDebriefRepo } from '../debrief/debrief-repo';
import { loadDebriefPrompts } from '../debrief/load-debrief-prompts';
import { loadPrivacyMessages } from '../privacy/personal-data';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createWorkspaceLifecycle } from '../privacy/create-workspace-lifecycle';
import { createReminderService } from '../remind/create-reminder-service';
import { loadReminderMessages } from '../remind/load-reminder-messages';
import { createOverflowStore } from '../storage/create-overflow-store';

export interface AssembleOptions {
  storage: Storage;
  /** Seals what people entrust to the bot (debriefs, reminders, pages of long answers) before it is stored. */
  cipher: DataCipher;
  clock?: Clock;
  logger?: Logger;
  promptsDir?: string;
  /** Replaces the port other features create reminders through (tests); default: the reminder service. */
  reminders?: ReminderPort;
  /** Days an uninstalled workspace's data is kept in case it reinstalls (UNINSTALL_GRACE_DAYS). */
  uninstallGraceDays?: number;
  /** Answers needed for a combined debrief result; values below 3 are raised to 3 (privacy floor). */
  debriefMinRespondents?: number;
  /** Most waiting reminders one person may have (REMINDERS_MAX_PER_USER). */
  maxRemindersPerUser?: number;
}

/** Below three, a combined result could reveal one person's answers to the other. */
export const MIN_RESPONDENTS_FLOOR = 3;

/** Loads and validates all content, builds the search index, and wires the core. */
export function assembleBot({ storage, cipher, clock = systemClock, logger = silentLogger, promptsDir = PROMPTS_DIR, reminders, maxRemindersPerUser = 200, uninstallGraceDays = 30, debriefMinRespondents = MIN_RESPONDENTS_FLOOR }: AssembleOptions): Bot {
  const guide = loadGuide(promptsDir);
  const tipFeedback = createTipFeedbackRepo(storage, guide.items.map((item) => item.id));
  const debriefs = createDebriefRepo(storage, cipher);
  const book = createReminderService({ storage, clock, cipher, maxActivePerUser: maxRemindersPerUser });
  const overflow = createOverflowStore(storage, cipher, clock);
  return createBot({
    guide,
    search: createGuideSearch(guide, promptsDir),
    messages: loadMessages(promptsDir),
    catalog: loadCommandCatalog(promptsDir),
    clock,
    logger,
    tipFeedback,
    reminders: reminders ?? book,
    workspaces: createWorkspaceLifecycle({ storage, clock, graceDays: uninstallGraceDays, logger }),
    reminderCommands: { book, messages: loadReminderMessages(promptsDir) },
    debriefs,
    debriefPrompts: loadDebriefPrompts(promptsDir),
    debriefSettings: { minRespondents: Math.max(MIN_RESPONDENTS_FLOOR, Math.floor(debriefMinRespondents)), followUpDays: 14 },
    overflow,
    privacy: { messages: loadPrivacyMessages(promptsDir), sources: [tipFeedback.personalData, book.personalData, debriefs.personalData, overflow.personalData] },
  });
}
