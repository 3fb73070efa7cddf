import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { listen } from '../../../adapters/http/create-http-server';
import { routeConsoleToLog } from '../../../adapters/http/route-console-to-log';
import { captureLogs } from '../../helpers/slack-harness';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from './teams-harness';

// Authentication on, fully offline: a local server plays Microsoft's OpenID metadata and key set,
// and tokens are real RS256 JWTs signed here. botbuilder does the validating.

const APP_ID = '00000000-0000-0000-0000-00000000b0t1';
const ISSUER = 'https://api.botframework.com';
const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const trusted = keyPair();
const stranger = keyPair();

let openId: Server;
let base: string;
/** Where the Emulator's OpenID metadata would be: nothing listens there (a fetch that fails). */
let unreachable: string;
let capture: CaptureServer;
let teams: TeamsHarness;
const logs = captureLogs();

beforeAll(async () => {
  const jwk = trusted.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  openId = createServer((req, res) => {
    if (req.url === '/openid') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'trusted', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    } else res.writeHead(404).end();
  });
  base = `http://127.0.0.1:${await listen(openId, 0, '127.0.0.1')}`;
  const closed = createServer();
  unreachable = `http://127.0.0.1:${await listen(closed, 0, '127.0.0.1')}/openid`;
  await new Promise((r) => closed.close(r));
  capture = await startCaptureServer();
  teams = await startTeams({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'MultiTenant' }, {
    endpoints: {
      ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: unreachable,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    },
    outboundToken: async () => 'outbound-test-token',
  }, logs.logger);
});
afterAll(async () => {
  await teams.close();
  await capture.close();
  await new Promise((r) => { openId.closeAllConnections(); openId.close(r); });
});

function sign(claims: Record<string, unknown>, key: KeyObject = trusted.privateKey, kid = 'trusted', expiresIn = 3600) {
  return jwt.sign({ iss: ISSUER, aud: APP_ID, serviceurl: capture.url, ...claims }, key, { algorithm: 'RS256', keyid: kid, expiresIn });
}

async function postWith(authorization?: string) {
  const before = capture.requests.length;
  const res = await teams.post(teamsMessage(capture.url, 'tip nda'), authorization ? { authorization } : {});
  const body = await res.text();
  // A refusal says nothing of why: no SDK message, no internal URL, no fetch error.
  if (res.status === 401) expect(body).toBe('{"error":"unauthorized"}');
  return { status: res.status, sent: capture.requests.slice(before) };
}

test('no Authorization header: 401, nothing sent', async () => {
  expect(await postWith()).toEqual({ status: 401, sent: [] });
});

test('a garbage bearer token: 401', async () => {
  expect(await postWith('Bearer not-a-jwt')).toEqual({ status: 401, sent: [] });
});

test.each([
  ['wrong audience', () => sign({ aud: 'someone-elses-bot' })],
  ['wrong issuer', () => sign({ iss: 'https://evil.example' })],
  ['expired (beyond the 5-minute clock tolerance)', () => sign({}, trusted.privateKey, 'trusted', -3600)],
  ['signed by a key not in the key set', () => sign({}, stranger.privateKey, 'unknown-kid')],
  ['a forged signature under the trusted key id', () => sign({}, stranger.privateKey, 'trusted')],
  ['a serviceurl claim that does not match the activity', () => sign({ serviceurl: 'https://smba.example/evil/' })],
])('%s: 401, nothing sent', async (_name, token) => {
  expect(await postWith(`Bearer ${token()}`)).toEqual({ status: 401, sent: [] });
});

test('a forged Emulator token whose OpenID metadata cannot be fetched: 401, not 500 with the fetch error', async () => {
  const forged = jwt.sign({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID, aud: APP_ID, serviceurl: capture.url }, stranger.privateKey, { algorithm: 'RS256', keyid: 'trusted', expiresIn: 3600 });
  const res = await teams.post(teamsMessage(capture.url, 'tip nda'), { authorization: `Bearer ${forged}` });
  expect(res.status).toBe(401);
  const body = await res.text();
  expect(body).toBe('{"error":"unauthorized"}');
  expect(body).not.toContain(new URL(unreachable).port);
});

test('refusals leave JSON warnings at a rate, and botbuilder’s console output joins them as JSON', async () => {
  const printed = jest.fn();
  const saved = console.error;
  console.error = printed;
  const restore = routeConsoleToLog(logs.logger);
  try {
    for (let i = 0; i < 15; i++) {
      // Expired and forged-signature tokens are what botbuilder prints stack traces and key dumps for.
      await postWith(`Bearer ${sign({}, trusted.privateKey, 'trusted', -3600)}`);
      await postWith(`Bearer ${sign({}, stranger.privateKey, 'trusted')}`);
    }
  } finally {
    restore();
    console.error = saved;
  }
  expect(printed).not.toHaveBeenCalled();
  const lines = logs.text().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const refused = lines.filter((l) => l.event === 'teams.refused');
  expect(refused).toHaveLength(10);
  expect(refused[0]).toMatchObject({ level: 40, reason: 'unauthorized' });
  const sdk = lines.filter((l) => l.event === 'sdk.console');
  expect(sdk).toHaveLength(10);
  expect(sdk[0]).toMatchObject({ level: 40, via: 'console.error' });
  // One line each: no stack trace, no key material.
  for (const line of sdk) expect(line.detail).toMatch(/^[^\n]{1,80}$/);
  expect(JSON.stringify(sdk)).not.toMatch(/MII/);
  expect(lines.filter((l) => l.level >= 50)).toEqual([]);
});

test('a valid token: 200, and the reply goes out with the bot’s own token', async () => {
  const { status, sent } = await postWith(`Bearer ${sign({})}`);
  expect(status).toBe(200);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.headers.authorization).toBe('Bearer outbound-test-token');
  expect(sent[0]!.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
});

test('a hanging OpenID endpoint cannot hang the caller: 503 after the request timeout', async () => {
  const hanging = createServer(() => undefined);
  const hangingBase = `http://127.0.0.1:${await listen(hanging, 0, '127.0.0.1')}`;
  const slow = await startTeams({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x' }, {
    endpoints: { ToBotFromChannelOpenIdMetadataUrl: `${hangingBase}/openid`, ToBotFromEmulatorOpenIdMetadataUrl: `${hangingBase}/openid`, ToBotFromChannelTokenIssuer: ISSUER },
    requestTimeoutMs: 300,
  });
  try {
    const started = Date.now();
    const res = await slow.post(teamsMessage(capture.url, 'tip nda'), { authorization: `Bearer ${sign({})}` });
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    await slow.close();
    await new Promise((r) => { hanging.closeAllConnections(); hanging.close(r); });
  }
});
