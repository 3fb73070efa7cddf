import type { Activity } from 'botbuilder';
import type { Reply } from '../../src/core/reply';
import { CARD_CONTENT_TYPE, isPlainText, renderAdaptiveCard, type AdaptiveCard } from './render-adaptive-card';
import type { TeamsPrompts } from './load-teams-prompts';

/** One sentence goes as a plain message (reads naturally in chat); anything richer as a card. */
export function toTeamsActivity(reply: Reply, prompts: TeamsPrompts): Partial<Activity> {
  // A bot cannot drop a file into a Teams chat without a consent card; a CSV export is shown as
  // text under its file name, ready to copy.
  if (reply.file) {
    reply = { ...reply, blocks: [...reply.blocks, { type: 'context', text: reply.file.name }, { type: 'text', text: reply.file.content }] };
  }
  if (isPlainText(reply)) return { type: 'message', text: reply.text, textFormat: 'markdown' };
  return cardActivity(renderAdaptiveCard(reply, prompts), reply.text);
}

export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  // `summary` is what notifications and the chat list show for a card.
  return { type: 'message', summary, attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}
