import { createSweeper } from '../../../src/remind';
import { silentLogger } from '../../../src/base/logger';
import { movableClock } from '../../helpers/engagement-journey';
import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, TENANT, USER, type CaptureServer, type TeamsHarness } from './teams-harness';

// The whole engagement in Teams, through the real CloudAdapter: "prep …" → the form card → the brief
// card → the meeting ends and the invitation arrives proactively → the debrief card asks about each
// ask → the follow-up arrives on the commitment's date → Log outcome closes it → "company Acme" and
// its CSV. Cards are answered as Teams answers them: Action.Execute invokes whose data holds every
// input of the card as a string ('' when untouched, a multi-select as "a,b").

const CHARACTERISTICS = ['scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused', 'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained'];

const me = { platform: 'teams' as const, tenantId: TENANT, userId: USER, timeZone: 'Africa/Nairobi' };
const time = movableClock('2026-11-25T09:00:00Z');
let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams({ TEAMS_LOCAL: '1' }, { outboundTimeoutMs: 2000 }, silentLogger, { clock: time.clock });
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

const sweep = () => createSweeper({
  reminders: teams.bot.bot.parts.reminders, messages: teams.bot.bot.parts.reminderMessages, clock: time.clock, logger: silentLogger,
  outboxes: { teams: teams.mount.outbox! }, render: (r, late) => teams.bot.bot.renderDue(r, late),
}).sweep();

/** What reaches the stand-in Bot Connector while `act` runs (new messages and card updates). */
async function sentDuring(act: () => Promise<unknown>) {
  const before = capture.requests.length;
  await act();
  return capture.requests.slice(before);
}
const cardIn = (request: { body: any }) => request.body.attachments[0].content;
const say = async (text: string) => {
  const sent = await sentDuring(async () => expect((await teams.post(teamsMessage(capture.url, text))).status).toBe(200));
  expect(sent).toHaveLength(1);
  return cardIn(sent[0]!);
};

const buttonsOf = (card: any): any[] => card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);
const button = (card: any, action: string) => {
  const found = buttonsOf(card).find((b) => b.data?.engage?.action === action);
  if (!found) throw new Error(`no ${action} button on the card: ${JSON.stringify(buttonsOf(card).map((b) => b.data?.engage?.action))}`);
  return found;
};
const inputsOf = (card: any): any[] => card.body.filter((e: any) => String(e.type).startsWith('Input.'));
const input = (card: any, id: string) => inputsOf(card).find((i) => i.id === id);

/** Action.Execute as Teams sends it (from the personal chat unless `where` says otherwise); the answer is the invoke response's body. */
async function execute(data: unknown, verb: string, where: Record<string, unknown> = {}) {
  const res = await teams.post(teamsMessage(capture.url, '', {
    ...where, type: 'invoke', name: 'adaptiveCard/action', text: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  }));
  expect(res.status).toBe(200);
  return res.json() as Promise<{ statusCode: number; type: string; value: any }>;
}
const press = (card: any, action: string, where: Record<string, unknown> = {}) => { const b = button(card, action); return execute(b.data, b.verb, where); };
/** A card form submitted: every input on the card, untouched ones as Teams leaves them. */
function submit(card: any, answers: Record<string, string>, where: Record<string, unknown> = {}) {
  const values: Record<string, string> = {};
  for (const i of inputsOf(card)) values[i.id] = i.value ?? '';
  const unknown = Object.keys(answers).filter((id) => !(id in values));
  if (unknown.length) throw new Error(`no inputs ${unknown.join(', ')} on the form`);
  const action = card.actions[0];
  return execute({ ...action.data, ...values, ...answers }, action.verb, where);
}
const asCard = (answer: { type: string; value: any }) => {
  expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(answer.value)).toEqual([]);
  return answer.value;
};
/** The card's words as a person reads them: without the renderer's Markdown escapes. */
const textOf = (card: any) => JSON.stringify(card).replace(/\\\\/g, '');

