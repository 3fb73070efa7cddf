import type { Guide } from '../guide/load-guide';
import type { Lang } from '../base/language';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { Reminders } from '../remind';
import type { DebriefRepo } from './debrief-repo';
import type { DebriefPrompts } from './load-debrief-prompts';
import type { PreparedAsks } from './prepared-asks';

export interface DebriefSettings {
  /** Answers needed before a combined result is shown (DEBRIEF_MIN_RESPONDENTS, never below 3). */
  minRespondents: number;
  /** Default delay of the "ask what came of this" follow-up. */
  followUpDays: number;
}

/** What the debrief feature's handlers use, given once when the feature is created. */
export interface DebriefContext {
  /** The language this copy of the feature answers in (`debriefPrompts`'s and `guide`'s). */
  lang: Lang;
  /** The ten characteristics and the tips that help with each. */
  guide: Guide;
  clock: Clock;
  logger: Logger;
  debriefs: DebriefRepo;
  /** prompts/debrief.json: the debrief's questions, scoring rules and messages. */
  debriefPrompts: DebriefPrompts;
  debriefSettings: DebriefSettings;
  /** Invitations, nudges and follow-ups are reminders. */
  reminders: Pick<Reminders, 'create'>;
  /** The asks prepared for a meeting (the engagement feature); absent: debriefs ask about none. */
  preparedAsks?: PreparedAsks;
}
