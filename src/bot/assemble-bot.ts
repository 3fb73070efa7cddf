import { loadGuide, type Guide } from '../guide/load-guide';
import { localiseGuide } from '../guide/localise-guide';
import { createGuideSearch, type GuideSearch } from '../guide/search-guide';
import { loadMessages, PROMPTS_DIR, promptsDirFor } from '../base/load-prompts';
import { loadCommandCatalog } from '../base/load-command-catalog';
import { isLang, type Lang } from '../base/language';
import { systemClock, type Clock } from '../base/clock';
import { silentLogger, type Logger } from '../base/logger';
import type { Feature } from '../base/feature';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { Storage } from '../storage/open-storage';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createOverflowStore, type OverflowStore } from '../storage/create-overflow-store';
import { createTipFeature, createTipFeedbackRepo, type TipContext } from '../tip';
import { createRemindFeature, createReminders, loadReminderMessages, type RemindContext, type Reminders } from '../remind';
import { createDebriefFeature, createDebriefRepo, createDebriefService, loadDebriefPrompts, type DebriefContext } from '../debrief';
import { createEngagementFeature, createEngagementRepo, createPreparedAsks, loadEngagementPrompts, type EngagementContext } from '../engagement';
import { createPrivacyFeature, createWorkspaceLifecycle, loadPrivacyMessages, type WorkspaceLifecycle } from '../privacy';
import { createHelpFeature } from '../help';
import { createBot, type Bot, type BotHandlers } from './create-bot';
import { registerFeatures, type Registry } from './register-features';
import { createDueRenderer } from './render-due';
import { routeByLanguage } from './route-by-language';

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
  /** Picks the language of a typed command (tests); default: detected from the text, else the locale. */
  detectLanguage?: (text: string, otherwise: Lang) => Lang | undefined;
}

/** Below three, a combined result could reveal one person's answers to the other. */
export const MIN_RESPONDENTS_FLOOR = 3;

/** Every feature's dependencies in one language: what the composition root (start-up, CLI, tests) wires. */
export type BotParts = TipContext & RemindContext & DebriefContext & Omit<EngagementContext, 'debriefService'> & { workspaces: WorkspaceLifecycle; overflow: OverflowStore };

export interface AssembledBot extends Bot {
  /** The English parts (the stores in them are the same in every language). */
  parts: BotParts;
  /** The parts of one language, built on first use. */
  partsIn(lang: Lang): BotParts;
}

type SharedParts = Omit<BotParts, 'lang' | 'guide' | 'search' | 'messages' | 'catalog' | 'reminderMessages' | 'debriefPrompts' | 'englishReminderWords' | 'engagementPrompts' | 'reminderDelivery' | 'joiningWords'> & { englishGuide: Guide };

function buildShared(o: AssembleOptions, promptsDir: string): SharedParts {
  const { storage, cipher, clock = systemClock, logger = silentLogger } = o;
  const englishGuide = loadGuide(promptsDir);
  return {
    englishGuide,
    clock,
    logger,
    tipFeedback: createTipFeedbackRepo(storage, englishGuide.items.map((item) => item.id)),
    reminders: createReminders({ storage, clock, cipher, maxActivePerUser: o.maxRemindersPerUser ?? 200 }),
    debriefs: createDebriefRepo(storage, cipher),
    engagements: createEngagementRepo(storage, cipher),
    debriefSettings: { minRespondents: Math.max(MIN_RESPONDENTS_FLOOR, Math.floor(o.debriefMinRespondents ?? MIN_RESPONDENTS_FLOOR)), followUpDays: 14 },
    workspaces: createWorkspaceLifecycle({ storage, clock, graceDays: o.uninstallGraceDays ?? 30, logger }),
    overflow: createOverflowStore(storage, cipher, clock),
  };
}

/**
 * One language's words over the shared stores. Its search index is built on first use: building all
 * five at start-up would cost each a share of the start-up budget for languages nobody may ask in.
 */
