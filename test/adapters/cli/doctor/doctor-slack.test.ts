import { BOT_SCOPES } from '../../../../adapters/slack/build-slack-manifest';
import { generateDataKey } from '../../../../src/crypto/create-data-cipher';
import { startCaptureServer, type CaptureServer } from '../../../helpers/slack-harness';
import { closedPort, doctor, silentServer } from './run-doctor-for-test';

// `engage-bot doctor` against a local stand-in for slack.com/api (SLACK_API_URL).

const TOKEN = 'xoxb-doctor-test-token';
const SECRET = 'doctor-test-signing-secret';
const ALL_SCOPES = [...BOT_SCOPES, 'reactions:read'].join(',');
let slack: CaptureServer;
beforeEach(async () => { slack = await startCaptureServer(); });
afterEach(() => slack.close());

const env = (extra: Record<string, string> = {}) => ({
  STORE_URL: 'memory://', ENGAGE_DATA_KEY: generateDataKey(),
  SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, ...extra,
});
const authTest = (scopes: string | null, body: Record<string, unknown> = { ok: true, user: 'engage-bot', team: 'Our NGO', team_id: 'T0001', user_id: 'UBOT' }) =>
  slack.answer('auth.test', { headers: scopes === null ? {} : { 'x-oauth-scopes': scopes }, body });

test('a working token with every scope: ✓ lines, exit 0, nothing secret printed', async () => {
  authTest(ALL_SCOPES);
  const r = await doctor(env());
  expect(r.line('Slack token')).toBe('✓ Slack token: SLACK_BOT_TOKEN works: bot "engage-bot" in workspace "Our NGO" (T0001).');
  expect(r.line('Slack scopes')).toMatch(/^✓ Slack scopes: the token has every scope the app asks for/);
  expect(r.code).toBe(0);
  expect(slack.of('auth.test')[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(r.text).not.toContain(TOKEN);
  expect(r.text).not.toContain(SECRET);
});

test('scopes the manifest asks for but the token lacks are named, with the fix', async () => {
  authTest(BOT_SCOPES.slice(0, 2).join(','));
  const r = await doctor(env());
  expect(r.line('Slack token')).toMatch(/^✓/);
  expect(r.line('Slack scopes')).toContain(`✗ Slack scopes: the token lacks ${BOT_SCOPES.slice(2).join(', ')}, which the app needs: `);
  expect(r.line('Slack scopes')).toMatch(/then reinstall the app to the workspace and copy the new token\.$/);
  expect(r.code).toBe(1);
});

test('no x-oauth-scopes header: the scopes are reported unchecked, not passed', async () => {
  authTest(null);
  expect((await doctor(env())).line('Slack scopes')).toMatch(/^✗ Slack scopes: Slack did not say which scopes/);
});

test('a token Slack refuses: ✗ with where to get the right one', async () => {
  authTest(null, { ok: false, error: 'invalid_auth' });
  const r = await doctor(env());
  expect(r.line('Slack token')).toMatch(/^✗ Slack token: Slack refused SLACK_BOT_TOKEN \(invalid_auth\): copy the Bot User OAuth Token/);
  expect(r.lines.some((l) => l.includes('Slack scopes'))).toBe(false);
  expect(r.code).toBe(1);
});

test('Slack unreachable (connection refused) is "could not reach", never a bad token', async () => {
  const api = `http://127.0.0.1:${await closedPort()}/api/`;
  const r = await doctor(env({ SLACK_API_URL: api }));
  expect(r.line('Slack token')).toBe(`✗ Slack token: could not reach Slack at ${api}auth.test (ECONNREFUSED): check this computer's internet connection, and any proxy or firewall between it and the service, and SLACK_API_URL if you set it. The token itself was not checked.`);
  expect(r.text).not.toMatch(/refused SLACK_BOT_TOKEN/);
  expect(r.code).toBe(1);
});

test('Slack not answering is a timeout, reported as "could not reach"', async () => {
  const silent = await silentServer();
  try {
    const r = await doctor(env({ SLACK_API_URL: `${silent.url}/api/` }), { timeoutMs: 300 });
    expect(r.line('Slack token')).toMatch(/^✗ Slack token: could not reach Slack at .* \(no answer within 0\.3 s\)/);
  } finally {
    await silent.close();
  }
});

test('Slack answering 503 or 429 is not a bad token either', async () => {
  slack.answer('auth.test', { status: 503, body: 'upstream down' });
  expect((await doctor(env())).line('Slack token')).toMatch(/^✗ Slack token: Slack answered HTTP 503 without a result.*The token itself was not checked\.$/);
  slack.answer('auth.test', { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
  expect((await doctor(env())).line('Slack token')).toMatch(/^✗ Slack token: Slack is rate-limiting this app \(HTTP 429\); try again in 30 seconds/);
});

test('a user token or an app token in SLACK_BOT_TOKEN is named without calling Slack', async () => {
  expect((await doctor(env({ SLACK_BOT_TOKEN: 'xoxp-user-token' }))).line('Slack token')).toMatch(/^✗ Slack token: SLACK_BOT_TOKEN is a user token \(xoxp-…\)/);
  expect((await doctor(env({ SLACK_BOT_TOKEN: 'xapp-app-token' }))).line('Slack token')).toMatch(/an app-level token \(xapp-…\), which belongs in SLACK_APP_TOKEN/);
  expect(slack.of('auth.test')).toHaveLength(0);
});

test('Socket Mode: the app-level token is tried with apps.connections.open', async () => {
  authTest(ALL_SCOPES);
  const ok = await doctor(env({ SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-doctor' }));
  expect(ok.line('Slack Socket Mode')).toBe('✓ Slack Socket Mode: SLACK_APP_TOKEN can open a Socket Mode connection.');
  expect(slack.of('apps.connections.open')[0]!.headers.authorization).toBe('Bearer xapp-1-doctor');
  expect(ok.code).toBe(0);
  slack.answer('apps.connections.open', { body: { ok: false, error: 'invalid_auth' } });
  const refused = await doctor(env({ SLACK_APP_TOKEN: 'xapp-1-doctor' }));
  expect(refused.line('Slack Socket Mode')).toMatch(/^✗ Slack Socket Mode: Slack refused SLACK_APP_TOKEN \(invalid_auth\): create an app-level token with the connections:write scope/);
});

test('HTTP mode without a signing secret, and OAuth without its secrets, are named', async () => {
  const r = await doctor({ STORE_URL: 'memory://', ENGAGE_DATA_KEY: generateDataKey(), SLACK_CLIENT_ID: '123.456', SLACK_API_URL: slack.apiUrl });
  expect(r.line('Slack signing secret')).toMatch(/^✗ Slack signing secret: SLACK_SIGNING_SECRET is not set/);
  expect(r.line('Slack OAuth')).toMatch(/^✗ Slack OAuth: SLACK_CLIENT_ID is set .* but SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are not/);
  expect(r.code).toBe(1);
});
