import type { CommandSpec } from '../../src/commands/load-command-catalog';

// The Slack app manifest is generated from the command catalog so the slash commands Slack shows
// can never drift from the ones the bot answers (a test compares it with manifest.json).

export const SLACK_EVENTS_PATH = '/slack/events';

export function buildSlackManifest(catalog: readonly CommandSpec[], baseUrl = 'https://engage-bot.example.org') {
  const url = `${baseUrl}${SLACK_EVENTS_PATH}`;
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
      bot_user: { display_name: 'engage-bot', always_online: true },
      slash_commands: catalog.map((c) => ({
        command: `/${c.name}`,
        url,
        description: c.summary,
        usage_hint: c.usage,
        should_escape: false,
      })),
    },
    oauth_config: { scopes: { bot: ['commands'] } },
    settings: {
      interactivity: { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
