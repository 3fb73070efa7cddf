import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/base/logger';

/**
 * Whether the bot can post in a channel: asked when a channel reminder is set, instead of finding out
 * when it falls due. Slack says `is_member` for a public channel; a private one the bot is not in is
 * invisible to it (`channel_not_found`). When Slack cannot tell (a workspace that installed the app
 * before it asked for `channels:read`, Slack unreachable), the reminder is kept, as before.
 */
export async function botCanPostIn(client: webApi.WebClient, channelId: string, logger: Logger): Promise<boolean> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    return info.channel?.is_member !== false;
  } catch (err) {
    const code = (err as { data?: { error?: string } })?.data?.error;
    if (code === 'channel_not_found') return false;
    logger.warn({ event: 'slack.membership_unknown', code: code ?? (err as Error)?.name }, 'could not tell whether the bot is in a channel');
    return true;
  }
}
