import type { Guide } from '../guide/load-guide';
import type { Lang } from '../base/language';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ReminderMessages, Reminders } from '../remind';
import type { DebriefService, DebriefSettings } from '../debrief';
import type { EngagementRepo } from './engagement-repo';
import type { EngagementPrompts } from './load-engagement-prompts';

/** What the engagement feature's handlers use, given once when the feature is created. */
export interface EngagementContext {
  /** The language this copy answers in (`engagementPrompts`'s and `guide`'s). */
  lang: Lang;
  /** Company teams, formats and the preparation tips the brief links to. */
  guide: Guide;
  clock: Clock;
  logger: Logger;
  engagements: EngagementRepo;
  engagementPrompts: EngagementPrompts;
  /** Commitments are followed up through reminders. */
  reminders: Pick<Reminders, 'create' | 'markDone' | 'snooze' | 'cancel' | 'logOutcome' | 'find'>;
  /** The reminder's own button words (snooze), so a follow-up reads like every other reminder. */
  reminderDelivery: ReminderMessages['delivery'];
  /** Scheduling a prepared meeting's debrief, the scores of a company's debriefs, the companies debriefed. */
  debriefService: DebriefService;
  debriefSettings: Pick<DebriefSettings, 'followUpDays'>;
  /** Words joining the people named ("with @amina and @jo"): the debrief's, in this language. */
  joiningWords: readonly string[];
}

/** What needs no debrief: the prepared-asks port the debrief itself is built with. */
export type EngagementParts = Omit<EngagementContext, 'debriefService'>;
