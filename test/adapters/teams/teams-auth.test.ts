import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { listen } from '../../../adapters/http/create-http-server';
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
let capture: CaptureServer;
let teams: TeamsHarness;

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
  capture = await startCaptureServer();
  teams = await startTeams({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'MultiTenant' }, {
    endpoints: {
      ToBotFromChannelOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/openid`,
      ToBotFromChannelTokenIssuer: ISSUER,
      ToChannelFromBotLoginUrl: `${base}/login`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: false,
    },
    outboundToken: async () => 'outbound-test-token',
  });
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
