import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../../src/base/load-prompts';

const line = z.string().min(1).max(600);
export const ConsolePrompts = z.strictObject({ welcome: line, prompt: line, formHint: line, formCancelled: line, bye: line, optional: line, keepsInitial: line, severalChoices: line });
export type ConsolePrompts = z.infer<typeof ConsolePrompts>;

/** The console chat's own words (prompts/console.json); the bot's answers come from the core. */
export const loadConsolePrompts = (dir = PROMPTS_DIR): ConsolePrompts => readPromptJson('console.json', ConsolePrompts, dir);
