import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../../src/base/load-prompts';

// The few words only the Slack adapter says (paging long answers, install pages), kept with the rest
// of the bot's words in prompts/ and validated at start-up.

const line = z.string().min(1).max(300);
export const SlackPrompts = z.strictObject({
  more: z.string().min(1).max(75),
  moreHint: line,
  moreGone: line,
  homeTrimmed: line,
  slow: line,
  installed: line,
  installFailed: line,
  notInstalled: line,
});
export type SlackPrompts = z.infer<typeof SlackPrompts>;

export const loadSlackPrompts = (dir = PROMPTS_DIR): SlackPrompts => readPromptJson('slack.json', SlackPrompts, dir);
