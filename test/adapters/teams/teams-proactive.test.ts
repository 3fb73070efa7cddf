import { createConversationRefStore } from '../../../adapters/teams/store-conversation-refs';
import type { Reply } from '../../../src/base/reply';
import type { DeliveryTarget } from '../../../src/base/outbox';
import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, TENANT, USER, type CaptureServer, type TeamsHarness } from './teams-harness';

// Reminders and invitations leave through PlatformMount.outbox: continueConversationAsync into the
// conversation reference stored when the person talked to the bot (or installed it).

const reminder: Reply = {
  text: 'Reminder: follow up with the company',
  blocks: [{ type: 'heading', text: 'Reminder' }, { type: 'text', text: 'Follow up with the company.' }, { type: 'actions', buttons: [{ action: 'reminder.done', label: 'Done', value: 'r1' }] }],
  visibility: 'private',
};
const me: DeliveryTarget = { platform: 'teams', tenantId: TENANT, userId: USER };

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams({ TEAMS_LOCAL: '1' }, { outboundTimeoutMs: 300 });
  await teams.post(teamsMessage(capture.url, 'help'));
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

const send = (target = me, reply = reminder) => teams.mount.outbox!.send(target, reply);

test('a reminder reaches the personal conversation as a new (unthreaded) card message', async () => {
  const before = capture.requests.length;
  const result = await send();
  expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^sent-/) });
  const sent = capture.requests.slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.path).toBe(`/v3/conversations/${encodeURIComponent('a:personal-conv-1')}/activities`);
  expect(sent[0]!.body.summary).toBe(reminder.text);
  expect(cardProblems(sent[0]!.body.attachments[0].content)).toEqual([]);
});

test('no stored reference, another tenant, or another platform: permanent failure, nothing sent', async () => {
  const before = capture.requests.length;
  expect(await send({ ...me, userId: 'stranger' })).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/no conversation reference/) });
  expect(await send({ ...me, tenantId: 'other-tenant' })).toMatchObject({ ok: false, permanent: true });
  expect(await send({ ...me, platform: 'slack' } as never)).toMatchObject({ ok: false, permanent: true });
  expect(capture.requests.length).toBe(before);
});

test.each([
  [403, {}, { permanent: true }],
  [429, { 'retry-after': '7' }, { permanent: false, retryAfterMs: 7000 }],
  [412, {}, { permanent: false }],
  [502, {}, { permanent: false }],
  [504, { 'retry-after': '2' }, { permanent: false, retryAfterMs: 2000 }],
])('Teams answering %i is reported (%j)', async (status, headers, expected) => {
  capture.failWith(status, headers);
  const before = capture.requests.length;
  const result = await send();
  expect(result).toMatchObject({ ok: false, ...expected, reason: `Teams answered ${status}` });
  // No silent retries inside the SDK: exactly one attempt; the reminder service decides when.
  expect(capture.requests.length - before).toBe(1);
});

test('a Bot Connector that never answers times out as retryable instead of hanging', async () => {
  capture.hang(true);
  try {
    const started = Date.now();
    const result = await send();
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    capture.hang(false);
  }
});

test('404 (conversation gone) is permanent and forgets the reference', async () => {
  await teams.post(teamsMessage(capture.url, 'help', { from: { id: '29:u2', aadObjectId: 'user-404' }, conversation: { id: 'a:conv-404', conversationType: 'personal', tenantId: TENANT } }));
  capture.failWith(404);
  const target = { ...me, userId: 'user-404' };
  expect(await send(target)).toMatchObject({ ok: false, permanent: true });
  expect(await send(target)).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/no conversation reference/) });
});

test('installing the app stores the reference and says welcome; uninstalling forgets it', async () => {
  const install = teamsMessage(capture.url, '', { type: 'installationUpdate', action: 'add', text: undefined, from: { id: '29:u3', aadObjectId: 'user-new' }, conversation: { id: 'a:conv-new', conversationType: 'personal', tenantId: TENANT } });
  const before = capture.requests.length;
  expect((await teams.post(install)).status).toBe(200);
  const welcome = capture.requests.slice(before);
  expect(welcome).toHaveLength(1);
  expect(cardProblems(welcome[0]!.body.attachments[0].content)).toEqual([]);
  expect(JSON.stringify(welcome[0]!.body)).toMatch(/Type “help”/);
  expect(await send({ ...me, userId: 'user-new' })).toMatchObject({ ok: true });

  await teams.post({ ...install, id: 'remove-1', action: 'remove' });
  expect(await send({ ...me, userId: 'user-new' })).toMatchObject({ ok: false, permanent: true });
});

