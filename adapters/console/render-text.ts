import type { Block, Button, Reply } from '../../src/base/reply';
import { linesIn } from '../../src/base/language';
import { leaveOutShareButtons } from '../shared/leave-out-share-buttons';

export interface TextRendering {
  text: string;
  /** Buttons in the order they were numbered: typing "2" clicks buttons[1]. */
  buttons: Button[];
}

/** A reply as plain terminal text; buttons become numbered choices the person can type. */
export function renderText(reply: Reply, width = 88): TextRendering {
  const buttons: Button[] = [];
  const out: string[] = [];
  // A console chat has nobody else in it: a button posting "here" would share with no one.
  for (const block of leaveOutShareButtons(reply).blocks) out.push(renderBlock(block, buttons, width));
  const text = out.filter(Boolean).join('\n');
  // Right-to-left text: each line is marked as such, so one starting with a command or an English
  // heading is still laid out from the right in a terminal that applies the bidi algorithm.
  return { text: linesIn(text, reply.lang ?? 'en'), buttons };
}

function renderBlock(block: Block, buttons: Button[], width: number): string {
  switch (block.type) {
    case 'heading':
      return `\n${block.text.toUpperCase()}`;
    case 'text':
      // Text laid out in lines by the core (an export's JSON) is printed as it is, in one piece:
      // wrapping would cut its lines where a copy must keep them whole.
      return block.text.includes('\n') ? block.text : wrap(block.text, width);
    case 'list':
      return block.items.map((item, i) => wrap(`${block.ordered ? `${i + 1}.` : '•'} ${item}`, width, '   ')).join('\n');
    case 'fields':
      return block.fields.map((f) => wrap(`${f.label}: ${f.value}`, width)).join('\n');
    case 'context':
      return wrap(block.text, width, '', '  ');
    case 'divider':
      return '─'.repeat(Math.min(width, 40));
    case 'actions':
      return block.buttons.map((b) => { buttons.push(b); return `  [${buttons.length}] ${b.label}`; }).join('\n');
    case 'link':
      return isPrintableLink(block.url) ? `${wrap(block.text, width)}\n  ${block.url}` : wrap(block.text, width);
  }
}

/** An http(s) address with no spaces or control characters: nothing in it can move the terminal's cursor or colours. */
function isPrintableLink(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(url)) return false;
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function wrap(text: string, width: number, indent = '', first = ''): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = first;
    for (const word of paragraph.split(' ')) {
      if (line.trim() && (line + word).length > width) { lines.push(line.trimEnd()); line = indent; }
      line += `${word} `;
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}
