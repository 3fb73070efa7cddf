import { loadGuide } from '../guide/load-guide';
import { createGuideSearch } from '../guide/search-guide';
import { loadMessages, PROMPTS_DIR } from '../base/load-prompts';
import { loadCommandCatalog } from '../base/load-command-catalog';
import { systemClock, type Clock } from '../base/clock';
import { silentLogger, type Logger } from '../base/logger';
import type { Feature } from '../base/feature';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { Storage } from '../storage/open-storage';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createOverflowStore, type OverflowStore } from '../storage/create-overflow-store';
import { createTipFeature, createTipFeedbackRepo, type TipContext } from '../tip';
import { createRemindFeature, createReminders, loadReminderMessages, type RemindContext, type Reminders } from '../remind';
import { createDebriefFeature, createDebriefRepo, loadDebriefPrompts, type DebriefContext } from '../debrief';
import { createPrivacyFeature, createWorkspaceLifecycle, loadPrivacyMessages, type WorkspaceLifecycle } from '../privacy';
import { createHelpFeature } from '../help';
import { createBot, type Bot } from './create-bot';
import { registerFeatures, type Registry } from './register-features';
import { createDueRenderer } from './render-due';

export interface AssembleOptions {
  storage: Storage;
  /** Seals what people entrust to the bot (debriefs, reminders, pages of long answers) before it is stored. */
  cipher: DataCipher;
  clock?: Clock;
  logger?: Logger;
  promptsDir?: string;
  /** Replaces what the debrief creates reminders through (tests); default: the reminders themselves. */
  reminders?: Pick<Reminders, 'create'>;
  /** Days an uninstalled workspace's data is kept in case it reinstalls (UNINSTALL_GRACE_DAYS). */
  uninstallGraceDays?: number;
  /** Answers needed for a combined debrief result; values below 3 are raised to 3 (privacy floor). */
  debriefMinRespondents?: number;
  /** Most waiting reminders one person may have (REMINDERS_MAX_PER_USER). */
  maxRemindersPerUser?: number;
}

/** Below three, a combined result could reveal one person's answers to the other. */
export const MIN_RESPONDENTS_FLOOR = 3;

/** Every feature's dependencies, built once: what the composition root (start-up, CLI, tests) wires. */
export type BotParts = TipContext & RemindContext & DebriefContext & { workspaces: WorkspaceLifecycle; overflow: OverflowStore };

export interface AssembledBot extends Bot {
  parts: BotParts;
}

function buildParts(o: AssembleOptions): BotParts {
  const { storage, cipher, clock = systemClock, logger = silentLogger, promptsDir = PROMPTS_DIR } = o;
  const guide = loadGuide(promptsDir);
  return {
    guide,
    search: createGuideSearch(guide, promptsDir),
    messages: loadMessages(promptsDir),
    catalog: loadCommandCatalog(promptsDir),
    clock,
    logger,
    tipFeedback: createTipFeedbackRepo(storage, guide.items.map((item) => item.id)),
    reminders: createReminders({ storage, clock, cipher, maxActivePerUser: o.maxRemindersPerUser ?? 200 }),
    reminderMessages: loadReminderMessages(promptsDir),
    debriefs: createDebriefRepo(storage, cipher),
    debriefPrompts: loadDebriefPrompts(promptsDir),
    debriefSettings: { minRespondents: Math.max(MIN_RESPONDENTS_FLOOR, Math.floor(o.debriefMinRespondents ?? MIN_RESPONDENTS_FLOOR)), followUpDays: 14 },
    workspaces: createWorkspaceLifecycle({ storage, clock, graceDays: o.uninstallGraceDays ?? 30, logger }),
    overflow: createOverflowStore(storage, cipher, clock),
  };
}

/** Loads and validates all content, builds the search index, creates every feature and registers them. */
export function assembleBot(o: AssembleOptions): AssembledBot {
  const parts = buildParts(o);
  // Filled once every feature is registered; adapters add their own (Teams conversation details).
  const sources: PersonalDataSource[] = [];
  let registry: Registry | undefined;
  const features: Feature[] = [
    createRemindFeature(parts),
    createDebriefFeature({ ...parts, reminders: o.reminders ?? parts.reminders }),
    createTipFeature(parts),
    createPrivacyFeature({ logger: parts.logger, messages: loadPrivacyMessages(o.promptsDir ?? PROMPTS_DIR), sources }),
    createHelpFeature({ messages: parts.messages, catalog: parts.catalog, engageWords: () => registry!.engageWords }),
  ];
  registry = registerFeatures(features, parts.catalog);
  sources.push(...registry.personalData, parts.overflow.personalData);
  const bot = createBot({ registry, messages: parts.messages, logger: parts.logger });
  return {
    ...bot,
    parts,
    catalog: parts.catalog,
    messages: parts.messages,
    clock: parts.clock,
    overflow: parts.overflow,
    workspaces: parts.workspaces,
    addPersonalData: (source) => { sources.push(source); },
    renderDue: createDueRenderer(registry.dueMessages, parts),
  };
}
