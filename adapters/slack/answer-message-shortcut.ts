import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs, webApi } from '@slack/bolt';
import type { Logger } from '../../src/base/logger';
import type { SlackHandlerDeps } from './handle-slack-requests';
import { readMessageShortcut, type SlackMessageShortcut } from './read-slack-payload';

// "Remind me about this" (and the other message shortcuts) from a message's "…" menu: the message's
// words and its permalink go to the core, and the form it answers with opens as a modal. Its
// submission comes back as any modal's does (view_submission), with the link in the modal's state.

export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/**
 * The message's permalink from Slack itself, never built from the payload: undefined when Slack will
 * not give one (a channel the bot cannot see, a rate limit), and the reminder simply has no link.
 */
async function permalinkOf(client: webApi.WebClient, shortcut: SlackMessageShortcut, logger: Logger): Promise<string | undefined> {
  try {
    const answer = await client.chat.getPermalink({ channel: shortcut.channelId, message_ts: shortcut.messageTs });
    return typeof answer.permalink === 'string' ? answer.permalink : undefined;
  } catch (err) {
    logger.warn({ event: 'slack.permalink_failed', code: (err as { data?: { error?: string } })?.data?.error ?? (err as Error)?.name }, 'no permalink for a message shortcut');
    return undefined;
  }
}

export async function answerMessageShortcut({ bot, actorOf, replies, logger }: SlackHandlerDeps, { ack, body, client, respond }: MessageShortcutArgs): Promise<void> {
  // The trigger id lasts three seconds from the click: acknowledge first, open the modal at once after.
  await ack();
  const shortcut = readMessageShortcut(body);
  if (!shortcut) return;
  const [actor, link] = await Promise.all([actorOf(client, shortcut.tenantId, shortcut.userId), permalinkOf(client, shortcut, logger)]);
  const reply = await bot.handleShortcut({ actor, shortcut: shortcut.callbackId, message: { text: shortcut.text, ...(link ? { link } : {}) } });
  // A shortcut no feature answers yet: acknowledged, nothing to show.
  if (!reply) return;
  if (reply.form) await replies.openForm(client, shortcut.triggerId, actor, reply);
  else await replies.deliver(reply, { client, tenantId: shortcut.tenantId, userId: shortcut.userId, ...(shortcut.hasResponseUrl ? { respond } : {}) });
}
