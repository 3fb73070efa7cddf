import { createHttpServer, listen } from '../../../adapters/http/create-http-server';
import { mountTeams } from '../../../adapters/teams/mount-teams';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/base/logger';
import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, TENANT, type CaptureServer, type TeamsHarness } from './teams-harness';

// A meeting the bot is in ends: Teams sends application/vnd.microsoft.meetingEnd into the meeting's
// chat, through the real CloudAdapter, and the core's debrief offer is posted there. Teams may send
// it twice, and to two instances of the bot at once: the chat still gets one offer.

const MEETING_CHAT = { id: '19:meeting_NjQ1ZTM0@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT };

let capture: CaptureServer;
let teams: TeamsHarness;
let second: { url: string; close(): Promise<void> };
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams();
  // Another instance of the bot: its own adapter and handler over the same store.
  const mount = await mountTeams({ config: loadConfig({ NODE_ENV: 'test', TEAMS_LOCAL: '1' }), bot: teams.bot.bot, logger: silentLogger, storage: teams.bot.storage });
  const server = createHttpServer(silentLogger, mount.routes);
  const port = await listen(server, 0, '127.0.0.1');
  second = {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
});
afterAll(async () => {
  await second.close();
  await teams.close();
  await capture.close();
});

function meetingEnd(meetingId: string, title: string) {
  return teamsMessage(capture.url, '', {
    type: 'event', name: 'application/vnd.microsoft.meetingEnd', text: undefined, conversation: MEETING_CHAT,
    channelData: { tenant: { id: TENANT }, meeting: { id: meetingId } },
    value: { Id: meetingId, MeetingType: 'Scheduled', Title: title, JoinUrl: 'https://teams.microsoft.com/l/meetup-join/x', EndTime: '2026-11-25T10:00:00Z' },
  });
}
const postTo = (url: string, activity: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
const postedToMeetingChat = (from: number) =>
  capture.requests.slice(from).filter((r) => r.method === 'POST' && r.path.includes(encodeURIComponent(MEETING_CHAT.id)));

test('the debrief offer is posted into the meeting’s chat once, though the end arrives twice and at two instances', async () => {
  const before = capture.requests.length;
  const end = meetingEnd('MCMxOTptZWV0aW5nX05qUTFaVE0w', 'Quarterly check-in with Acme');
  const answers = await Promise.all([postTo(teams.url, end), postTo(second.url, end)]);
  answers.push(await postTo(teams.url, end));
  for (const res of answers) expect(res.status).toBe(200);
  const posted = postedToMeetingChat(before);
  expect(posted).toHaveLength(1);
  const card = posted[0]!.body.attachments[0].content;
  expect(cardProblems(card)).toEqual([]);
  const button = card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions).find((a: any) => a.data?.engage?.action === 'debrief.begin');
  // The offer's button carries the meeting's title, so the form it opens is named after it.
  expect(button.data.engage.value).toBe('Quarterly check-in with Acme');
});

test('another meeting in the same chat gets its own offer', async () => {
  const before = capture.requests.length;
  await postTo(teams.url, meetingEnd('MCMxOTpvdGhlci1tZWV0aW5n', 'Follow-up with Acme’s policy team'));
  expect(postedToMeetingChat(before)).toHaveLength(1);
});

test('other events in the chat post nothing', async () => {
  const before = capture.requests.length;
  const res = await postTo(teams.url, { ...meetingEnd('MCMxOTpzdGFydA', 'Stand-up'), name: 'application/vnd.microsoft.meetingStart' });
  expect(res.status).toBe(200);
  expect(postedToMeetingChat(before)).toEqual([]);
});
