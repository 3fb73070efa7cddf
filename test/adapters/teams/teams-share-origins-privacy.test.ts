import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import { startCaptureServer, startTeams, teamsMessage, TENANT, USER, type CaptureServer, type TeamsHarness } from './teams-harness';

// Where a Share button in the 1:1 chat posts is kept by the adapter for the person it was made for:
// it is theirs to export and to erase, and a tenant's purge finds it by the tenant's prefix.

const words = loadTeamsPrompts();
const CHANNEL = { id: '19:policy@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true };
const MENTION = { type: 'mention', text: '<at>engage-bot</at>', mentioned: { id: '28:bot-app-id', name: 'engage-bot' } };
const me = { platform: 'teams' as const, tenantId: TENANT, userId: USER };
const textOf = (reply: { blocks: { type: string; text?: string }[] }) => reply.blocks.map((b) => b.text ?? '').join('\n');

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams();
  await teams.post(teamsMessage(capture.url, 'hello'));
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

async function shareButton(): Promise<any> {
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, '<at>engage-bot</at> tip nda', { conversation: CHANNEL, entities: [MENTION] }));
  const card = capture.requests.slice(before).find((r) => r.path.includes('personal-conv-1'))!.body.attachments[0].content;
  return card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions).find((b: any) => b.title === words.shareBack.channelButton);
}
const origins = async () => {
  const store = teams.bot.storage.namespace<unknown>('teams-share-origins');
  const keys: string[] = [];
  for await (const [key] of store.iterator!(store.namespace)) keys.push(String(key));
  return keys;
};

test('export me lists the kept origin; forget me erases it, and its Share then posts nothing', async () => {
  const share = await shareButton();
  expect(await origins()).toEqual([expect.stringMatching(new RegExp(`^teams:${TENANT}:share-back:${USER}:`))]);
  const exported = textOf(await teams.bot.bot.handleCommand({ actor: me, command: 'engage', text: 'export me' }));
  expect(exported).toContain(words.shareBack.dataLabel);
  expect(exported).toContain(CHANNEL.id);

  const confirm = await teams.bot.bot.handleCommand({ actor: me, command: 'engage', text: 'forget me' });
  const erase = confirm.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0]!;
  await teams.bot.bot.handleAction({ actor: me, action: erase.action, value: erase.value });
  expect(await origins()).toEqual([]);

  const before = capture.requests.length;
  const res = await teams.post(teamsMessage(capture.url, '', { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: share.verb, data: share.data }, trigger: 'manual' } }));
  expect((await res.json()).value).toBe(words.shareBack.gone);
  expect(capture.requests.length).toBe(before);
});
