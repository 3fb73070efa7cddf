import type { Config } from '../../../src/config/load-config';
import { BOT_SCOPES } from '../../slack/build-slack-manifest';
import { fail, pass, skip, type CheckResult } from './check-result';
import { postForm, REACH_ADVICE, type Answer } from './reach-service';

// Slack: the bot token through auth.test (no scope needed), the scopes it was granted (Slack
// names them in the x-oauth-scopes header of every Web API answer) against those the manifest asks
// for, and the Socket Mode token through apps.connections.open (which only hands out a WebSocket
// address; nothing connects).

/** Slack's answers that mean "this token is not (or no longer) valid". */
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'no_permission', 'missing_scope']);

type Outcome = { ok: true; answer: Answer } | { ok: false; result: CheckResult };

export async function checkSlack(config: Config, { timeoutMs }: { timeoutMs: number }): Promise<CheckResult[]> {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, SLACK_CLIENT_ID: clientId } = config;
  if (!botToken && !clientId) {
    if (appToken || config.SLACK_SIGNING_SECRET) return [fail('Slack', 'SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set, but neither SLACK_BOT_TOKEN nor SLACK_CLIENT_ID, so Slack stays off: add the Bot User OAuth Token (xoxb-…) from the app\'s "OAuth & Permissions" page (docs/slack-setup.md).')];
    return [skip('Slack', 'not set up (no SLACK_BOT_TOKEN); docs/slack-setup.md says how.')];
  }
  const results: CheckResult[] = [];
  const socketMode = Boolean(appToken);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) results.push(fail('Slack signing secret', 'SLACK_SIGNING_SECRET is not set, so Slack\'s requests cannot be verified: copy it from the app\'s "Basic Information → App Credentials", or set SLACK_APP_TOKEN for Socket Mode.'));
  if (clientId) {
    const missing = (['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const).filter((name) => !config[name]);
    results.push(missing.length
      ? fail('Slack OAuth', `SLACK_CLIENT_ID is set (installs in several workspaces) but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: the client secret is on "Basic Information → App Credentials"; the state secret is any long random text.`)
      : skip('Slack OAuth', 'installs in several workspaces through /slack/install; each workspace\'s token is checked when it is used.'));
  }
  if (botToken && !clientId) results.push(...(await checkBotToken(config.SLACK_API_URL, botToken, timeoutMs)));
  if (appToken) results.push(await checkAppToken(config.SLACK_API_URL, appToken, timeoutMs));
  return results;
}

async function checkBotToken(apiUrl: string, token: string, timeoutMs: number): Promise<CheckResult[]> {
  const label = 'Slack token';
  if (!token.startsWith('xoxb-')) {
    const what = token.startsWith('xapp-') ? 'an app-level token (xapp-…), which belongs in SLACK_APP_TOKEN' : token.startsWith('xoxp-') ? 'a user token (xoxp-…)' : 'not a bot token';
    return [fail(label, `SLACK_BOT_TOKEN is ${what}: use the Bot User OAuth Token (xoxb-…) from the app's "OAuth & Permissions" page.`)];
  }
  const outcome = await callSlack(apiUrl, 'auth.test', token, timeoutMs, label, 'SLACK_BOT_TOKEN', 'copy the Bot User OAuth Token (xoxb-…) again from the app\'s "OAuth & Permissions" page (reinstall the app there if it was removed)');
  if (!outcome.ok) return [outcome.result];
  const { json, headers } = outcome.answer;
  const who = `bot "${String(json?.user ?? '?')}" in workspace "${String(json?.team ?? '?')}" (${String(json?.team_id ?? '?')})`;
  return [pass(label, `SLACK_BOT_TOKEN works: ${who}.`), scopesResult(headers.get('x-oauth-scopes'))];
}

function scopesResult(header: string | null): CheckResult {
  const label = 'Slack scopes';
  if (header === null) return fail(label, 'Slack did not say which scopes the token has (no x-oauth-scopes header; a proxy may remove it), so they could not be checked.');
  const granted = new Set(header.split(',').map((s) => s.trim()).filter(Boolean));
  const missing = BOT_SCOPES.filter((s) => !granted.has(s));
  if (missing.length) {
    return fail(label, `the token lacks ${missing.join(', ')}, which the app needs: add ${missing.length > 1 ? 'them' : 'it'} under "OAuth & Permissions → Bot Token Scopes" (or update the app from \`engage-bot manifest\`), then reinstall the app to the workspace and copy the new token.`);
  }
  return pass(label, `the token has every scope the app asks for (${BOT_SCOPES.join(', ')}).`);
}

async function checkAppToken(apiUrl: string, token: string, timeoutMs: number): Promise<CheckResult> {
  const label = 'Slack Socket Mode';
  if (!token.startsWith('xapp-')) return fail(label, 'SLACK_APP_TOKEN is not an app-level token (xapp-…): create one under "Basic Information → App-Level Tokens" with the connections:write scope.');
  const outcome = await callSlack(apiUrl, 'apps.connections.open', token, timeoutMs, label, 'SLACK_APP_TOKEN', 'create an app-level token with the connections:write scope under "Basic Information → App-Level Tokens", and turn Socket Mode on under "Socket Mode"');
  return outcome.ok ? pass(label, 'SLACK_APP_TOKEN can open a Socket Mode connection.') : outcome.result;
}

async function callSlack(apiUrl: string, method: string, token: string, timeoutMs: number, label: string, variable: string, fix: string): Promise<Outcome> {
  const url = new URL(method, apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`).toString();
  const reached = await postForm(url, {}, { headers: { authorization: `Bearer ${token}` }, timeoutMs });
  if (!reached.reached) return { ok: false, result: fail(label, `could not reach Slack at ${url} (${reached.why}): ${REACH_ADVICE}, and SLACK_API_URL if you set it. The token itself was not checked.`) };
  const { status, headers, json } = reached.answer;
  if (status === 429) return { ok: false, result: fail(label, `Slack is rate-limiting this app (HTTP 429); try again in ${headers.get('retry-after') ?? 'a few'} seconds. The token itself was not checked.`) };
  if (status !== 200 || !json) return { ok: false, result: fail(label, `Slack answered HTTP ${status} without a result (a proxy, or Slack having trouble: status.slack.com); try again later. The token itself was not checked.`) };
  if (json.ok === true) return { ok: true, answer: reached.answer };
  const error = String(json.error ?? 'unknown_error');
  if (TOKEN_REFUSED.has(error)) return { ok: false, result: fail(label, `Slack refused ${variable} (${error}): ${fix}.`) };
  return { ok: false, result: fail(label, `Slack answered "${error}" to ${method}; see https://docs.slack.dev/reference/methods/${method} for what it means.`) };
}
