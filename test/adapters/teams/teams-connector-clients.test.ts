import { createTeamsAuth } from '../../../adapters/teams/create-teams-auth';
import { loadConfig } from '../../../src/config/load-config';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from './teams-harness';

// The Connector clients the bot sends with: shared across turns and proactive sends (botbuilder
// would build two new clients per activity), and bounded (a timeout, no SDK retries) on both paths.

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams({ TEAMS_LOCAL: '1' }, { outboundTimeoutMs: 300 });
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

test('turns and proactive sends share one Connector client per service URL, and one user-token client', async () => {
  const auth = createTeamsAuth(loadConfig({ NODE_ENV: 'test', TEAMS_LOCAL: '1' }));
  const activity = teamsMessage('http://127.0.0.1:9/emea/', 'help');
  const first = await auth.authenticateRequest(activity as never, '');
  const second = await auth.authenticateRequest(activity as never, '');
  const client = await first.connectorFactory!.create(activity.serviceUrl, first.audience);
  expect(await second.connectorFactory!.create(activity.serviceUrl, second.audience)).toBe(client);
  expect(await auth.createConnectorFactory(second.claimsIdentity).create(activity.serviceUrl, second.audience)).toBe(client);
  expect(await first.connectorFactory!.create('http://127.0.0.1:9/amer/', first.audience)).not.toBe(client);
  expect(await auth.createUserTokenClient(second.claimsIdentity)).toBe(await auth.createUserTokenClient(first.claimsIdentity));
});

test('a reply the Bot Connector refuses during a turn is tried once (no SDK retries while the person waits), then the apology', async () => {
  capture.failWith(502);
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, 'tip they want us to sign an NDA'));
  const sent = capture.requests.slice(before);
  expect(sent.filter((r) => r.body?.attachments?.length)).toHaveLength(1);
  expect(sent).toHaveLength(2);
  expect(sent[1]!.body.text).toBe(teams.bot.bot.messages.errors.internal);
});

test('a reply to a Bot Connector that never answers gives up after the outbound timeout, in a turn too', async () => {
  capture.hang(true);
  try {
    const started = Date.now();
    await teams.post(teamsMessage(capture.url, 'tip our contact just left'));
    // The reply and the apology each wait 300 ms; the SDK's own default is minutes.
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    capture.hang(false);
  }
});
