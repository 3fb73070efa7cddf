import { PassThrough } from 'node:stream';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from '../adapters/teams/teams-harness';
import { hostileString, hostileValue, seededRandom, sometimes } from '../helpers/hostile-inputs';
import { queryKeys } from '../helpers/query-sqlite';
import { createLogger } from '../../src/base/logger';

// The Teams side of the bad-input campaign: 1,100 generated malformed or hostile activities into
// the real CloudAdapter (auth off, as with the Emulator). No 5xx, the process stays up, no new
// stored record, no error in the log (a bad activity is refused before a turn starts), and what
// goes back to Teams never carries an unescaped mention of everyone.

const keys = async (file: string) => (await queryKeys(file, 'SELECT key FROM engage')).sort();

let capture: CaptureServer;
let teams: TeamsHarness;
let logs = '';
beforeAll(async () => {
  const sink = new PassThrough();
  sink.on('data', (d) => { logs += d.toString(); });
  capture = await startCaptureServer();
  teams = await startTeams(undefined, undefined, createLogger('debug', sink));
});
afterAll(async () => { await teams.close(); await capture.close(); });
const errorLines = () => logs.split('\n').filter((l) => l && JSON.parse(l).level >= 50);

test.each([
  ['entities as a string', { entities: 'mention' }],
  ['an entity that is not an object', { entities: ['mention'] }],
  ['a mention naming nobody', { entities: [{ type: 'mention', text: '<at>x</at>' }] }],
  ['locale as an object', { locale: { tag: 'en' } }],
  ['from.aadObjectId as an array', { from: { id: '29:user-1', aadObjectId: ['aad-user-1'] } }],
  ['replyToId as a number', { replyToId: 42 }],
  ['recipient missing', { recipient: undefined }],
  ['recipient.id as a number', { recipient: { id: 28 } }],
  ['conversation.tenantId as an object', { conversation: { id: 'a:1', tenantId: { id: 't' } } }],
  ['conversation.isGroup as a string', { conversation: { id: 'a:1', isGroup: 'yes' } }],
  ['channelData.tenant as a string', { channelData: { tenant: 'tenant-1111' } }],
  ['membersRemoved as a string', { type: 'conversationUpdate', membersRemoved: 'everyone' }],
  ['timestamp as a number', { timestamp: 1764061200 }],
  ['textFormat as an array', { textFormat: ['markdown'] }],
  ['localTimezone as a number', { localTimezone: 3 }],
  ['attachments as an object', { attachments: { contentType: 'x' } }],
])('%s: 400 before any turn, nothing sent, no error logged', async (_name, extra) => {
  const before = capture.requests.length;
  logs = '';
  const res = await teams.post(teamsMessage(capture.url, 'tip nda', extra));
  expect(res.status).toBe(400);
  expect((await res.json()).error).toEqual(expect.any(String));
  expect(capture.requests.length).toBe(before);
  expect(errorLines()).toEqual([]);
});

test('a well-formed activity with nulls where Teams leaves fields out is answered', async () => {
  const res = await teams.post(teamsMessage(capture.url, 'tip nda', { locale: null, replyToId: null, entities: null, attachments: [], channelData: { tenant: { id: 'tenant-1111' }, eventType: null } }));
  expect(res.status).toBe(200);
});

test('1,100 hostile activities: no 5xx, nothing new stored, still answering', async () => {
  const rand = seededRandom(11);
  const file = teams.bot.url.slice('sqlite://'.length);
  logs = '';
  const warm = await teams.post(teamsMessage(capture.url, 'tip warm up'));
  expect(warm.status).toBe(200);
  const before = await keys(file);
  const types = ['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing'];
  const statuses = new Map<number, number>();

  for (let i = 0; i < 1_100; i++) {
    const kind = i % 4;
    let res: Response;
    if (kind === 3) {
      // Not even an activity: broken JSON, wrong types, huge bodies.
      const body = rand() < 0.5 ? hostileString(rand) : JSON.stringify(hostileValue(rand));
      res = await fetch(teams.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    } else {
      const activity: Record<string, any> = teamsMessage(capture.url, String(sometimes(rand, `tip ${hostileString(rand).slice(0, 300)}`)));
      activity.type = sometimes(rand, types[Math.floor(rand() * types.length)]);
      if (kind === 1) {
        activity.type = 'invoke';
        activity.name = sometimes(rand, 'adaptiveCard/action');
        activity.value = rand() < 0.5 ? hostileValue(rand) : { action: { type: 'Action.Execute', verb: sometimes(rand, 'tip.show'), data: hostileValue(rand) } };
      }
      if (kind === 2) {
        // Sometimes whole parts missing or of the wrong type; ids stay those of the real user so
        // only well-formed identities could ever be stored.
        for (const field of ['text', 'from', 'conversation', 'channelData', 'localTimezone', 'recipient', 'value', 'membersAdded', 'action']) {
          if (rand() < 0.25) activity[field] = hostileValue(rand);
        }
      }
      res = await teams.post(activity);
    }
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    await res.arrayBuffer();
    // 501 is the Bot Framework's answer to an invoke the bot does not implement (the protocol says
    // so); any other 5xx would be a crash.
    if (res.status >= 500 && res.status !== 501) throw new Error(`case ${i} (kind ${kind}) answered ${res.status}`);
  }

  const ok = await teams.post(teamsMessage(capture.url, 'tip they want us to sign an NDA'));
  expect(ok.status).toBe(200);
  expect(errorLines()).toEqual([]);
  const after = await keys(file);
  expect(after.filter((k) => !before.includes(k))).toEqual([]);
  for (const request of capture.requests) expect(JSON.stringify(request.body ?? '')).not.toMatch(/<at>(everyone|channel)<\/at>/i);
  expect([...statuses.keys()].every((s) => s < 500 || s === 501)).toBe(true);
}, 180_000);
