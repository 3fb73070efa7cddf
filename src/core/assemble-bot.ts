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
import { createDebriefRepo } from '../storage/debrief-repo';
import { loadDebriefPrompts } from '../survey/load-debrief-prompts';
import { loadPrivacyMessages } from '../privacy/personal-data';
import type { DataCipher } from '../crypto/create-data-cipher';

export interface AssembleOptions {
  storage: Storage;
  /** Seals what people entrust to the bot (debrief records and answers) before it is stored. */
  cipher: DataCipher;
  clock?: Clock;
  logger?: Logger;
  promptsDir?: string;
  /** Until the reminder service lands, creating a reminder is refused (the caller shows a sentence). */
  reminders?: ReminderPort;
  /** Answers needed for a combined debrief result; values below 3 are raised to 3 (privacy floor). */
  debriefMinRespondents?: number;
}

/** Below three, a combined result could reveal one person's answers to the other. */
export const MIN_RESPONDENTS_FLOOR = 3;

/** Loads and validates all content, builds the search index, and wires the core. */
export function assembleBot({ storage, cipher, clock = systemClock, logger = silentLogger, promptsDir = PROMPTS_DIR, reminders = noReminders, debriefMinRespondents = MIN_RESPONDENTS_FLOOR }: AssembleOptions): Bot {
  const guide = loadGuide(promptsDir);
  const tipFeedback = createTipFeedbackRepo(storage, guide.items.map((item) => item.id));
  const debriefs = createDebriefRepo(storage, cipher);
  return createBot({
    guide,
    search: createGuideSearch(guide, promptsDir),
    messages: loadMessages(promptsDir),
    catalog: loadCommandCatalog(promptsDir),
    clock,
    logger,
    tipFeedback,
    reminders,
    debriefs,
    debriefPrompts: loadDebriefPrompts(promptsDir),
    debriefSettings: { minRespondents: Math.max(MIN_RESPONDENTS_FLOOR, Math.floor(debriefMinRespondents)), followUpDays: 14 },
    privacy: { messages: loadPrivacyMessages(promptsDir), sources: [tipFeedback.personalData, debriefs.personalData] },
  });
}

const noReminders: ReminderPort = {
  create: () => Promise.reject(new Error('reminders are not part of this build yet')),
};