function buildLanguage(shared: SharedParts, lang: Lang, promptsDir: string, english?: BotParts): BotParts {
  const dir = promptsDirFor(lang, promptsDir);
  const { englishGuide, ...stores } = shared;
  const guide = lang === 'en' ? englishGuide : localiseGuide(englishGuide, lang, dir);
  const reminderMessages = loadReminderMessages(dir);
  const debriefPrompts = loadDebriefPrompts(dir);
  return {
    ...stores,
    lang,
    guide,
    search: lang === 'en' ? createGuideSearch(guide, dir) : builtOnFirstUse(() => createGuideSearch(guide, dir)),
    messages: loadMessages(dir),
    catalog: loadCommandCatalog(dir),
    reminderMessages,
    englishReminderWords: english?.reminderMessages.words ?? reminderMessages.words,
    debriefPrompts,
    engagementPrompts: loadEngagementPrompts(dir),
    reminderDelivery: reminderMessages.delivery,
    joiningWords: debriefPrompts.joiningWords,
    // What a feature creates is remembered in its language: the reminder is delivered in it.
    reminders: { ...stores.reminders, create: (input) => stores.reminders.create({ ...input, lang }) },
  };
}

function builtOnFirstUse(build: () => GuideSearch): GuideSearch {
  let search: GuideSearch | undefined;
  return {
    search: (query, options) => (search ??= build()).search(query, options),
    weigh: (query) => (search ??= build()).weigh(query),
  };
}

interface LanguageBot {
  parts: BotParts;
  registry: Registry;
  handlers: BotHandlers;
  /** A due reminder of this language, as delivered. */
  renderDue: ReturnType<typeof createDueRenderer>;
}

/** Loads and validates the content, creates every feature and registers it: in English now, in each other language on first use. */
export function assembleBot(o: AssembleOptions): AssembledBot {
  const promptsDir = o.promptsDir ?? PROMPTS_DIR;
  const shared = buildShared(o, promptsDir);
  // Filled once every feature is registered; adapters add their own (Teams conversation details).
  const sources: PersonalDataSource[] = [];
  const languageBot = (parts: BotParts): LanguageBot => {
    let registry: Registry | undefined;
    // A debrief asks about the asks prepared for its meeting, and preparing a meeting schedules its
    // debrief: each feature gets the other's service, so neither reaches into the other's files.
    const debrief: DebriefContext = { ...parts, reminders: o.reminders ?? parts.reminders, preparedAsks: createPreparedAsks(parts) };
    const engagement: EngagementContext = { ...parts, debriefService: createDebriefService(debrief) };
    const features: Feature[] = [
      createRemindFeature(parts),
      createDebriefFeature(debrief),
      createEngagementFeature(engagement),
      createTipFeature(parts),
      createPrivacyFeature({ logger: parts.logger, messages: loadPrivacyMessages(promptsDirFor(parts.lang, promptsDir)), sources }),
      createHelpFeature({ messages: parts.messages, catalog: parts.catalog, engageWords: () => registry!.engageWords }),
    ];
    registry = registerFeatures(features, parts.catalog);
    return { parts, registry, handlers: createBot({ registry, messages: parts.messages, logger: parts.logger }), renderDue: createDueRenderer(registry.dueMessages, parts) };
  };
  const english = languageBot(buildLanguage(shared, 'en', promptsDir));
  // The other languages are read, checked and built on first use: together they were a tenth of the
  // start-up budget (docs/performance.md), for languages a workspace may never use. Every language's
  // files are checked with the same schemas by test/base/every-language.test.ts, so a missing key
  // fails the tests, not the first person who writes in that language.
  const bots = new Map<Lang, LanguageBot>([['en', english]]);
  const inLanguage = (lang: Lang): LanguageBot => {
    let bot = bots.get(lang);
    if (!bot) bots.set(lang, (bot = languageBot(buildLanguage(shared, lang, promptsDir, english.parts))));
    return bot;
  };
  sources.push(...english.registry.personalData, shared.overflow.personalData);

  const routed = routeByLanguage({
    handlersIn: (lang) => inLanguage(lang).handlers,
    messagesIn: (lang) => inLanguage(lang).parts.messages,
    ...(o.detectLanguage ? { detectLanguage: o.detectLanguage } : {}),
  });
  return {
    ...routed,
    parts: english.parts,
    partsIn: (lang) => inLanguage(lang).parts,
    catalog: english.parts.catalog,
    catalogIn: (lang) => inLanguage(lang).parts.catalog,
    messages: english.parts.messages,
    clock: shared.clock,
    overflow: shared.overflow,
    workspaces: shared.workspaces,
    addPersonalData: (source) => { sources.push(source); },
    renderDue: async (reminder, late) => {
      // Stored, so read as untrusted: an unknown language is English.
      const lang = isLang(reminder.lang) ? reminder.lang : 'en';
      const reply = await inLanguage(lang).renderDue(reminder, late);
      return reply && { ...reply, lang };
    },
  };
}
