import { cardProblems } from './card-validator';
import { SUMMARY_MAX, summaryLine } from '../../../adapters/teams/to-teams-activity';
import { startCaptureServer, startTeams, teamsMessage, TENANT, USER, type CaptureServer, type TeamsHarness } from './teams-harness';

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams();
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});
beforeEach(() => capture.requests.splice(0));

async function say(text: string, extra: Record<string, unknown> = {}) {
  const activity = teamsMessage(capture.url, text, extra);
  const before = capture.requests.length;
  const res = await teams.post(activity);
  expect(res.status).toBe(200);
  return { activity, replies: capture.requests.slice(before).filter((r) => r.method === 'POST') };
}

const cardOf = (body: any) => body.attachments?.[0]?.content;
const cardText = (card: any): string => JSON.stringify(card);

test('"tip nda" gets a well-formed tip card as a reply in the conversation', async () => {
  const { activity, replies } = await say('tip they want us to sign an NDA');
  expect(replies).toHaveLength(1);
  expect(replies[0]!.path).toBe(`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${activity.id}`);
  const body = replies[0]!.body;
  expect(body.type).toBe('message');
  expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = cardOf(body);
  expect(cardProblems(card)).toEqual([]);
  expect(card.version).toBe('1.5');
  expect(cardText(card)).toMatch(/NDA|non-disclosure/i);
  // Buttons are Universal Actions with a Submit fallback carrying the same data.
  const buttons = card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);
  expect(buttons.length).toBeGreaterThan(2);
  for (const b of buttons) {
    expect(b.type).toBe('Action.Execute');
    expect(b.verb).toBe(b.data.engage.action);
    expect(b.fallback).toMatchObject({ type: 'Action.Submit', data: b.data });
  }
  expect(body.summary).toMatch(/—/);
});

test('a card’s summary (what notifications and the chat list show) is one short line, not the whole answer', async () => {
  const { replies } = await say('tip they want us to sign an NDA');
  const summary: string = replies[0]!.body.summary;
  expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
  expect(summary).not.toMatch(/\n/);
  expect(summary).toMatch(/^\S.*—/);
  expect(summaryLine('Short and sweet')).toBe('Short and sweet');
  expect(summaryLine('\n  First line\nsecond line')).toBe('First line');
  const long = summaryLine('word '.repeat(40));
  expect(long.length).toBeLessThanOrEqual(SUMMARY_MAX);
  expect(long).toMatch(/^word( word)*…$/);
  expect(summaryLine('🙈'.repeat(60))).not.toMatch(/[\uD800-\uDBFF]…$/);
});

test.each([
  ['tip nda'], ['/tip nda'], ['engage-tip nda'], ['/engage-tip nda'], ['TIP nda'],
])('"%s" is the tip command', async (text) => {
  const { replies } = await say(text);
  expect(cardText(cardOf(replies[0]!.body))).toMatch(/NDA|non-disclosure/i);
});

test('in a channel the @mention is removed before the command is read; the help, being private, goes to the 1:1 chat', async () => {
  await say('hello');
  const channel = '19:channel@thread.tacv2;messageid=1';
  const { replies } = await say('<at>engage-bot</at> help', {
    conversation: { id: channel, conversationType: 'channel', tenantId: 'tenant-1111', isGroup: true },
    entities: [{ type: 'mention', text: '<at>engage-bot</at>', mentioned: { id: '28:bot-app-id', name: 'engage-bot' } }],
  });
  expect(replies).toHaveLength(2);
  const [personal, inChannel] = [replies.find((r) => r.path.includes('a%3Apersonal-conv-1')), replies.find((r) => r.path.includes(encodeURIComponent(channel)))];
  expect(inChannel!.body).toMatchObject({ text: 'I’ve sent my answer to our private chat, where only you can see it.' });
  expect(inChannel!.body.attachments).toBeUndefined();
  const card = cardOf(personal!.body);
  expect(cardProblems(card)).toEqual([]);
  expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'engage-bot', style: 'heading' });
  expect(cardText(card)).toContain('/engage-tip');
});

