import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import { prepAnswers } from '../../helpers/engagement-journey';
import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, TENANT, USER, type Captured, type CaptureServer, type TeamsHarness } from './teams-harness';

// Teams shows every message a bot posts in a channel or a group chat to everyone there. A reply only
// its asker may see goes to their 1:1 chat with the bot instead, through the real CloudAdapter; the
// shared conversation gets one sentence saying where it went, or asking them to open that chat.

const words = loadTeamsPrompts();
const PERSONAL = 'a:personal-conv-1';
const CHANNEL = { id: '19:policy@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true };
const GROUP_CHAT = { id: '19:board-prep@thread.v2', conversationType: 'groupChat', tenantId: TENANT, isGroup: true };
const MENTION = { type: 'mention', text: '<at>engage-bot</at>', mentioned: { id: '28:bot-app-id', name: 'engage-bot' } };
/** Someone in the channel who has never opened a chat with the bot. */
const NEWCOMER = { id: '29:user-2', name: 'Jo', aadObjectId: 'aad-user-2' };
/** An ask of a Chatham House meeting Amina took part in: hers to see, nobody else's. */
const SECRET_ASK = 'disclose the lobbying budget for the region';
const me = { platform: 'teams' as const, tenantId: TENANT, userId: USER, timeZone: 'Africa/Nairobi' };

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams();
  // Amina's own chat with the bot, where her private replies go.
  await teams.post(teamsMessage(capture.url, 'hello'));
  const { bot } = teams.bot;
  const opened = await bot.handleCommand({ actor: me, command: 'engage-prep', text: 'Acme quiet call tomorrow 10:00-11:00' });
  await bot.handleSubmission({ actor: me, formId: opened.form!.id, values: prepAnswers({ 'ask-1': SECRET_ASK, 'format-confidentiality': 'chatham-house' }), metadata: opened.form!.metadata });
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

async function sentDuring(act: () => Promise<unknown>): Promise<Captured[]> {
  const before = capture.requests.length;
  await act();
  return capture.requests.slice(before);
}
const to = (conversation: string) => (r: Captured) => r.path.startsWith(`/v3/conversations/${encodeURIComponent(conversation)}/`);
const cardIn = (r: Captured) => r.body.attachments[0].content;
const buttonsOf = (card: any): any[] => card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);
const actionsOf = (card: any): string[] => buttonsOf(card).map((b) => b.data.engage.action);
const say = (text: string, where: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  sentDuring(async () => expect((await teams.post(teamsMessage(capture.url, `<at>engage-bot</at> ${text}`, { conversation: where, entities: [MENTION], ...extra }))).status).toBe(200));
/** The one message posted where the conversation is shared, which must be the sentence `text` and nothing more. */
function onlySentence(sent: Captured[], conversation: string, text: string) {
  const there = sent.filter(to(conversation));
  expect(there).toHaveLength(1);
  expect(there[0]!.body.text).toBe(text);
  expect(there[0]!.body.attachments).toBeUndefined();
}

test('"company Acme" in a channel: the record reaches the 1:1 chat, the channel sees one sentence and nothing of it', async () => {
  const sent = await say('company Acme', CHANNEL);
  expect(sent).toHaveLength(2);
  const [record] = sent.filter(to(PERSONAL));
  expect(record).toBeDefined();
  expect(cardProblems(cardIn(record!))).toEqual([]);
  expect(JSON.stringify(cardIn(record!))).toContain(SECRET_ASK);
  onlySentence(sent, CHANNEL.id, words.sentPrivately);
  expect(JSON.stringify(sent.filter(to(CHANNEL.id)))).not.toMatch(/lobbying|Acme/);
});

test('in a group chat too', async () => {
  const sent = await say('company Acme', GROUP_CHAT);
  expect(JSON.stringify(sent.filter(to(PERSONAL)))).toContain(SECRET_ASK);
  onlySentence(sent, GROUP_CHAT.id, words.sentPrivately);
});

test('a tip asked in a group chat reaches the 1:1 chat with a Share that names the group chat, and shares there', async () => {
  const sent = await say('tip they want us to sign an NDA', GROUP_CHAT);
  onlySentence(sent, GROUP_CHAT.id, words.sentPrivately);
  const share = buttonsOf(cardIn(sent.filter(to(PERSONAL))[0]!)).find((b) => b.title === words.shareBack.groupChatButton);
  expect(share).toBeDefined();
  let answer: any;
  const shared = await sentDuring(async () => {
    const res = await teams.post(teamsMessage(capture.url, '', { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: share.verb, data: share.data }, trigger: 'manual' } }));
    answer = await res.json();
  });
  expect(answer.value).toBe(words.shareBack.sharedInGroupChat);
  expect(shared).toHaveLength(1);
  expect(shared.filter(to(GROUP_CHAT.id))).toHaveLength(1);
  expect(cardProblems(cardIn(shared[0]!))).toEqual([]);
});