test('Teams: prep → brief → debrief the asks → follow-up on the date → outcome → the record and its CSV', async () => {
  time.set('2026-11-25T09:00:00Z');
  const form = await say('prep Acme audit consultation tomorrow 15:00-16:00');
  expect(cardProblems(form)).toEqual([]);
  expect(input(form, 'goal')).toMatchObject({ type: 'Input.Text', isRequired: true });
  expect(input(form, 'ask-1-by')).toMatchObject({ type: 'Input.Date', label: 'Ask 1: by when?' });
  expect(input(form, 'teams')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
  expect(input(form, 'readiness')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });

  const brief = asCard(await submit(form, {
    goal: 'Acme agrees to an independent audit of its content moderation in our region',
    'ask-1': 'publish the audit', 'ask-1-done': 'the full report is online', 'ask-1-by': '2027-01-31',
    'ask-2': 'pause the automated takedowns',
    teams: 'team-human-rights,team-trust-and-safety',
    'format-size': 'small-group', 'format-confidentiality': 'public',
    readiness: 'prepare-background-knowledge,use-global-standards',
  }));
  expect(brief.body[0]).toMatchObject({ style: 'heading', text: 'Brief: Acme, audit consultation' });
  expect(textOf(brief)).toContain('Ask 2 has no measure of “done” yet.');
  // Share posts into the conversation the brief is in: in the person's own chat with the bot, nobody else would see it.
  expect(buttonsOf(brief).map((b) => b.data.engage.action)).not.toContain('engagement.share');
  expect(buttonsOf(brief).map((b) => b.data.engage.action)).toContain('engagement.record');
  const [record] = await teams.bot.bot.parts.engagements.all(me);
  expect(record!.meetings[0]!.teams).toEqual(['team-human-rights', 'team-trust-and-safety']);
  expect(record!.meetings[0]!.readiness).toEqual(['prepare-background-knowledge', 'use-global-standards']);

  // The meeting ends (16:00 in Nairobi): the invitation arrives in the personal chat.
  time.set('2026-11-26T13:00:30Z');
  const invited = await sentDuring(sweep);
  expect(invited).toHaveLength(1);
  const invitation = cardIn(invited[0]!);
  expect(cardProblems(invitation)).toEqual([]);
  const debrief = asCard(await press(invitation, 'debrief.open'));
  const askInputs = inputsOf(debrief).filter((i) => /^ask-[a-z0-9]+$/.test(i.id));
  expect(askInputs.map((i) => i.label)).toEqual(['What did Acme say to: “publish the audit”?', 'What did Acme say to: “pause the automated takedowns”?']);
  for (const ask of askInputs) {
    expect(ask).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: false });
    expect(input(debrief, `${ask.id}-by`)).toMatchObject({ type: 'Input.Date', label: expect.stringMatching(/\S/) });
  }
  const [audit, takedowns] = askInputs.map((i) => i.id);
  const ratings = Object.fromEntries(CHARACTERISTICS.map((c) => [c, '4']));
  const debriefed = asCard(await submit(debrief, {
    ...ratings, side: 'civil-society', 'satisfaction-process': '4', 'satisfaction-outcome': '3', 'format-confidentiality': 'public',
    [audit!]: 'committed', [`${audit}-by`]: '2027-01-31', [takedowns!]: 'declined',
  }));
  expect(textOf(debriefed)).toContain('Recorded for Acme: 2 asks and 1 commitment.');
  expect(textOf(debriefed)).toContain('I’ll ask you about “publish the audit” on Sunday 31 January 2027 at 09:00 Africa/Nairobi.');

  // Nothing before the date; on it, the follow-up comes by itself.
  time.set('2027-01-31T05:59:00Z');
  expect((await sentDuring(sweep)).filter((r) => JSON.stringify(r.body).includes('publish the audit'))).toEqual([]);
  time.set('2027-01-31T06:00:30Z');
  const followUps = (await sentDuring(sweep)).filter((r) => JSON.stringify(r.body).includes('publish the audit'));
  expect(followUps).toHaveLength(1);
  const followUp = cardIn(followUps[0]!);
  expect(cardProblems(followUp)).toEqual([]);
  expect(textOf(followUp)).toContain('Acme’s commitment, due Sunday 31 January: “publish the audit”. Has it been delivered?');
  expect(buttonsOf(followUp).map((b) => b.title)).toEqual(['Delivered', 'In 1 hour', 'Tomorrow', 'Next week', 'Log outcome']);

  const outcomeForm = asCard(await press(followUp, 'engagement.outcome'));
  expect(input(outcomeForm, 'delivered')).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
  expect(input(outcomeForm, 'again')).toMatchObject({ type: 'Input.Date', label: expect.stringMatching(/\S/) });
  const closed = await submit(outcomeForm, { delivered: 'yes', outcome: 'the report went online on 30 January' });
  expect(textOf(asCard(closed))).toContain('Closed as delivered: Acme’s commitment “publish the audit”.');

  const shown = await say('company Acme');
  expect(cardProblems(shown)).toEqual([]);
  const text = textOf(shown);
  expect(text).toMatch(/audit consultation · prepared and debriefed · score \d+ \(/);
  expect(text).toContain('“publish the audit” · Committed · by Sunday 31 January');
  expect(text).toContain('“pause the automated takedowns” · Declined');
  expect(text).toContain('“publish the audit” · the report went online on 30 January');
  expect(text).not.toContain('Open commitments');

  // The CSV comes as a message of its own (the record card stays), its text in a box that keeps its lines.
  const exported = await sentDuring(async () => {
    const answer = await press(shown, 'engagement.csv');
    expect(answer).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'Here is Acme’s record, as far as you can see it.' });
  });
  expect(exported).toHaveLength(1);
  const csvCard = cardIn(exported[0]!);
  expect(cardProblems(csvCard)).toEqual([]);
  const file = inputsOf(csvCard)[0];
  expect(file).toMatchObject({ type: 'Input.Text', label: 'acme-engagement.csv', isMultiline: true });
  const csv: string = file.value;
  const fromCore = await teams.bot.bot.handleAction({ actor: me, action: 'engagement.csv', value: button(shown, 'engagement.csv').data.engage.value });
  expect(csv).toBe(fromCore!.file!.content);
  expect(csv.split('\r\n')[0]).toBe('kind,date,meeting,text,status,due,detail');
  // Older clients send the button as Action.Submit: the same export, as a new message too.
  const submitted = await sentDuring(() => teams.post(teamsMessage(capture.url, '', { text: undefined, replyToId: 'record-card-1', value: button(shown, 'engagement.csv').fallback.data })));
  expect(submitted.map((r) => r.method)).toEqual(['POST']);
  expect(inputsOf(cardIn(submitted[0]!))[0].value).toBe(csv);
  expect(csv).toContain('ask,2026-11-25,audit consultation,publish the audit,committed,2027-01-31,the full report is online');
  expect(csv).toContain('ask,2026-11-25,audit consultation,pause the automated takedowns,declined,,');
  expect(csv).toContain('commitment,2026-11-26,audit consultation,publish the audit,closed,2027-01-31,');
  expect(csv).toContain('outcome,2027-01-31,audit consultation,publish the audit,yes,,the report went online on 30 January');
  expect(csv).toMatch(/score,2026-11-26,audit consultation,\d+,/);
});

