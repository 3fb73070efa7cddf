import { z } from 'zod';
import type { Actor } from '../base/incoming';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';

// People's control of their data: every feature that stores something about a person registers a
// source here, and `/engage forget me` / `/engage export me` go through all of them. Erasure is
// physical deletion of the keys, never a TTL.

export interface PersonalDataSource {
  /** Shown to the person: what this source holds, e.g. "tip votes". */
  label: string;
  /** Set when only one platform stores it (e.g. Teams conversation details). */
  platform?: Actor['platform'];
  /** Everything held about this person in their workspace, ready for JSON. */
  export(actor: Actor): Promise<unknown[]>;
  /** Deletes it; returns how many records went. */
  erase(actor: Actor): Promise<number>;
}

const line = z.string().min(1).max(600);
export const PrivacyMessages = z.strictObject({
  forgetConfirm: line, forgetButton: line, cancelButton: line, forgotten: line, forgottenNothing: line,
  kept: line, exportHeading: line, exportIntro: line, exportEmpty: line, usage: line,
});
export type PrivacyMessages = z.infer<typeof PrivacyMessages>;
export const loadPrivacyMessages = (dir = PROMPTS_DIR) => readPromptJson('privacy.json', PrivacyMessages, dir);