test('someone without a 1:1 chat with the bot is asked to open one and ask there; nothing else is sent anywhere', async () => {
  const sent = await say('company Acme', CHANNEL, { from: NEWCOMER });
  expect(sent).toHaveLength(1);
  onlySentence(sent, CHANNEL.id, words.askInPersonalChat);
  // Nothing was run: their asking again in the 1:1 chat does it once.
  const help = await say('help', CHANNEL, { from: NEWCOMER });
  onlySentence(help, CHANNEL.id, words.askInPersonalChat);
  expect(help).toHaveLength(1);
});

test('the 1:1 chat out of reach: the channel is told so, and still sees nothing of the answer', async () => {
  capture.failWith(500);
  const sent = await say('company Acme', CHANNEL);
  const there = sent.filter(to(CHANNEL.id));
  expect(there).toHaveLength(1);
  expect(there[0]!.body).toMatchObject({ text: words.personalChatUnreachable });
  expect(there[0]!.body.attachments).toBeUndefined();
});

test('help and home asked in a channel are answered in the 1:1 chat', async () => {
  for (const text of ['help', 'home', 'tip they want us to sign an NDA']) {
    const sent = await say(text, CHANNEL);
    expect(sent.filter(to(PERSONAL))).toHaveLength(1);
    expect(cardProblems(cardIn(sent.filter(to(PERSONAL))[0]!))).toEqual([]);
    onlySentence(sent, CHANNEL.id, words.sentPrivately);
  }
});

