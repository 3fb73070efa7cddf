import type { Logger } from '../base/logger';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { PrivacyMessages } from './personal-data';

/** What `/engage forget me` and `/engage export me` use, given once when the feature is created. */
export interface PrivacyContext {
  logger: Logger;
  messages: PrivacyMessages;
  /** Every store of personal data, filled in by the bot from every feature (and adapter). */
  sources: readonly PersonalDataSource[];
}
