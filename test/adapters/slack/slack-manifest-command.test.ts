import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { runManifest } from '../../../adapters/cli/print-slack-manifest';
import { BOT_SCOPES, buildSlackManifest } from '../../../adapters/slack/build-slack-manifest';
import { checkSlackManifest } from '../../../adapters/slack/check-slack-manifest';
import { loadCommandCatalog } from '../../../src/base/load-command-catalog';

// `engage-bot manifest`: a manifest to paste into Slack as is, for HTTP or Socket Mode.

function capture() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += chunk.toString(); done(); } });
  return { stream, text: () => text };
}
function manifest(args: string[]) {
  const out = capture();
  const err = capture();
  const code = runManifest(args, out.stream, err.stream);
  return { code, out: out.text(), err: err.text() };
}
/** Every URL in the manifest, wherever it sits. */
const urlsIn = (json: string) => json.match(/https?:\/\/[^"]+/g) ?? [];

test('--url: valid JSON; every request URL points at that address', () => {
  const r = manifest(['--url', 'https://bot.example.net/']);
  expect(r.code).toBe(0);
  const m = JSON.parse(r.out);
  expect(checkSlackManifest(m)).toEqual([]);
  expect(m.settings.socket_mode_enabled).toBe(false);
  const requestUrls = [m.settings.event_subscriptions.request_url, m.settings.interactivity.request_url, ...m.features.slash_commands.map((c: { url: string }) => c.url)];
  expect(requestUrls).toHaveLength(2 + loadCommandCatalog().length);
  expect(new Set(requestUrls)).toEqual(new Set(['https://bot.example.net/slack/events']));
  expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.net/slack/oauth_redirect']);
  expect(urlsIn(r.out).every((u) => u.startsWith('https://bot.example.net/slack/'))).toBe(true);
});

test('--url keeps a path prefix (a bot behind a reverse proxy)', () => {
  const m = JSON.parse(manifest(['--url', 'https://ngo.example.org/engage']).out);
  expect(m.settings.event_subscriptions.request_url).toBe('https://ngo.example.org/engage/slack/events');
});

test('--socket-mode: valid JSON without any request URL or placeholder address', () => {
  const r = manifest(['--socket-mode']);
  expect(r.code).toBe(0);
  const m = JSON.parse(r.out);
  expect(checkSlackManifest(m)).toEqual([]);
  expect(m.settings.socket_mode_enabled).toBe(true);
  expect(urlsIn(r.out)).toEqual([]);
  expect(m.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
});

test.each([
  [['--url', 'http://bot.example.net'], /--url must start with https:\/\//],
  [['--url', 'https://localhost:3978'], /this computer's own address, which Slack cannot reach/],
  [['--url', 'bot.example.net'], /is not a web address/],
  [['--url', 'https://bot.example.net/slack/events'], /without \/slack\/events .*--url https:\/\/bot\.example\.net$/m],
  [[], /Say how Slack reaches the bot/],
  [['--urll', 'https://bot.example.net'], /Unknown option '--urll'/],
])('%j is refused with a sentence and exit code 2, printing no manifest', (args, message) => {
  const r = manifest(args);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(message);
  expect(r.out).toBe('');
});

test('the checker refuses what Slack refuses, such as the old hand edit for Socket Mode', () => {
  // README used to say: delete the url/request_url lines (and set socket_mode_enabled yourself).
  const edited = JSON.parse(JSON.stringify(buildSlackManifest(loadCommandCatalog())));
  delete edited.settings.event_subscriptions.request_url;
  delete edited.settings.interactivity.request_url;
  for (const c of edited.features.slash_commands) delete c.url;
  const problems = checkSlackManifest(edited);
  expect(problems).toContain('settings.event_subscriptions needs a request_url, or socket_mode_enabled: true');
  expect(problems).toContain('settings.interactivity needs a request_url, or socket_mode_enabled: true');
  expect(problems).toContain('features.slash_commands[0] (/engage) needs a url, or socket_mode_enabled: true');
  expect(checkSlackManifest({ ...edited, settings: { ...edited.settings, socket_mode_enabled: true } })).toEqual([]);
  expect(checkSlackManifest({ display_information: { name: 'x'.repeat(36) }, extra: 1 })).toEqual([
    'extra is not a manifest field Slack knows',
    'display_information.name must be text of 1 to 35 characters',
    'oauth_config.scopes.bot must list the bot token scopes',
  ]);
});

test('the manifest has the shape @slack/web-api declares for apps.manifest.create (checked by tsc)', () => {
  const typed: AppsManifestCreateArguments['manifest'] = buildSlackManifest(loadCommandCatalog(), { socketMode: true });
  expect(typed.display_information.name).toBe('engage-bot');
});

test('npx engage-bot manifest --socket-mode prints the manifest on stdout', () => {
  const r = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'bin', 'engage-bot.js'), 'manifest', '--socket-mode'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 30000 });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).settings.socket_mode_enabled).toBe(true);
});
