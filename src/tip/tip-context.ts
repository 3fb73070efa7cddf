import type { Guide } from '../guide/load-guide';
import type { Lang } from '../base/language';
import type { GuideSearch } from '../guide/search-guide';
import type { Messages } from '../base/load-prompts';
import type { CommandSpec } from '../base/load-command-catalog';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { TipFeedbackRepo } from './tip-feedback-repo';

/** What the tip feature's handlers use, given once when the feature is created. */
export interface TipContext {
  /** The language this copy of the feature answers in; `guide`, `search` and `messages` are in it. */
  lang: Lang;
  guide: Guide;
  search: GuideSearch;
  messages: Messages;
  /** For the examples shown when a question finds nothing. */
  catalog: readonly CommandSpec[];
  clock: Clock;
  logger: Logger;
  tipFeedback: TipFeedbackRepo;
}
