import type { Guide } from '../guide/load-guide';
import type { GuideSearch } from '../guide/search-guide';
import type { Messages } from '../base/load-prompts';
import type { CommandSpec } from '../base/load-command-catalog';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { TipFeedbackRepo } from '../tip/tip-feedback-repo';
import type { ReminderPort } from '../remind/reminder-port';
import type { WorkspaceLifecycle } from '../privacy/create-workspace-lifecycle';
import type { DebriefRepo } from '../debrief/debrief-repo';
import type { DebriefPrompts } from '../debrief/load-debrief-prompts';
import type { PersonalDataSource, PrivacyMessages } from '../privacy/personal-data';
import type { ReminderBook } from '../remind/create-reminder-service';
import type { ReminderMessages } from '../remind/load-reminder-messages';
import type { OverflowStore } from '../storage/create-overflow-store';

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
  /** Uninstalls and reinstalls: a workspace's data is deleted after the grace period. */
  workspaces: WorkspaceLifecycle;
  debriefs: DebriefRepo;
  /** prompts/debrief.json: the debrief's questions, scoring rules and messages. */
  debriefPrompts: DebriefPrompts;
  debriefSettings: DebriefSettings;
  /** What a reply could not fit in one platform message, sealed and kept a day ("More" pages). */
  overflow: OverflowStore;
  /** Every store of personal data, for `/engage forget me` and `/engage export me`. */
  privacy: { messages: PrivacyMessages; sources: PersonalDataSource[] };
  /** What /engage-remind, its buttons and the home view need: the person's own reminders and the words. */
  reminderCommands?: { book: ReminderBook; messages: ReminderMessages };
}

export interface DebriefSettings {
  /** Answers needed before a combined result is shown (DEBRIEF_MIN_RESPONDENTS, never below 3). */
  minRespondents: number;
  /** Default delay of the "ask what came of this" follow-up. */
  followUpDays: number;
}
