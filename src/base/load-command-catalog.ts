import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from './load-prompts';

// One catalog feeds the help text, the Slack manifest's slash commands and the Teams command menu.

export const CommandSpec = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
  summary: z.string().min(3).max(100),
  usage: z.string().max(100),
  examples: z.array(z.string().min(1).max(200)).min(1).max(6),
});
export type CommandSpec = z.infer<typeof CommandSpec>;

const CatalogFile = z.strictObject({ commands: z.array(CommandSpec).min(1) });

export function loadCommandCatalog(dir = PROMPTS_DIR): readonly CommandSpec[] {
  const { commands } = readPromptJson('commands.json', CatalogFile, dir);
  const seen = new Set<string>();
  for (const c of commands) {
    if (seen.has(c.name)) throw new Error(`prompts/commands.json names the command "${c.name}" twice`);
    seen.add(c.name);
  }
  return commands;
}
