import { DEBRIEF_SEALED_STORES } from '../../src/debrief/debrief-repo';
import { REMINDER_SEALED_STORES } from '../../src/remind/reminder-store';
import { OVERFLOW_SEALED_STORES } from '../../src/storage/create-overflow-store';

/** Every store whose values are sealed: what rotate-key re-seals and what doctor samples. */
export const ALL_SEALED_STORES = [...DEBRIEF_SEALED_STORES, ...REMINDER_SEALED_STORES, ...OVERFLOW_SEALED_STORES] as const;
