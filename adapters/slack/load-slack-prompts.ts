import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../../src/base/load-prompts';

// The few words only the Slack adapter says (paging long answers, install pages, the message
// shortcuts' names in the app manifest), kept with the rest of the bot's words in prompts/ and
// validated at start-up.

const line = z.string().min(1).max(300);
/** Slack refuses a manifest whose shortcut names are longer than 24 characters. */
const shortcutName = z.string().min(1).max(24);
const shortcutDescription = z.string().min(1).max(150);
export const SlackPrompts = z.strictObject({
  more: z.string().min(1).max(75),
  moreHint: line,
  moreGone: line,
  homeTrimmed: line,
  slow: line,
  installed: line,
  installFailed: line,
  notInstalled: line,
  remindMessageName: shortcutName,
  remindMessageDescription: shortcutDescription,
  recordMessageName: shortcutName,
  recordMessageDescription: shortcutDescription,
});
export type SlackPrompts = z.infer<typeof SlackPrompts>;

export const loadSlackPrompts = (dir = PROMPTS_DIR): SlackPrompts => readPromptJson('slack.json', SlackPrompts, dir);
