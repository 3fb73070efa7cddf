import type { Clock } from '../../../src/base/clock';
import { answers } from '../../helpers/debrief-fixtures';
import { queryKeys } from '../../helpers/query-sqlite';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from './teams-harness';

// Removing the app from a tenant (an admin's tenant-wide uninstall removes it from every chat and
// team, one installationUpdate each) purges the tenant's data after UNINSTALL_GRACE_DAYS, as a
// Slack workspace's uninstall does. Removing it from one chat while others keep it changes nothing
// but that chat's reference; a tenant that installs again in time keeps everything.

const DAY = 24 * 3600_000;
let now = Date.parse('2026-11-25T09:00:00Z');
const clock: Clock = { now: () => new Date(now) };
let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams({ TEAMS_LOCAL: '1' }, {}, undefined, { clock });
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

const keys = () => queryKeys(teams.bot.url.slice('sqlite://'.length), 'SELECT key FROM engage');
const ofTenant = (all: string[], tenant: string) => all.filter((k) => k.includes(`teams:${tenant}`) || k.includes(`teams-conversation-refs:${tenant}:`));

const personal = (tenant: string, user: string) => ({
  from: { id: `29:${user}`, aadObjectId: user },
  conversation: { id: `a:${user}`, conversationType: 'personal', tenantId: tenant },
  channelData: { tenant: { id: tenant } },
});
const channel = (tenant: string) => ({
  conversation: { id: `19:general-${tenant}@thread.tacv2`, conversationType: 'channel', tenantId: tenant, isGroup: true },
  channelData: { tenant: { id: tenant } },
});
const say = (text: string, where: Record<string, unknown>) => teams.post(teamsMessage(capture.url, text, where));
const removed = (where: Record<string, unknown>) => teams.post(teamsMessage(capture.url, '', { type: 'installationUpdate', action: 'remove', text: undefined, ...where }));

/** A person in `tenant` who talked to the bot, set a reminder and saved a debrief. */
async function activeTenant(tenant: string, user: string) {
  expect((await say('help', personal(tenant, user))).status).toBe(200);
  expect((await say('remind me to ask Acme what came of it in 2 weeks', personal(tenant, user))).status).toBe(200);
  const actor = { platform: 'teams' as const, tenantId: tenant, userId: user };
  const { form } = await teams.bot.bot.handleCommand({ actor, command: 'engage-debrief', text: 'Acme check-in' });
  await teams.bot.bot.handleSubmission({ actor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4']), metadata: form!.metadata });
}

test('the last chat of a tenant removing the app purges its data after the grace period; other tenants keep theirs', async () => {
  await activeTenant('tenant-a', 'aad-a1');
  expect((await say('help', { ...channel('tenant-a'), from: { id: '29:aad-a1', aadObjectId: 'aad-a1' } })).status).toBe(200);
  await activeTenant('tenant-b', 'aad-b1');
  const before = await keys();
  expect(ofTenant(before, 'tenant-a').length).toBeGreaterThan(4);

  // Removed from the team's channel only: the person's own chat still has the app.
  expect((await removed({ ...channel('tenant-a'), from: { id: '29:aad-a1', aadObjectId: 'aad-a1' } })).status).toBe(200);
  now += 31 * DAY;
  await teams.bot.bot.workspaces.purgeDue();
  // Only that channel's reference went.
  expect(ofTenant(await keys(), 'tenant-a').sort()).toEqual(ofTenant(before, 'tenant-a').filter((k) => !k.includes('19:general')).sort());

  // Removed from the last chat: the app is gone from the tenant.
  expect((await removed(personal('tenant-a', 'aad-a1'))).status).toBe(200);
  now += 29 * DAY;
  await teams.bot.bot.workspaces.purgeDue();
  expect(ofTenant(await keys(), 'tenant-a').filter((k) => k.startsWith('sealed-debriefs:')).length).toBe(1);
  now += 2 * DAY;
  expect(await teams.bot.bot.workspaces.purgeDue()).toBeGreaterThan(0);
  const after = await keys();
  expect(ofTenant(after, 'tenant-a')).toEqual([]);
  expect(ofTenant(after, 'tenant-b').sort()).toEqual(ofTenant(before, 'tenant-b').sort());
});

test('a tenant that installs the app again within the grace period keeps its data', async () => {
  await activeTenant('tenant-c', 'aad-c1');
  const before = ofTenant(await keys(), 'tenant-c');
  expect((await removed(personal('tenant-c', 'aad-c1'))).status).toBe(200);
  now += 10 * DAY;
  const install = await teams.post(teamsMessage(capture.url, '', { type: 'installationUpdate', action: 'add', text: undefined, ...personal('tenant-c', 'aad-c1') }));
  expect(install.status).toBe(200);
  now += 60 * DAY;
  await teams.bot.bot.workspaces.purgeDue();
  expect(ofTenant(await keys(), 'tenant-c').sort()).toEqual(before.sort());
});
