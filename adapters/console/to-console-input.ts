import type { Button } from '../../src/core/reply';

export type ConsoleInput =
  | { kind: 'quit' }
  | { kind: 'nothing' }
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
  if (/^\d{1,2}$/.test(trimmed)) {
    const button = buttons[Number(trimmed) - 1];
    return button ? { kind: 'press', button } : { kind: 'command', command: 'engage-tip', text: trimmed };
  }
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const command = COMMAND_WORDS[first.replace(/^\//, '').toLowerCase()];
  if (command) return { kind: 'command', command, text: rest.join(' ') };
  if (first.startsWith('/')) return { kind: 'command', command: first.slice(1).toLowerCase(), text: rest.join(' ') };
  return { kind: 'command', command: 'engage-tip', text: trimmed };
}
