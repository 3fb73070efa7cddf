import { generateDataKey } from '../../../../src/crypto/create-data-cipher';
import { startFakeEntra, type FakeEntra } from '../../../helpers/fake-entra-token-server';
import { closedPort, doctor, silentServer } from './run-doctor-for-test';

// `engage-bot doctor` asks for the bot's Bot Framework token as botbuilder does, here from a local
// stand-in for login.microsoftonline.com.

const TENANT = '11111111-2222-3333-4444-555555555555';
const APP_ID = '00000000-0000-0000-0000-0000000000b1';
const SECRET = 'doctor~test~client~secret';
let entra: FakeEntra;
beforeEach(async () => {
  entra = await startFakeEntra([{ tenant: TENANT, appId: APP_ID, secret: SECRET }, { tenant: 'botframework.com', appId: 'legacy-multi-tenant-app', secret: SECRET }]);
});
afterEach(() => entra.close());

const env = (extra: Record<string, string> = {}) => ({
  STORE_URL: 'memory://', ENGAGE_DATA_KEY: generateDataKey(),
  MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: SECRET, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'SingleTenant', ...extra,
});
const run = (e: Record<string, string>, timeoutMs = 2000) => doctor(e, { microsoftLoginUrl: entra.url, timeoutMs });

test('a single-tenant bot whose id and secret work: ✓, exit 0, the secret never printed', async () => {
  const r = await run(env());
  expect(r.line('Teams')).toBe(`✓ Teams: Microsoft issued a Bot Framework token for MICROSOFT_APP_ID (SingleTenant, tenant ${TENANT}).`);
  expect(r.code).toBe(0);
  expect(entra.requests).toEqual([{
    path: `/${TENANT}/oauth2/v2.0/token`,
    form: { grant_type: 'client_credentials', client_id: APP_ID, client_secret: SECRET, scope: 'https://api.botframework.com/.default' },
  }]);
  expect(r.text).not.toContain(SECRET);
});

test('a wrong secret: ✗ saying to use the secret\'s Value', async () => {
  const r = await run(env({ MICROSOFT_APP_PASSWORD: 'the-secret-id-not-its-value' }));
  expect(r.line('Teams')).toMatch(/^✗ Teams: MICROSOFT_APP_PASSWORD was refused: it must be the secret's Value .*\(AADSTS7000215\)\.$/);
  expect(r.text).not.toContain('the-secret-id-not-its-value');
  expect(r.code).toBe(1);
});

test('a single-tenant bot left on the default MultiTenant type: told to set SingleTenant', async () => {
  const r = await run(env({ MICROSOFT_APP_TYPE: '' }));
  expect(entra.requests[0]!.path).toBe('/botframework.com/oauth2/v2.0/token');
  expect(r.line('Teams')).toMatch(/^✗ Teams: MICROSOFT_APP_ID is not known in that tenant: .*\(AADSTS700016\)\. Bots created since 31 July 2025 are single-tenant: set MICROSOFT_APP_TYPE=SingleTenant and MICROSOFT_APP_TENANT_ID\.$/);
});

test('an existing multi-tenant bot still checks against the botframework.com tenant', async () => {
  const r = await run(env({ MICROSOFT_APP_ID: 'legacy-multi-tenant-app', MICROSOFT_APP_TYPE: 'MultiTenant', MICROSOFT_APP_TENANT_ID: '' }));
  expect(r.line('Teams')).toBe('✓ Teams: Microsoft issued a Bot Framework token for MICROSOFT_APP_ID (MultiTenant).');
});

test('an unknown tenant id is named', async () => {
  const r = await run(env({ MICROSOFT_APP_TENANT_ID: '99999999-2222-3333-4444-555555555555' }));
  expect(r.line('Teams')).toMatch(/^✗ Teams: MICROSOFT_APP_TENANT_ID is not a tenant Microsoft knows.*\(AADSTS90002\)\.$/);
});

test('missing pieces are named before anything is sent', async () => {
  expect((await run(env({ MICROSOFT_APP_PASSWORD: '' }))).line('Teams')).toMatch(/^✗ Teams: MICROSOFT_APP_PASSWORD is not set: create a client secret/);
  expect((await run(env({ MICROSOFT_APP_TENANT_ID: '' }))).line('Teams')).toMatch(/^✗ Teams: MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID/);
  expect(entra.requests).toEqual([]);
});

test('the sign-in service unreachable or silent is "could not reach", never a bad secret', async () => {
  const refused = await doctor(env(), { microsoftLoginUrl: `http://127.0.0.1:${await closedPort()}`, timeoutMs: 2000 });
  expect(refused.line('Teams')).toMatch(/^✗ Teams: could not reach Microsoft's sign-in service at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): .*The app id and secret themselves were not checked\.$/);
  const silent = await silentServer();
  try {
    const timedOut = await doctor(env(), { microsoftLoginUrl: silent.url, timeoutMs: 300 });
    expect(timedOut.line('Teams')).toMatch(/could not reach Microsoft's sign-in service .* \(no answer within 0\.3 s\)/);
    expect(timedOut.code).toBe(1);
  } finally {
    await silent.close();
  }
});

test('TEAMS_LOCAL=1 and managed identities are not checked from here, and do not fail', async () => {
  const local = await run({ STORE_URL: 'memory://', ENGAGE_DATA_KEY: generateDataKey(), TEAMS_LOCAL: '1' });
  expect(local.line('Teams')).toMatch(/^– Teams: TEAMS_LOCAL=1: authentication is off/);
  const msi = await run(env({ MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_PASSWORD: '' }));
  expect(msi.line('Teams')).toMatch(/^– Teams: MICROSOFT_APP_TYPE=UserAssignedMSI .* can only be checked there\.$/);
  expect([local.code, msi.code]).toEqual([0, 0]);
  expect(entra.requests).toEqual([]);
});
