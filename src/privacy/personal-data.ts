import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';

const line = z.string().min(1).max(600);
export const PrivacyMessages = z.strictObject({
  forgetConfirm: line, forgetButton: line, cancelButton: line, forgotten: line, forgottenNothing: line,
  kept: line, exportHeading: line, exportIntro: line, exportEmpty: line, usage: line,
});
export type PrivacyMessages = z.infer<typeof PrivacyMessages>;
export const loadPrivacyMessages = (dir = PROMPTS_DIR) => readPromptJson('privacy.json', PrivacyMessages, dir);
