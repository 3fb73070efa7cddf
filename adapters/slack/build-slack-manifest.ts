import type { CommandSpec } from '../../src/base/load-command-catalog';
import { loadSlackPrompts, type SlackPrompts } from './load-slack-prompts';

// The Slack app manifest is generated from the command catalog so the slash commands Slack shows
// can never drift from the ones the bot answers (a test compares it with manifest.json).

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * As few as the features need: slash commands; chat:write for reminders and answers in the
 * person's direct messages; users:read for their time zone (users.info `tz`). The App Home and the
 * uninstall events need no scope.
 */
// files:write and im:write: a CSV export arrives as a file in the person's direct messages.
// channels:read: whether the bot is in a channel (conversations.info), asked when a channel reminder is set.
export const BOT_SCOPES = ['commands', 'chat:write', 'users:read', 'im:write', 'files:write', 'channels:read'] as const;
export const BOT_EVENTS = ['app_home_opened', 'app_uninstalled', 'tokens_revoked'] as const;

/** The address manifest.json shows; `engage-bot manifest --url` puts the real one in its place. */
export const PLACEHOLDER_BASE_URL = 'https://engage-bot.example.org';

export interface ManifestOptions {
  /** The bot's public https address, without a trailing slash (`https://bot.example.org`). */
  baseUrl?: string;
  /** Socket Mode apps receive everything over a WebSocket: no public request URLs. */
  socketMode?: boolean;
  /** The shortcuts' words (prompts/slack.json by default). */
  prompts?: Pick<SlackPrompts, 'remindMessageName' | 'remindMessageDescription' | 'recordMessageName' | 'recordMessageDescription'>;
}

/** The message shortcuts: each callback_id is the core's shortcut name (IncomingShortcut.shortcut). */
export const MESSAGE_SHORTCUTS = ['remind-message', 'record-message'] as const;

/** "…" in a message's menu: they arrive as message_action, over the interactivity URL. */
function messageShortcuts(words: NonNullable<ManifestOptions['prompts']>) {
  return [
    { name: words.remindMessageName, type: 'message' as const, callback_id: MESSAGE_SHORTCUTS[0], description: words.remindMessageDescription },
    { name: words.recordMessageName, type: 'message' as const, callback_id: MESSAGE_SHORTCUTS[1], description: words.recordMessageDescription },
  ];
}

export function buildSlackManifest(catalog: readonly CommandSpec[], { baseUrl, socketMode = false, prompts = loadSlackPrompts() }: ManifestOptions = {}) {
  // Socket Mode needs an address only for the OAuth redirect (several workspaces): without one, no
  // placeholder address is written into a manifest someone will paste into Slack.
  const base = baseUrl ?? (socketMode ? undefined : PLACEHOLDER_BASE_URL);
  const url = `${base}${SLACK_EVENTS_PATH}`;
  const requestUrl = socketMode ? {} : { url };
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'engage-bot',
      description: 'Advice from BSR’s guide to engaging tech companies on human rights',
      long_description:
        'engage-bot brings the guide “Effective Engagement with Technology Companies” (BSR, 2024), a guide for civil society, into Slack. Describe a situation in everyday words and get the practical tip that fits it, cited to the guide’s section and page. Built for civil-society organisations that engage with technology companies on human-rights issues. Answers are private to you unless you share them, and nothing you type is written to the bot’s logs.',
      background_color: '#1d4e5f',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'engage-bot', always_online: true },
      slash_commands: catalog.map((c) => ({
        command: `/${c.name}`,
        ...requestUrl,
        description: c.summary,
        usage_hint: c.usage,
        // A person or channel picked from Slack's list arrives as <@U…|name> / <#C…|name>, ids the
        // bot can invite and post to (read-slack-links.ts); unescaped, only the typed name comes.
        should_escape: true,
      })),
      shortcuts: messageShortcuts(prompts),
    },
    oauth_config: {
      ...(base ? { redirect_urls: [`${base}${SLACK_OAUTH_REDIRECT_PATH}`] } : {}),
      scopes: { bot: [...BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: { ...(socketMode ? {} : { request_url: url }), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(socketMode ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socketMode,
      token_rotation_enabled: false,
    },
  };
}
