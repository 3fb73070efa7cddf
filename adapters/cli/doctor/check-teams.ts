import type { Config } from '../../../src/config/load-config';
import { fail, pass, skip, type CheckResult } from './check-result';
import { postForm, REACH_ADVICE } from './reach-service';

// Teams: the token the bot needs to send anything, requested exactly as botbuilder requests it —
// the OAuth client-credentials grant for MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD, scope
// https://api.botframework.com/.default, from the bot's own tenant (SingleTenant) or the
// botframework.com tenant (MultiTenant). Plain fetch, no botbuilder: the doctor must not need the
// Teams SDK, and every botbuilder import stays inside adapters/teams/.

export const MICROSOFT_LOGIN_URL = 'https://login.microsoftonline.com';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';
const SECRET_PAGE = 'Azure portal → your Azure Bot → Configuration → Manage Password → Certificates & secrets';

/** Entra error codes (AADSTS…) a volunteer can fix, with the fix. */
const ENTRA_FIXES: Record<string, string> = {
  '7000215': `MICROSOFT_APP_PASSWORD was refused: it must be the secret's Value (shown once, when it is created), not its Secret ID. Create a new client secret (${SECRET_PAGE})`,
  '7000222': `the client secret in MICROSOFT_APP_PASSWORD has expired: create a new one (${SECRET_PAGE})`,
  '700016': 'MICROSOFT_APP_ID is not known in that tenant: check the id (Azure Bot → Configuration → Microsoft App ID) and MICROSOFT_APP_TENANT_ID',
  '90002': 'MICROSOFT_APP_TENANT_ID is not a tenant Microsoft knows: copy the Directory (tenant) ID again from the app registration\'s Overview page',
  '900023': 'MICROSOFT_APP_TENANT_ID is not a valid tenant id: copy the Directory (tenant) ID again from the app registration\'s Overview page',
};

export async function checkTeams(config: Config, { timeoutMs, loginUrl = MICROSOFT_LOGIN_URL }: { timeoutMs: number; loginUrl?: string }): Promise<CheckResult[]> {
  const label = 'Teams';
  if (config.TEAMS_LOCAL === '1') return [skip(label, 'TEAMS_LOCAL=1: authentication is off, for the Bot Framework Emulator on this computer only; no credentials to check.')];
  if (!config.MICROSOFT_APP_ID) {
    if (config.MICROSOFT_APP_PASSWORD || config.MICROSOFT_APP_TENANT_ID) return [fail(label, 'MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID is set but MICROSOFT_APP_ID is not, so Teams stays off: copy the Microsoft App ID from your Azure Bot\'s Configuration page (docs/teams-setup.md).')];
    return [skip(label, 'not set up (no MICROSOFT_APP_ID); docs/teams-setup.md says how.')];
  }
  const type = config.MICROSOFT_APP_TYPE;
  if (type === 'UserAssignedMSI') return [skip(label, 'MICROSOFT_APP_TYPE=UserAssignedMSI takes its token from the Azure service the bot runs on; that can only be checked there.')];
  if (!config.MICROSOFT_APP_PASSWORD) return [fail(label, `MICROSOFT_APP_PASSWORD is not set: create a client secret (${SECRET_PAGE}) and put its Value there.`)];
  if (type === 'SingleTenant' && !config.MICROSOFT_APP_TENANT_ID) return [fail(label, 'MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID: the Directory (tenant) ID on the app registration\'s Overview page (Azure Bot → Configuration → Manage Password → Overview).')];

  const tenant = type === 'SingleTenant' ? config.MICROSOFT_APP_TENANT_ID! : 'botframework.com';
  const url = `${loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
  const reached = await postForm(url, { grant_type: 'client_credentials', client_id: config.MICROSOFT_APP_ID, client_secret: config.MICROSOFT_APP_PASSWORD, scope: BOT_FRAMEWORK_SCOPE }, { timeoutMs });
  if (!reached.reached) return [fail(label, `could not reach Microsoft's sign-in service at ${new URL(url).origin} (${reached.why}): ${REACH_ADVICE}. The app id and secret themselves were not checked.`)];
  const { status, json } = reached.answer;
  if (status === 200 && typeof json?.access_token === 'string') {
    return [pass(label, `Microsoft issued a Bot Framework token for MICROSOFT_APP_ID (${type}${type === 'SingleTenant' ? `, tenant ${tenant}` : ''}).`)];
  }
  if (status === 429 || status >= 500 || !json) return [fail(label, `Microsoft's sign-in service answered HTTP ${status} without a token; try again later. The app id and secret themselves were not checked.`)];
  const codes = Array.isArray(json.error_codes) ? json.error_codes.map(String) : [];
  const code = codes.find((c) => ENTRA_FIXES[c]) ?? codes[0];
  const fix = code ? ENTRA_FIXES[code] : undefined;
  // The most common mix-up since new bots must be single-tenant: the default MultiTenant type
  // asks the botframework.com tenant, which has never heard of a single-tenant app.
  const hint = type === 'MultiTenant' && code === '700016' ? ' Bots created since 31 July 2025 are single-tenant: set MICROSOFT_APP_TYPE=SingleTenant and MICROSOFT_APP_TENANT_ID.' : '';
  if (fix) return [fail(label, `${fix} (AADSTS${code}).${hint}`)];
  const first = String(json.error_description ?? json.error ?? 'no reason given').split(/\r?\n/)[0]!.slice(0, 200);
  return [fail(label, `Microsoft refused the token request: ${first}`)];
}