describe('forms asked for in a channel', () => {
  const answers = (confidentiality: string) => ({
    goal: 'Acme publishes its transparency data', 'ask-1': 'publish the appeals data', 'format-confidentiality': confidentiality,
  });
  async function prepCard() {
    const sent = await say('prep Acme transparency call tomorrow 15:00-16:00', CHANNEL);
    expect(sent).toHaveLength(1);
    expect(sent.filter(to(CHANNEL.id))).toHaveLength(1);
    return cardIn(sent[0]!);
  }
  /** What an older client sends for the form's submit (Action.Submit): its data and every input. */
  function submitted(card: any, values: Record<string, string>) {
    const inputs = Object.fromEntries(card.body.filter((e: any) => String(e.type).startsWith('Input.')).map((i: any) => [i.id, i.value ?? '']));
    return teamsMessage(capture.url, '', { text: undefined, conversation: CHANNEL, replyToId: 'form-card-1', value: { ...card.actions[0].fallback.data, ...inputs, ...values } });
  }

  test('the form opens in the channel; submitted from an older client, the brief goes to the 1:1 chat and the form gives way to the sentence', async () => {
    const form = await prepCard();
    expect(cardProblems(form)).toEqual([]);
    const sent = await sentDuring(() => teams.post(submitted(form, answers('public'))));
    const brief = sent.filter(to(PERSONAL));
    expect(brief).toHaveLength(1);
    expect(JSON.stringify(cardIn(brief[0]!))).toContain('publish the appeals data');
    // Its Share stays, and says it posts in the channel the brief was asked in (not in the 1:1 chat).
    expect(actionsOf(cardIn(brief[0]!))).not.toContain('engagement.share');
    expect(buttonsOf(cardIn(brief[0]!)).map((b) => b.title)).toContain(words.shareBack.channelButton);
    const there = sent.filter(to(CHANNEL.id));
    expect(there).toEqual([expect.objectContaining({ method: 'PUT', path: expect.stringContaining('/activities/form-card-1') })]);
    expect(there[0]!.body).toMatchObject({ text: words.sentPrivately });
    expect(JSON.stringify(there)).not.toContain('appeals');
  });

  test('answers refused: the form is drawn again, with what was typed, in the 1:1 chat only', async () => {
    const form = await prepCard();
    const sent = await sentDuring(() => teams.post(submitted(form, { ...answers('public'), goal: '  ' })));
    const redrawn = sent.filter(to(PERSONAL));
    expect(redrawn).toHaveLength(1);
    expect(JSON.stringify(cardIn(redrawn[0]!))).toContain('publish the appeals data');
    expect(sent.filter(to(CHANNEL.id)).map((r) => r.body.text)).toEqual([words.sentPrivately]);
  });

  test('a form submitted in a channel by someone without a 1:1 chat is not taken', async () => {
    const form = await prepCard();
    const meetings = async () => (await teams.bot.bot.parts.engagements.all(me)).flatMap((r) => r.meetings).length;
    const before = await meetings();
    const sent = await sentDuring(() => teams.post({ ...submitted(form, answers('public')), from: NEWCOMER }));
    onlySentence(sent, CHANNEL.id, words.askInPersonalChat);
    expect(sent).toHaveLength(1);
    expect(await meetings()).toBe(before);
  });

  test('a record’s CSV exported from a card in the channel goes to the 1:1 chat; the click gets the sentence', async () => {
    const card = cardIn((await say('company Acme', CHANNEL)).filter(to(PERSONAL))[0]!);
    const csv = buttonsOf(card).find((b) => b.data.engage.action === 'engagement.csv');
    const sent = await sentDuring(async () => {
      const res = await teams.post(teamsMessage(capture.url, '', {
        type: 'invoke', name: 'adaptiveCard/action', text: undefined, conversation: CHANNEL,
        value: { action: { type: 'Action.Execute', verb: csv.verb, data: csv.data }, trigger: 'manual' },
      }));
      expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: words.sentPrivately });
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toContain(encodeURIComponent(PERSONAL));
    expect(JSON.stringify(cardIn(sent[0]!))).toContain(SECRET_ASK);
  });
});

describe('replies for everyone still go to everyone', () => {
  test('a public brief’s Share from an older client posts the brief in the channel, and nothing in the 1:1 chat', async () => {
    const opened = await teams.bot.bot.handleCommand({ actor: me, command: 'engage-prep', text: 'Acme open call tomorrow 12:00-13:00' });
    const result = await teams.bot.bot.handleSubmission({ actor: me, formId: opened.form!.id, values: prepAnswers({ 'ask-1': 'publish the appeals data' }), metadata: opened.form!.metadata });
    const brief = 'reply' in result ? result.reply! : undefined;
    const share = brief!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'engagement.share')!;
    expect(share.sharesHere).toBe(true);
    const sent = await sentDuring(() => teams.post(teamsMessage(capture.url, '', {
      text: undefined, conversation: CHANNEL, replyToId: 'brief-card-1', value: { engage: { kind: 'action', action: share.action, value: share.value } },
    })));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toContain(encodeURIComponent(CHANNEL.id));
    expect(JSON.stringify(cardIn(sent[0]!))).toContain('publish the appeals data');
  });

  test('the debrief offer at a meeting’s end is posted in the meeting’s chat', async () => {
    const sent = await sentDuring(() => teams.post(teamsMessage(capture.url, '', {
      type: 'event', name: 'application/vnd.microsoft.meetingEnd', text: undefined, conversation: GROUP_CHAT,
      channelData: { tenant: { id: TENANT }, meeting: { id: 'MCMxOTpwcml2YXRl' } },
      value: { Id: 'MCMxOTpwcml2YXRl', Title: 'Check-in with Acme', EndTime: '2026-11-25T10:00:00Z' },
    })));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toContain(encodeURIComponent(GROUP_CHAT.id));
    expect(actionsOf(cardIn(sent[0]!))).toContain('debrief.begin');
  });
});
