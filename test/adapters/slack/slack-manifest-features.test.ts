import { loadCommandCatalog } from '../../../src/base/load-command-catalog';
import { buildSlackManifest } from '../../../adapters/slack/build-slack-manifest';

test('the manifest asks for the minimum and wires interactivity, events and the App Home', () => {
  const m = buildSlackManifest(loadCommandCatalog(), { baseUrl: 'https://bot.example.net' });
  expect(m.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'users:read', 'im:write', 'files:write', 'channels:read']);
  expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.net/slack/oauth_redirect']);
  expect(m.settings.event_subscriptions).toEqual({ request_url: 'https://bot.example.net/slack/events', bot_events: ['app_home_opened', 'app_uninstalled', 'tokens_revoked'] });
  expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://bot.example.net/slack/events' });
  expect(m.features.app_home.home_tab_enabled).toBe(true);
  // Every catalog command, with its catalog description (Slack allows 100 characters).
  expect(m.features.slash_commands.map((c) => c.command)).toEqual(loadCommandCatalog().map((c) => `/${c.name}`));
  for (const c of m.features.slash_commands) expect(c.description.length).toBeLessThanOrEqual(100);
});

test('the Socket Mode variant has no request URLs', () => {
  const m = buildSlackManifest(loadCommandCatalog(), { socketMode: true });
  expect(m.settings.socket_mode_enabled).toBe(true);
  expect(JSON.stringify(m.settings)).not.toContain('request_url');
  expect(m.features.slash_commands.every((c) => !('url' in c))).toBe(true);
});
