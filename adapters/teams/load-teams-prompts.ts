import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../../src/base/load-prompts';

// Words only the Teams adapter says (card validation, the install welcome). Validated at start-up.
const line = z.string().min(1).max(600);
export const TeamsPrompts = z.strictObject({
  requiredField: line,
  fieldProblems: line,
  welcome: line,
  shared: line,
  done: line,
  /** What `/engage export me` and `forget me` call the stored conversation reference. */
  conversationDetailsLabel: line,
  /** The command menu's entry for "home". */
  homeCommand: z.string().min(3).max(128),
  /** The app's name and descriptions in the Teams store and app details (limits: Teams' manifest schema). */
  appNameFull: z.string().min(3).max(100),
  appDescriptionShort: z.string().min(3).max(80),
  appDescriptionFull: z.string().min(3).max(4000),
});
export type TeamsPrompts = z.infer<typeof TeamsPrompts>;

export const loadTeamsPrompts = (dir = PROMPTS_DIR): TeamsPrompts => readPromptJson('teams.json', TeamsPrompts, dir);
