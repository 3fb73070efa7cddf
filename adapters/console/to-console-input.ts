import type { Button } from '../../src/base/reply';

export type ConsoleInput =
  | { kind: 'quit' }
  | { kind: 'nothing' }
  /** The person's home view: upcoming reminders, recent debriefs, a tip of the day. */
  | { kind: 'home' }
  | { kind: 'command'; command: string; text: string }
  | { kind: 'press'; button: Button };

const COMMAND_WORDS: Record<string, string> = {
  engage: 'engage', help: 'engage',
  'engage-tip': 'engage-tip', tip: 'engage-tip',
  'engage-remind': 'engage-remind', remind: 'engage-remind',
  'engage-debrief': 'engage-debrief', debrief: 'engage-debrief',
};

/** What a typed line means: a number presses a button of the last answer; plain words ask for a tip. */
export function toConsoleInput(line: string, buttons: Button[]): ConsoleInput {
  const trimmed = line.trim();
  if (!trimmed) return { kind: 'nothing' };
  if (/^\/?(quit|exit|bye)$/i.test(trimmed)) return { kind: 'quit' };
  if (/^\/?home$/i.test(trimmed)) return { kind: 'home' };
  if (/^\d{1,2}$/.test(trimmed)) {
    const button = buttons[Number(trimmed) - 1];
    return button ? { kind: 'press', button } : { kind: 'command', command: 'engage-tip', text: trimmed };
  }
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.replace(/^\//, '').toLowerCase();
  const command = Object.hasOwn(COMMAND_WORDS, word) ? COMMAND_WORDS[word] : undefined;
  if (command) return { kind: 'command', command, text: rest.join(' ') };
  if (first.startsWith('/')) return { kind: 'command', command: first.slice(1).toLowerCase(), text: rest.join(' ') };
  return { kind: 'command', command: 'engage-tip', text: trimmed };
}