test.each([['help'], ['/help'], ['engage'], ['/engage'], ['']])('"%s" shows the help card', async (text) => {
  const { replies } = await say(text);
  const card = cardOf(replies[0]!.body);
  expect(cardProblems(card)).toEqual([]);
  expect(card.body[0].text).toBe('engage-bot');
});

test('plain words are a situation to search for; an unknown /command gets a friendly sentence', async () => {
  const free = await say('our contact at the company just left');
  expect(cardProblems(cardOf(free.replies[0]!.body))).toEqual([]);
  const unknown = await say('/frobnicate now');
  expect(unknown.replies[0]!.body.text).toMatch(/I don’t know the command “frobnicate”/);
  expect(unknown.replies[0]!.body.attachments).toBeUndefined();
});

test('an unsure answer and a question the guide does not cover render clean cards without a citation', async () => {
  const unsure = cardOf((await say('tip how do we deal with the company')).replies[0]!.body);
  expect(cardProblems(unsure)).toEqual([]);
  expect(cardText(unsure)).toMatch(/I’m not sure which part of the guide fits/);
  const none = cardOf((await say('tip how do I make a pivot table in excel')).replies[0]!.body);
  expect(cardProblems(none)).toEqual([]);
  expect(cardText(none)).toMatch(/I don’t think the guide covers that/);
  for (const card of [unsure, none]) expect(cardText(card)).not.toMatch(/Source:/);
});

test('"tip list" and "tip" alone (tip of the day) render clean cards', async () => {
  for (const text of ['tip list', 'tip list preparation', 'tip']) {
    const { replies } = await say(text);
    expect(cardProblems(cardOf(replies[0]!.body))).toEqual([]);
  }
});

test('"home" renders the home view as a card', async () => {
  const { replies } = await say('home');
  const card = cardOf(replies[0]!.body);
  expect(cardProblems(card)).toEqual([]);
  expect(cardText(card)).toMatch(/Tip of the day/);
});

test('a body that is not JSON is 400 and never reaches the bot', async () => {
  const res = await fetch(teams.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
  expect(res.status).toBe(400);
  expect(capture.requests).toHaveLength(0);
});

test('people @mentioned in "debrief …" are invited by their Teams user id', async () => {
  const { replies } = await say('debrief Acme consultation with <at>Jo Banda</at>', {
    entities: [{ type: 'mention', text: '<at>Jo Banda</at>', mentioned: { id: '29:jo', name: 'Jo Banda', aadObjectId: 'aad-jo-2222' } }],
  });
  expect(replies).toHaveLength(1);
  const card = cardOf(replies[0]!.body);
  expect(cardProblems(card)).toEqual([]);
  // The form's metadata carries the invitees: the mention became the person's id.
  expect(cardText(card)).toContain('aad-jo-2222');
});

test('"debrief export" shows the CSV as text in a valid card', async () => {
  const actor = { platform: 'teams' as const, tenantId: TENANT, userId: USER };
  const { form } = await teams.bot.bot.handleCommand({ actor, command: 'engage-debrief', text: 'Acme check-in' });
  const ratings = Object.fromEntries(['scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused', 'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained'].map((c) => [c, '4']));
  await teams.bot.bot.handleSubmission({ actor, formId: 'debrief', values: { company: 'Acme', date: '2026-11-24', 'format-confidentiality': 'public', side: 'civil-society', 'satisfaction-process': '4', 'satisfaction-outcome': '3', ...ratings }, metadata: form!.metadata });
  const { replies } = await say('debrief export');
  const card = cardOf(replies[0]!.body);
  expect(cardProblems(card)).toEqual([]);
  expect(cardText(card)).toMatch(/\.csv/);
  expect(cardText(card)).toContain('Acme');
});
