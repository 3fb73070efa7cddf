import { openStorage } from '../../../src/storage/open-storage';
import { eventually } from '../../helpers/eventually';
import { startCaptureServer, startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';
import { loadConfig } from '../../../src/config/load-config';
import { mountSlack } from '../../../adapters/slack/mount-slack';
import { makeTestBot } from '../../helpers/make-test-bot';
import { silentLogger } from '../../../src/base/logger';

const OAUTH_ENV = { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-for-tests' };

describe('OAuth multi-workspace install', () => {
  let slack: SlackTestApp;
  beforeEach(async () => { slack = await startSlackTestApp({ env: OAUTH_ENV }); });
  afterEach(async () => { await slack.close(); });

  /** Installs into workspace `teamId`, or with `{ org }` org-wide into an Enterprise Grid organisation. */
  async function install(teamId: string | null, token: string, { org }: { org?: string } = {}) {
    slack.capture.answer('oauth.v2.access', {
      body: {
        ok: true, app_id: 'A0001', authed_user: { id: 'U0001' }, scope: 'commands,chat:write,users:read', token_type: 'bot',
        access_token: token, bot_user_id: 'UBOT2', team: teamId ? { id: teamId, name: 'NGO' } : null,
        enterprise: org ? { id: org, name: 'Coalition' } : null, is_enterprise_install: Boolean(org),
      },
    });
    const page = await fetch(`${slack.url}/slack/install`);
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const html = await page.text();
    const authorizeUrl = new URL(/<a href="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'));
    expect(authorizeUrl.searchParams.get('scope')).toBe('commands,chat:write,users:read,im:write,files:write,channels:read');
    const state = authorizeUrl.searchParams.get('state')!;
    return fetch(`${slack.url}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  }

  test('install, then the first command is answered with that workspace’s own token', async () => {
    const done = await install('T0002', 'xoxb-installed-T0002');
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('engage-bot is installed');
    expect(slack.capture.of('oauth.v2.access')[0]!.body).toMatchObject({ code: 'the-code' });

    const res = await slack.command('/engage-tip', 'list', { team_id: 'T0002' });
    expect(res.status).toBe(200);
    expect((await res.json()).blocks.length).toBeGreaterThan(0);
    expect(slack.capture.of('users.info').at(-1)!.headers.authorization).toBe('Bearer xoxb-installed-T0002');

    // The outbox finds the same installation.
    expect(await slack.mount.outbox!.send({ platform: 'slack', tenantId: 'T0002', userId: 'U0001' }, { text: 'hi', blocks: [], visibility: 'private' })).toMatchObject({ ok: true });
    expect(slack.capture.of('chat.postMessage').at(-1)!.headers.authorization).toBe('Bearer xoxb-installed-T0002');
  });

  test('an org-wide install (Enterprise Grid): commands from its workspaces are answered, and reminders reach them', async () => {
    expect((await install(null, 'xoxb-org-E0001', { org: 'E0001' })).status).toBe(200);
    const res = await slack.command('/engage-tip', 'list', { team_id: 'T0007', enterprise_id: 'E0001', is_enterprise_install: 'true' });
    expect((await res.json()).blocks.length).toBeGreaterThan(0);
    expect(slack.capture.of('users.info').at(-1)!.headers.authorization).toBe('Bearer xoxb-org-E0001');
    // A reminder knows only its workspace; the outbox finds the organisation's token for it.
    expect(await slack.mount.outbox!.send({ platform: 'slack', tenantId: 'T0007', userId: 'U0001' }, { text: 'hi', blocks: [], visibility: 'private' })).toMatchObject({ ok: true });
    expect(slack.capture.of('chat.postMessage').at(-1)!.headers.authorization).toBe('Bearer xoxb-org-E0001');
    // A workspace of another organisation is not reached with it.
    expect(await slack.mount.outbox!.send({ platform: 'slack', tenantId: 'T0008', userId: 'U0001' }, { text: 'hi', blocks: [], visibility: 'private' })).toMatchObject({ ok: false, reason: 'not_installed' });
  });

  test('a signed command from a workspace with no installation is answered, privately, with how to install the app', async () => {
    const res = await slack.command('/engage-tip', 'list', { team_id: 'T0404' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/isn’t installed in this workspace.*\/slack\/install/) });
    // A button from there is acknowledged and nothing else happens; Slack's API is never called.
    const click = await slack.interact({ type: 'block_actions', team: { id: 'T0404' }, user: { id: 'U0001', team_id: 'T0404' }, api_app_id: 'A0001', token: 'legacy', trigger_id: 't', actions: [{ action_id: 'tip.list~0', block_id: 'b', type: 'button', value: 'x', action_ts: '1' }] });
    expect(click.status).toBe(200);
    expect(slack.capture.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  test('a wrong state is refused with a friendly page, nothing stored', async () => {
    const res = await fetch(`${slack.url}/slack/oauth_redirect?code=c&state=forged`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('did not finish');
    expect(slack.capture.of('oauth.v2.access')).toHaveLength(0);
  });

  test('app_uninstalled deletes the installation: later deliveries are permanent failures', async () => {
    await install('T0003', 'xoxb-installed-T0003');
    const res = await slack.event({ type: 'app_uninstalled' }, { team_id: 'T0003' });
    expect(res.status).toBe(200);
    const target = { platform: 'slack' as const, tenantId: 'T0003', userId: 'U0001' };
    const until = Date.now() + 2000;
    let result = await slack.mount.outbox!.send(target, { text: 'hi', blocks: [], visibility: 'private' });
    while (result.ok && Date.now() < until) result = await slack.mount.outbox!.send(target, { text: 'hi', blocks: [], visibility: 'private' });
    expect(result).toEqual({ ok: false, permanent: true, reason: 'not_installed' });
    // The workspace's data is scheduled for deletion after the grace period; reinstalling cancels it.
    const store = openStorage(`sqlite://${slack.dbFile}`);
    try {
      // Recorded just after the installation is deleted, by the same listener: wait for it too.
      await eventually(async () => expect(await store.namespace('uninstalled-workspaces').get('slack:T0003')).toMatchObject({ tenantId: 'T0003' }));
      await install('T0003', 'xoxb-installed-again-T0003');
      expect(await store.namespace('uninstalled-workspaces').get('slack:T0003')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  test('tokens_revoked for the bot token deletes the installation too', async () => {
    await install('T0004', 'xoxb-installed-T0004');
    await slack.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT2'] } }, { team_id: 'T0004' });
    const target = { platform: 'slack' as const, tenantId: 'T0004', userId: 'U0001' };
    const until = Date.now() + 2000;
    let result = await slack.mount.outbox!.send(target, { text: 'hi', blocks: [], visibility: 'private' });
    while (result.ok && Date.now() < until) result = await slack.mount.outbox!.send(target, { text: 'hi', blocks: [], visibility: 'private' });
    expect(result).toMatchObject({ ok: false, reason: 'not_installed' });
  });

  test('tokens_revoked for a person’s own token only keeps the installation', async () => {
    await install('T0005', 'xoxb-installed-T0005');
    const res = await slack.event({ type: 'tokens_revoked', tokens: { oauth: ['U0001'], bot: [] } }, { team_id: 'T0005' });
    expect(res.status).toBe(200);
    const result = await slack.mount.outbox!.send({ platform: 'slack', tenantId: 'T0005', userId: 'U0001' }, { text: 'hi', blocks: [], visibility: 'private' });
    expect(result).toMatchObject({ ok: true });
  });
});

describe('start-up', () => {
  test('a token Slack refuses is a clear start-up error, not an unhandled rejection', async () => {
    const capture = await startCaptureServer();
    capture.answer('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const t = makeTestBot();
    try {
      const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_API_URL: capture.apiUrl });
      await expect(mountSlack({ config, bot: t.bot, logger: silentLogger, storage: t.storage })).rejects.toThrow(/Slack did not accept SLACK_BOT_TOKEN \(invalid_auth\)/);
    } finally {
      await capture.close();
      await t.close();
    }
  });

  test('OAuth without its secrets is a clear start-up error', async () => {
    const t = makeTestBot();
    try {
      const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2' });
      await expect(mountSlack({ config, bot: t.bot, logger: silentLogger, storage: t.storage })).rejects.toThrow(/SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/);
    } finally {
      await t.close();
    }
  });
});
