import type { webApi } from '@slack/bolt';
import type { DeliveryResult, DeliveryTarget, Outbox } from '../../src/base/outbox';
import type { Reply } from '../../src/base/reply';
import type { Logger } from '../../src/base/logger';
import type { SlackBlock } from './render-block-kit';
import { leaveOutShareButtons } from '../shared/leave-out-share-buttons';

// Reminders and invitations leave through chat.postMessage. The reminder sweeper decides when to try
// again, so this client never retries on its own; it says whether trying again can help.

/** Errors no retry can fix: the person, the channel or the installation is gone or out of reach. */
const PERMANENT = new Set([
  'user_not_found', 'channel_not_found', 'account_inactive', 'token_revoked', 'token_expired', 'invalid_auth',
  'not_authed', 'not_in_channel', 'is_archived', 'user_disabled', 'team_access_not_granted', 'missing_scope',
  'no_permission', 'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel',
  'cannot_dm_bot', 'ekm_access_denied', 'org_login_required', 'app_missing_action_url', 'invalid_blocks',
  'invalid_blocks_format', 'msg_too_long', 'no_text', 'too_many_attachments', 'messages_tab_disabled',
  'not_allowed_token_type', 'invalid_arguments', 'team_not_found', 'enterprise_is_restricted',
]);

export function classifySlackError(err: unknown): Extract<DeliveryResult, { ok: false }> {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  switch (e?.code) {
    case 'slack_webapi_platform_error': {
      const reason = String(e.data?.error ?? 'unknown_error');
      return { ok: false, permanent: PERMANENT.has(reason), reason };
    }
    case 'slack_webapi_rate_limited_error':
      return { ok: false, permanent: false, reason: 'ratelimited', retryAfterMs: Math.max(1, Number(e.retryAfter ?? 1)) * 1000 };
    case 'slack_webapi_http_error': {
      const status = Number(e.statusCode);
      // 5xx and 408 are Slack having a bad moment; other 4xx will not change on a retry.
      return { ok: false, permanent: status >= 400 && status < 500 && status !== 408, reason: `http_${status}` };
    }
    default:
      // Network trouble (connection refused, reset, timeout) passes.
      return { ok: false, permanent: false, reason: 'network_error' };
  }
}

export interface SlackOutboxOptions {
  client: webApi.WebClient;
  /** The bot token for a workspace, or undefined when the app is not (or no longer) installed there. */
  tokenFor(tenantId: string): Promise<string | undefined>;
  /** Renders a reply within Slack's limits (long answers get a "more" button). */
  render(tenantId: string, reply: Reply): Promise<{ text: string; blocks: SlackBlock[] }>;
  logger: Logger;
}

export function createSlackOutbox({ client, tokenFor, render, logger }: SlackOutboxOptions): Outbox {
  return {
    async send(target: DeliveryTarget, reply: Reply): Promise<DeliveryResult> {
      // A DM goes to the user id: Slack opens the app's direct message with them.
      const channel = target.channelId ?? target.userId;
      if (target.platform !== 'slack' || !channel) return { ok: false, permanent: true, reason: 'bad_target' };
      let token: string | undefined;
      try {
        token = await tokenFor(target.tenantId);
      } catch (err) {
        logger.error({ event: 'slack.outbox.token_failed', error: (err as Error)?.name }, 'could not look up the workspace token');
        return { ok: false, permanent: false, reason: 'storage_error' };
      }
      if (!token) return { ok: false, permanent: true, reason: 'not_installed' };
      try {
        // Sent to a person, it lands in their DM with the bot, where a button posting "here" shares with no one.
        const { text, blocks } = await render(target.tenantId, target.channelId ? reply : leaveOutShareButtons(reply));
        const result = await client.chat.postMessage({ token, channel, text, blocks: blocks as never });
        return { ok: true, messageId: `${result.channel ?? channel}:${result.ts ?? ''}` };
      } catch (err) {
        const failure = classifySlackError(err);
        logger.warn({ event: 'slack.outbox.failed', tenantId: target.tenantId, reason: failure.reason, permanent: failure.permanent }, 'slack delivery failed');
        return failure;
      }
    },
  };
}