test('a channel conversation is reachable by its id (conversationUpdate when the bot is added to a team)', async () => {
  const added = teamsMessage(capture.url, '', {
    type: 'conversationUpdate', text: undefined,
    conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
    membersAdded: [{ id: '28:bot-app-id' }],
  });
  await teams.post(added);
  const result = await send({ platform: 'teams', tenantId: TENANT, channelId: '19:general@thread.tacv2' });
  expect(result).toMatchObject({ ok: true });
});

test('a button sharing "here" is left out of a personal chat’s card and kept in a channel’s', async () => {
  await teams.post(teamsMessage(capture.url, '', {
    type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:bot-app-id' }],
    conversation: { id: '19:share-here@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
  }));
  const withShare: Reply = { ...reminder, blocks: [...reminder.blocks, { type: 'actions', buttons: [{ action: 'engagement.share', label: 'Share to this channel', value: 'm1', sharesHere: true }] }] };
  const actionsSent = async (target: DeliveryTarget) => {
    const before = capture.requests.length;
    expect(await send(target, withShare)).toMatchObject({ ok: true });
    const card = capture.requests[before]!.body.attachments[0].content;
    expect(cardProblems(card)).toEqual([]);
    return card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions).map((a: any) => a.data.engage.action);
  };
  expect(await actionsSent(me)).toEqual(['reminder.done']);
  expect(await actionsSent({ platform: 'teams', tenantId: TENANT, channelId: '19:share-here@thread.tacv2' })).toEqual(['reminder.done', 'engagement.share']);
});

test('auth on and the bot’s own token cannot be fetched: reported as not sent, never as delivered', async () => {
  const authed = await startTeams({ MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'secret' }, {
    outboundToken: async () => { throw new Error('login.microsoftonline.com unreachable'); },
  });
  try {
    await createConversationRefStore(authed.bot.storage, authed.bot.bot.clock, 'chat details').remember(TENANT, USER, {
      channelId: 'msteams', serviceUrl: capture.url,
      conversation: { id: 'a:personal-conv-1', conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
      bot: { id: '28:bot-app-id', name: 'engage-bot' },
    });
    const before = capture.requests.length;
    const result = await authed.mount.outbox!.send(me, reminder);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(capture.requests.length).toBe(before);
  } finally {
    await authed.close();
  }
});

test('stored references keep only what a send needs; export me shows mine, forget me erases it, and talking again restores it', async () => {
  const refs = teams.bot.storage.namespace<Record<string, any>>('teams-conversation-refs');
  await teams.post(teamsMessage(capture.url, 'help', {
    conversation: { id: '19:policy@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true },
  }));
  const personal = await refs.get(`${TENANT}:user:${USER}`);
  const channel = await refs.get(`${TENANT}:conversation:19:policy@thread.tacv2`);
  expect(personal).toMatchObject({ serviceUrl: capture.url, conversation: { id: 'a:personal-conv-1' }, user: { id: '29:user-1' } });
  expect(JSON.stringify([personal, channel])).not.toMatch(/Amina|aadObjectId|activityId/);
  expect(channel!.user).toBeUndefined(); // a channel's reference names nobody

  const actor = { platform: 'teams' as const, tenantId: TENANT, userId: USER };
  const exported = await teams.bot.bot.handleCommand({ actor, command: 'engage', text: 'export me' });
  expect(JSON.stringify(exported.blocks)).toContain('a:personal-conv-1');
  const confirm = await teams.bot.bot.handleCommand({ actor, command: 'engage', text: 'forget me' });
  expect(confirm.text).toMatch(/Teams chat details/);
  const erase = confirm.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!;
  await teams.bot.bot.handleAction({ actor, action: erase.action, value: erase.value });
  expect(await refs.get(`${TENANT}:user:${USER}`)).toBeUndefined();
  expect(await refs.get(`${TENANT}:conversation:a:personal-conv-1`)).toBeUndefined();
  expect(await send()).toMatchObject({ ok: false, permanent: true });

  await teams.post(teamsMessage(capture.url, 'help'));
  expect(await send()).toMatchObject({ ok: true });
});

test('a Slack person’s forget me does not mention Teams details', async () => {
  const confirm = await teams.bot.bot.handleCommand({ actor: { platform: 'slack', tenantId: 'T1', userId: 'U1' }, command: 'engage', text: 'forget me' });
  expect(confirm.text).not.toMatch(/Teams/);
});
