import type { Activity } from 'botbuilder';
import type { Reply } from '../../src/base/reply';
import { CARD_CONTENT_TYPE, escapeMarkdown, isPlainText, renderAdaptiveCard, type AdaptiveCard } from './render-adaptive-card';
import type { TeamsPrompts } from './load-teams-prompts';
import type { Localised } from '../../src/base/load-prompts';

/** One sentence goes as a plain message (reads naturally in chat); anything richer as a card. */
export function toTeamsActivity(reply: Reply, prompts: Localised<TeamsPrompts>): Partial<Activity> {
  // A file (an export) travels inside the card as its text: render-adaptive-card.ts, fileElement.
  // Message text is Markdown too: escaped like a card's (render-adaptive-card.ts).
  if (isPlainText(reply)) return { type: 'message', text: escapeMarkdown(reply.text), textFormat: 'markdown' };
  return cardActivity(renderAdaptiveCard(reply, prompts(reply.lang ?? 'en')), reply.text);
}

export function cardActivity(card: AdaptiveCard, text: string): Partial<Activity> {
  return { type: 'message', summary: summaryLine(text), attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

/** About what a notification or the chat list shows of a card's `summary` (one line). */
export const SUMMARY_MAX = 80;

/** The first line of the reply's text, cut at a word with an ellipsis: the card itself holds the rest. */
export function summaryLine(text: string): string {
  const line = (text.split('\n').find((l) => l.trim()) ?? '').replace(/\s+/g, ' ').trim();
  if (line.length <= SUMMARY_MAX) return line;
  let cut = line.lastIndexOf(' ', SUMMARY_MAX - 1);
  if (cut < SUMMARY_MAX / 2) cut = SUMMARY_MAX - 1;
  if (/[\uD800-\uDBFF]/.test(line.charAt(cut - 1))) cut -= 1;
  return `${line.slice(0, cut).trimEnd()}…`;
}