describe('Teams: the brief in a team channel', () => {
  const channel = { id: '19:policy@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true };
  const inChannel = { conversation: channel };
  const mention = { type: 'mention', text: '<at>engage-bot</at>', mentioned: { id: '28:bot-app-id', name: 'engage-bot' } };
  async function prepInChannel() {
    const sent = await sentDuring(() => teams.post(teamsMessage(capture.url, '<at>engage-bot</at> prep Acme transparency call tomorrow 10:00-11:00', { conversation: channel, entities: [mention] })));
    expect(sent).toHaveLength(1);
    return cardIn(sent[0]!);
  }
  const answers = (confidentiality: string) => ({
    goal: 'Acme publishes its transparency data for our region', 'ask-1': 'publish the appeals data', 'format-confidentiality': confidentiality,
    staff: 'Jane Roe (policy lead)', teams: 'team-human-rights,team-trust-and-safety',
  });
  beforeEach(() => time.set('2026-11-25T09:00:00Z'));
  // A brief is private: without Amina's own chat with the bot, a channel would get only the request to open one.
  beforeAll(() => teams.post(teamsMessage(capture.url, 'hello')));

  test('answers refused come back beside their fields, with the ticked teams still ticked', async () => {
    const form = await prepInChannel();
    const redrawn = asCard(await submit(form, { ...answers('public'), goal: '   ' }, inChannel));
    expect(redrawn.body.find((e: any) => e.color === 'Attention' && e.text === 'This one is needed.')).toBeDefined();
    expect(input(redrawn, 'teams')).toMatchObject({ isMultiSelect: true, value: 'team-human-rights,team-trust-and-safety' });
    expect(input(redrawn, 'ask-1').value).toBe('publish the appeals data');
  });

  test('a public brief’s Share posts it to the channel without the names of the company’s people', async () => {
    const brief = asCard(await submit(await prepInChannel(), answers('public'), inChannel));
    expect(textOf(brief)).toContain('Jane Roe (policy lead)');
    let answer: any;
    const posted = await sentDuring(async () => { answer = await press(brief, 'engagement.share', inChannel); });
    expect(answer).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Shared with the conversation.' });
    expect(posted).toHaveLength(1);
    expect(posted[0]!.path).toContain(encodeURIComponent(channel.id));
    const shared = cardIn(posted[0]!);
    expect(cardProblems(shared)).toEqual([]);
    expect(textOf(shared)).toContain('publish the appeals data');
    expect(textOf(shared)).not.toContain('Jane Roe');
    expect(buttonsOf(shared)).toEqual([]);
  });

  test('submitted from an older client, the brief reaches the 1:1 chat; its Share posts it in the channel, without the names', async () => {
    const form = await prepInChannel();
    const values: Record<string, string> = {};
    for (const i of inputsOf(form)) values[i.id] = i.value ?? '';
    const submitted = await sentDuring(() => teams.post(teamsMessage(capture.url, '', {
      text: undefined, conversation: channel, replyToId: 'prep-card-1', value: { ...form.actions[0].fallback.data, ...values, ...answers('public') },
    })));
    const personal = submitted.filter((r) => !r.path.includes(encodeURIComponent(channel.id)));
    expect(personal).toHaveLength(1);
    const brief = cardIn(personal[0]!);
    expect(cardProblems(brief)).toEqual([]);
    expect(textOf(brief)).toContain('Jane Roe (policy lead)');
    const share = buttonsOf(brief).find((b) => b.title === 'Share in the channel');
    expect(share).toBeDefined();
    expect(JSON.stringify(share)).not.toContain(channel.id);

    let answer: any;
    const posted = await sentDuring(async () => { answer = await execute(share.data, share.verb); });
    expect(answer).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Shared in the channel.' });
    expect(posted).toHaveLength(1);
    expect(posted[0]!.path).toBe(`/v3/conversations/${encodeURIComponent(channel.id)}/activities`);
    const shared = cardIn(posted[0]!);
    expect(cardProblems(shared)).toEqual([]);
    expect(textOf(shared)).toContain('publish the appeals data');
    expect(textOf(shared)).not.toContain('Jane Roe');
    expect(buttonsOf(shared)).toEqual([]);
  });

  test('a brief made confidential after it reached the 1:1 chat: its Share there posts nothing', async () => {
    const form = await prepInChannel();
    const values: Record<string, string> = {};
    for (const i of inputsOf(form)) values[i.id] = i.value ?? '';
    const submitted = await sentDuring(() => teams.post(teamsMessage(capture.url, '', {
      text: undefined, conversation: channel, replyToId: 'prep-card-2', value: { ...form.actions[0].fallback.data, ...values, ...answers('public') },
    })));
    const brief = cardIn(submitted.find((r) => !r.path.includes(encodeURIComponent(channel.id)))!);
    const share = buttonsOf(brief).find((b) => b.title === 'Share in the channel');
    // The meeting turns confidential in the store (as an edit by a participant would make it).
    const [record] = await teams.bot.bot.parts.engagements.all(me);
    const meeting = record!.meetings.at(-1)!;
    expect(meeting.formats['format-confidentiality']).toBe('public');
    await teams.bot.bot.parts.engagements.edit(me, record!.id, (r) => ({ ...r, meetings: r.meetings.map((m) => (m.id === meeting.id ? { ...m, formats: { ...m.formats, 'format-confidentiality': 'chatham-house' } } : m)) }));
    let answer: any;
    const posted = await sentDuring(async () => { answer = await execute(share.data, share.verb); });
    expect(posted).toEqual([]);
    expect(answer.value).toBe('That meeting is confidential: only the people who took part can see it.');
  });

  test('a Chatham House brief offers no Share, and a replayed Share posts nothing', async () => {
    const brief = asCard(await submit(await prepInChannel(), answers('chatham-house'), inChannel));
    expect(buttonsOf(brief).map((b) => b.data.engage.action)).not.toContain('engagement.share');
    expect(textOf(brief)).toContain('Confidential meeting: only the people taking part see this brief');
    const open = button(brief, 'engagement.record');
    const [record] = await teams.bot.bot.parts.engagements.all(me);
    const meeting = record!.meetings.find((m) => m.formats['format-confidentiality'] === 'chatham-house')!;
    const posted = await sentDuring(async () => {
      const answer = await execute({ engage: { kind: 'action', action: 'engagement.share', value: `${open.data.engage.value}:${meeting.id}` } }, 'engagement.share', inChannel);
      expect(answer.value).toBe('That meeting is confidential: only the people who took part can see it.');
    });
    expect(posted).toEqual([]);
  });
});
