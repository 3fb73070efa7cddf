import type { CommandSpec } from '../../src/base/load-command-catalog';

export type TeamsTextIntent =
  | { kind: 'command'; command: string; text: string }
  | { kind: 'home' }
  | { kind: 'help' };

/** The catalog's help command (the one named after the bot). */
export const HELP_COMMAND = 'engage';
const PREFIX = `${HELP_COMMAND}-`;

/**
 * Teams has no slash commands: "tip nda", "/tip nda", "engage-tip nda" and "/engage-tip nda" all
 * mean the catalog command `engage-tip`. Any catalog command works the same way (`remind …` →
 * `engage-remind`), so new commands need no change here. Anything else is a situation to search
 * the guide for. The @mention is already removed.
 */
export function parseTeamsText(raw: string, catalog: readonly CommandSpec[], own: { help: readonly string[]; home: readonly string[] } = { help: [], home: [] }): TeamsTextIntent {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return { kind: 'help' };
  const [firstRaw = '', ...restWords] = text.split(' ');
  const rest = restWords.join(' ');
  const word = firstRaw.replace(/^\//, '').toLowerCase();
  // `own`: the person's language's words for help and home ("ayuda", "accueil"), typed alone.
  if (word === 'help' || word === HELP_COMMAND || (!rest && own.help.includes(word))) return { kind: 'command', command: HELP_COMMAND, text: rest };
  if (word === 'home' || own.home.includes(text.toLowerCase())) return { kind: 'home' };
  const names = new Set(catalog.map((c) => c.name));
  const candidate = word.startsWith(PREFIX) ? word : `${PREFIX}${word}`;
  if (names.has(candidate)) return { kind: 'command', command: candidate, text: rest };
  // "/something" is meant as a command: the core answers that it does not know it.
  if (firstRaw.startsWith('/')) return { kind: 'command', command: word, text: rest };
  return { kind: 'command', command: `${PREFIX}tip`, text };
}
