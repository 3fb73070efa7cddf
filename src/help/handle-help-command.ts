import type { Block, Reply } from '../base/reply';
import type { Messages } from '../base/load-prompts';
import type { CommandSpec } from '../base/load-command-catalog';
import { fillTemplate } from '../base/fill-template';

/** `/engage`: what the bot does, and each command of the catalog with its examples. */
export function renderHelp(messages: Messages, catalog: readonly CommandSpec[]): Reply {
  const m = messages.help;
  const blocks: Block[] = [{ type: 'heading', text: m.heading }, { type: 'text', text: m.intro }];
  for (const c of catalog) {
    blocks.push({ type: 'text', text: fillTemplate(m.commandLine, { command: `/${c.name}`, usage: c.usage, summary: c.summary }) });
    blocks.push({ type: 'list', items: c.examples.map((e) => `/${c.name} ${e}`) });
  }
  blocks.push({ type: 'context', text: m.scope }, { type: 'context', text: m.languages }, { type: 'context', text: m.privacy });
  return { text: m.intro, blocks, visibility: 'private' };
}
