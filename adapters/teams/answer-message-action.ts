import type { InvokeResponse } from 'botbuilder';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { Localised } from '../../src/base/load-prompts';
import { languageOfLocale } from '../../src/base/language';
import type { TeamsWords } from './load-teams-prompts';
import { CARD_CONTENT_TYPE, renderAdaptiveCard, renderFormAgain, type AdaptiveCard } from './render-adaptive-card';
import { readCardData } from './read-card-data';
import { readMessageAction } from './read-message-action';

// "Remind me about this" (and the other message actions) from a message's "…" menu. Teams asks for
// the dialog (composeExtension/fetchTask): the core's form, prefilled from the message, drawn as the
// card Adaptive Cards renders everywhere else. The dialog's answers come back as
// composeExtension/submitAction: problems redraw the card, anything else closes the dialog and the
// core's answer goes to the person's own chat with the bot.

export const FETCH_TASK = 'composeExtension/fetchTask';
export const SUBMIT_ACTION = 'composeExtension/submitAction';

export interface MessageActionDeps {
  bot: Bot;
  prompts: Localised<TeamsWords>;
  /** The reply in the person's 1:1 chat with the bot; false when there is none to post in. */
  sendPrivately(actor: Actor, reply: Reply): Promise<boolean>;
}

const ok = (body: unknown): InvokeResponse => ({ status: 200, body });
/** A sentence in the dialog instead of a card. */
const message = (text: string) => ok({ task: { type: 'message', value: text } });
/** The dialog closes. */
const close = () => ok({});

/**
 * A dialog shows the card with its own submit: Universal Actions (Action.Execute) do not run inside
 * dialogs, so each button's Action.Submit fallback takes its place, carrying the same data.
 */
function inDialog(card: AdaptiveCard): AdaptiveCard {
  const submitOnly = (action: Record<string, unknown>) => (action.type === 'Action.Execute' && action.fallback && typeof action.fallback === 'object' ? action.fallback as Record<string, unknown> : action);
  return { ...card, ...(card.actions ? { actions: card.actions.map(submitOnly) } : {}) };
}

const dialog = (title: string, card: AdaptiveCard) =>
  ok({ task: { type: 'continue', value: { title, card: { contentType: CARD_CONTENT_TYPE, content: inDialog(card) } } } });

const languageOf = (actor: Actor) => languageOfLocale(actor.locale) ?? 'en';

export async function fetchMessageActionTask({ bot, prompts }: MessageActionDeps, actor: Actor, value: unknown): Promise<InvokeResponse> {
  const action = readMessageAction(value);
  if (!action || action.context !== 'message') return message(prompts(languageOf(actor)).messageActions.unavailable);
  const reply = await bot.handleShortcut({ actor, shortcut: action.commandId, message: { text: action.text, ...(action.link ? { link: action.link } : {}) } });
  const words = prompts(reply?.lang ?? languageOf(actor));
  // An action no feature answers yet.
  if (!reply) return message(words.messageActions.unavailable);
  if (!reply.form) return message(reply.text);
  return dialog(reply.form.title, renderAdaptiveCard(reply, words));
}

export async function submitMessageAction({ bot, prompts, sendPrivately }: MessageActionDeps, actor: Actor, value: unknown): Promise<InvokeResponse> {
  const input = readCardData(readMessageAction(value)?.data);
  const words = prompts(languageOf(actor));
  if (input?.kind !== 'form') return message(words.done);
  const result = await bot.handleSubmission({ actor, formId: input.form.id, values: input.values, metadata: input.form.metadata });
  if ('errors' in result && Object.keys(result.errors).length) return dialog(input.form.title, renderFormAgain(input.form, words, result.errors, input.raw));
  const reply = 'reply' in result ? result.reply : undefined;
  if (!reply || (await sendPrivately(actor, reply))) return close();
  // Nowhere private to post it (the person never opened a chat with the bot): the dialog says it.
  return message(reply.text);
}
