import type { Button } from '../../src/base/reply';
import type { Mention } from '../../src/base/incoming';

export type ConsoleInput =
  | { kind: 'quit' }
  | { kind: 'nothing' }
  /** The person's home view: upcoming reminders, recent debriefs, a tip of the day. */
  | { kind: 'home' }
  | { kind: 'command'; command: string; text: string; mentions: Mention[] }
  | { kind: 'press'; button: Button };

/**
 * The words that start each command in the console: its catalog name ("engage-tip"), the name
 * without "engage-" ("tip"), and "help" for the help; a new command in the catalog gets them too.
 */
export function commandWords(catalog: readonly { name: string }[]): ReadonlyMap<string, string> {
  const words = new Map<string, string>([['help', 'engage']]);
  for (const { name } of catalog) words.set(name, name).set(name.replace(/^engage-/, ''), name);
  return words;
}

/** What a typed line means: a number presses a button of the last answer; plain words ask for a tip. */
/** `homeWords`: what opens the home view: "home", and its word in the person's language ("inicio"). */
export function toConsoleInput(line: string, buttons: Button[], words: ReadonlyMap<string, string>, homeWords: ReadonlySet<string> = new Set(['home'])): ConsoleInput {
  const trimmed = line.trim();
  if (!trimmed) return { kind: 'nothing' };
  if (/^\/?(quit|exit|bye)$/i.test(trimmed)) return { kind: 'quit' };
  if (homeWords.has(trimmed.replace(/^\//, '').toLowerCase())) return { kind: 'home' };
  if (/^\d{1,2}$/.test(trimmed)) {
    const button = buttons[Number(trimmed) - 1];
    return button ? { kind: 'press', button } : command('engage-tip', trimmed);
  }
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.replace(/^\//, '').toLowerCase();
  const known = words.get(word);
  if (known) return command(known, rest.join(' '));
  if (first.startsWith('/')) return command(first.slice(1).toLowerCase(), rest.join(' '));
  return command('engage-tip', trimmed);
}

/** In the console a person is named as typed ("@amina"): the name is the only id there is. */
function command(name: string, text: string): ConsoleInput {
  const mentions = [...text.matchAll(/(?<=^|\s)@([A-Za-z0-9._-]{1,100})/g)].map(([display, id]) => ({ userId: id!, display }));
  return { kind: 'command', command: name, text, mentions };
}
