import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, TENANT, USER, type Captured, type CaptureServer, type TeamsHarness } from './teams-harness';

// Buttons and forms: Action.Execute arrives as invoke `adaptiveCard/action` and is answered in the
// HTTP response (the card refreshes in place); Action.Submit arrives as a message with `value`.
// The forms are the real debrief's, scored by the real core.

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

async function tipCard(): Promise<any> {
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, 'tip nda'));
  return capture.requests[before]!.body.attachments[0].content;
}
const buttons = (card: any): any[] => card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);
const execute = (data: unknown, verb = 'x') => teams.post(teamsMessage(capture.url, '', {
  type: 'invoke', name: 'adaptiveCard/action', text: undefined,
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
}));

test('Action.Execute on "another tip" refreshes the card in place (answer in the invoke response)', async () => {
  const card = await tipCard();
  const another = buttons(card).find((b) => b.data.engage.action === 'tip.another');
  const before = capture.requests.length;
  const res = await execute(another.data, another.verb);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  expect(cardProblems(body.value)).toEqual([]);
  expect(JSON.stringify(body.value)).not.toEqual(JSON.stringify(card));
  expect(capture.requests.length).toBe(before);
});

test('Action.Execute "show" opens the other match in place; "helpful" is a notice that keeps the card', async () => {
  const card = await tipCard();
  const show = buttons(card).find((b) => b.data.engage.action === 'tip.show');
  const shown = await (await execute(show.data)).json();
  expect(shown.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(shown.value.body.find((e: any) => e.style === 'heading').text).toBe(show.title);
  const helpful = buttons(card).find((b) => b.data.engage.action === 'tip.feedback' && b.data.engage.value.endsWith('|up'));
  const vote = await (await execute(helpful.data)).json();
  expect(vote).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/glad it helped/) });
});

describe('Share on a tip asked for in a channel, from the 1:1 chat it went to', () => {
  const words = loadTeamsPrompts();
  const PERSONAL = 'a:personal-conv-1';
  const CHANNEL = { id: '19:policy@thread.tacv2', conversationType: 'channel', tenantId: TENANT, isGroup: true };
  const MENTION = { type: 'mention', text: '<at>engage-bot</at>', mentioned: { id: '28:bot-app-id', name: 'engage-bot' } };
  const to = (conversation: string) => (r: Captured) => r.path.startsWith(`/v3/conversations/${encodeURIComponent(conversation)}/`);
  async function sentDuring(act: () => Promise<unknown>): Promise<Captured[]> {
    const before = capture.requests.length;
    await act();
    return capture.requests.slice(before);
  }
  /** "tip nda" asked in the channel: the card reaches the 1:1 chat; its Share button. */
  async function shareFromChannelTip(from: Record<string, unknown> = {}): Promise<any> {
    const sent = await sentDuring(() => teams.post(teamsMessage(capture.url, '<at>engage-bot</at> tip nda', { conversation: CHANNEL, entities: [MENTION], ...from })));
    const [card] = sent.filter(to(PERSONAL)).map((r) => r.body.attachments[0].content);
    expect(card).toBeDefined();
    return buttons(card).find((b) => b.title === words.shareBack.channelButton);
  }
  /** An Action.Execute from the 1:1 chat (as `from`, when given); the invoke's answer and what reached the Bot Connector. */
  async function pressInPersonalChat(data: unknown, verb: string, extra: Record<string, unknown> = {}) {
    let answer: any;
    const sent = await sentDuring(async () => {
      const res = await teams.post(teamsMessage(capture.url, '', {
        type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...extra,
      }));
      expect(res.status).toBe(200);
      answer = await res.json();
    });
    return { answer, sent };
  }
  const notice = (value: string) => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value });
  const withToken = (share: any, token: string) => ({ engage: { ...share.data.engage, value: token } });

  beforeAll(async () => { await teams.post(teamsMessage(capture.url, 'hello')); });

  test('the card in the 1:1 chat keeps Share, saying where it posts; it carries no conversation id', async () => {
    const share = await shareFromChannelTip();
    expect(share).toMatchObject({ type: 'Action.Execute', style: 'positive', fallback: { type: 'Action.Submit', title: words.shareBack.channelButton } });
    expect(JSON.stringify(share)).not.toContain(CHANNEL.id);
    expect(share.data.engage.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  test('Action.Execute on it posts one card into the channel and answers the invoke with a notice', async () => {
    const share = await shareFromChannelTip();
    const { answer, sent } = await pressInPersonalChat(share.data, share.verb);
    expect(answer).toEqual(notice(words.shareBack.sharedInChannel));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: `/v3/conversations/${encodeURIComponent(CHANNEL.id)}/activities` });
    const posted = sent[0]!.body.attachments[0].content;
    expect(cardProblems(posted)).toEqual([]);
    expect(JSON.stringify(posted)).toContain('heading');
    // What everyone sees offers no second Share.
    expect(buttons(posted).map((b) => b.data.engage.action)).not.toContain('tip.share');
    expect(buttons(posted).map((b) => b.data.engage.action)).not.toContain('teams.share-back');
  });

  test('from an older client (Action.Submit) too: the card goes to the channel, the 1:1 chat gets the sentence', async () => {
    const share = await shareFromChannelTip();
    const sent = await sentDuring(() => teams.post(teamsMessage(capture.url, '', { text: undefined, value: share.fallback.data, replyToId: 'tip-card-1' })));
    expect(sent.filter(to(CHANNEL.id))).toHaveLength(1);
    expect(sent.filter(to(PERSONAL)).map((r) => r.body.text)).toEqual([words.shareBack.sharedInChannel]);
    expect(sent).toHaveLength(2);
  });

  test('a made-up origin, or one kept for someone else (another person, another tenant), posts nothing', async () => {
    const share = await shareFromChannelTip();
    const colleague = { from: { id: '29:user-2', name: 'Jo', aadObjectId: 'aad-user-2' } };
    const otherTenant = { channelData: { tenant: { id: 'tenant-2222' } }, conversation: { id: 'a:personal-conv-9', conversationType: 'personal', tenantId: 'tenant-2222' } };
    const attempts: [unknown, Record<string, unknown>][] = [
      [withToken(share, 'A'.repeat(22)), {}],
      [withToken(share, `${CHANNEL.id}`), {}],
      [withToken(share, ''), {}],
      [share.data, colleague],
      [share.data, otherTenant],
      [share.data, { ...otherTenant, from: { id: '29:user-1', name: 'Amina', aadObjectId: USER } }],
    ];
    for (const [data, extra] of attempts) {
      const { answer, sent } = await pressInPersonalChat(data, share.verb, extra);
      expect(answer).toEqual(notice(words.shareBack.gone));
      expect(sent).toEqual([]);
    }
    // The real one still works for the person it was made for.
    expect((await pressInPersonalChat(share.data, share.verb)).answer).toEqual(notice(words.shareBack.sharedInChannel));
  });

  test('the channel out of reach: a short sentence; the bot removed from it: the origin is gone', async () => {
    const share = await shareFromChannelTip();
    capture.failWith(500);
    const failed = await pressInPersonalChat(share.data, share.verb);
    expect(failed.answer).toEqual(notice(words.shareBack.unreachable));
    expect(failed.sent.filter(to(PERSONAL))).toEqual([]);

    const removal = await teams.post(teamsMessage(capture.url, '', { type: 'conversationUpdate', text: undefined, conversation: CHANNEL, membersRemoved: [{ id: '28:bot-app-id' }] }));
    expect(removal.status).toBe(200);
    const gone = await pressInPersonalChat(share.data, share.verb);
    expect(gone).toEqual({ answer: notice(words.shareBack.gone), sent: [] });
    // Added back, the channel is the bot's again: the card shares once more.
    await teams.post(teamsMessage(capture.url, '<at>engage-bot</at> help', { conversation: CHANNEL, entities: [MENTION] }));
    expect((await pressInPersonalChat(share.data, share.verb)).answer).toEqual(notice(words.shareBack.sharedInChannel));
  });

  test('asked in the 1:1 chat itself, a tip has no Share: nobody else would see it', async () => {
    const card = await tipCard();
    expect(buttons(card).map((b) => b.data.engage.action)).not.toContain('tip.share');
    expect(buttons(card).map((b) => b.data.engage.action)).not.toContain('teams.share-back');
  });
});

test('Action.Submit (older clients): the same data as a message value reaches the same handler', async () => {
  const card = await tipCard();
  const show = buttons(card).find((b) => b.data.engage.action === 'tip.show');
  const before = capture.requests.length;
  const res = await teams.post(teamsMessage(capture.url, '', { text: undefined, value: show.fallback.data, replyToId: 'card-msg-1' }));
  expect(res.status).toBe(200);
  const sent = capture.requests.slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.method).toBe('POST');
  expect(cardProblems(sent[0]!.body.attachments[0].content)).toEqual([]);
});

test('tampered or unknown button data is ignored with a notice, never an error', async () => {
  for (const data of [{ engage: { kind: 'action', action: 'tip.show', value: 'no-such-item' } }, { engage: { kind: 'nope' } }, 'garbage', null, { engage: { kind: 'action', action: 'x'.repeat(500), value: '' } }]) {
    const res = await execute(data);
    expect(res.status).toBe(200);
    expect((await res.json()).type).toBe('application/vnd.microsoft.activity.message');
  }
});

const CHARACTERISTICS = ['scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused', 'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained'];

async function debriefCard(): Promise<any> {
  const before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, 'debrief Acme check-in'));
  return capture.requests[before]!.body.attachments[0].content;
}
const inputsOf = (card: any): any[] => card.body.filter((e: any) => e.type.startsWith('Input.'));

/** What a person filling in every required input sends back: the submit button's data plus the inputs. */
function filledIn(card: any, overrides: Record<string, string> = {}): Record<string, unknown> {
  const values: Record<string, string> = {};
  for (const input of inputsOf(card)) {
    if (CHARACTERISTICS.includes(input.id)) values[input.id] = '4';
    else if (input.type === 'Input.ChoiceSet' && input.isRequired) values[input.id] = input.choices[0].value;
    else if (input.value !== undefined) values[input.id] = input.value;
  }
  return { ...card.actions[0].data, ...values, ...overrides };
}

test('"debrief Acme" opens the real debrief as a card form with validated inputs', async () => {
  const card = await debriefCard();
  expect(cardProblems(card)).toEqual([]);
  const inputs = inputsOf(card);
  const byId = new Map(inputs.map((i: any) => [i.id, i]));
  expect(byId.get('company')).toMatchObject({ type: 'Input.Text', isRequired: true, value: 'Acme' });
  expect(byId.get('date')).toMatchObject({ type: 'Input.Date', isRequired: true });
  for (const id of CHARACTERISTICS) {
    expect(byId.get(id)).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, isMultiSelect: false });
    expect(byId.get(id).choices.map((c: any) => c.value)).toEqual(['1', '2', '3', '4', '5', 'na']);
  }
  expect(byId.get('notes')).toMatchObject({ type: 'Input.Text', isRequired: false, isMultiline: true });
  expect(byId.get('company').errorMessage).toBe('Please fill in “Company”.');
  expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'form.debrief', associatedInputs: 'auto', fallback: { type: 'Action.Submit' } });
});

test('a debrief submitted with Action.Execute: missing answers come back in place with the answers kept; a complete one is scored', async () => {
  const card = await debriefCard();
  const verb = card.actions[0].verb;
  const partial = filledIn(card, { 'scope-goals': '' });
  const errors = await (await execute(partial, verb)).json();
  expect(errors.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(errors.value)).toEqual([]);
  expect(errors.value.body.find((e: any) => e.color === 'Attention')).toBeDefined();
  expect(errors.value.body.find((e: any) => e.id === 'company').value).toBe('Acme');
  expect(errors.value.body.find((e: any) => e.id === 'respectful').value).toBe('4');

  const scored = await (await execute(filledIn(card), verb)).json();
  expect(scored.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(scored.value)).toEqual([]);
  expect(JSON.stringify(scored.value)).toContain('75/100');
  // It was stored: the person's history shows it.
  const history = await teams.bot.bot.handleCommand({ actor: { platform: 'teams', tenantId: 'tenant-1111', userId: 'aad-user-1' }, command: 'engage-debrief', text: 'history Acme' });
  expect(JSON.stringify(history.blocks)).toMatch(/\b75\b/);
});

test('a debrief sent with Action.Submit: errors update the card message, a complete one replaces it with the score', async () => {
  const card = await debriefCard();
  expect(card.actions[0].fallback.data).toEqual(card.actions[0].data);
  let before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, '', { text: undefined, replyToId: 'form-msg-1', value: filledIn(card, { side: '' }) }));
  const update = capture.requests.slice(before);
  expect(update).toHaveLength(1);
  expect(update[0]).toMatchObject({ method: 'PUT', path: expect.stringContaining('/activities/form-msg-1') });
  expect(cardProblems(update[0]!.body.attachments[0].content)).toEqual([]);

  before = capture.requests.length;
  await teams.post(teamsMessage(capture.url, '', { text: undefined, replyToId: 'form-msg-1', value: filledIn(card) }));
  const replaced = capture.requests.slice(before);
  expect(replaced).toHaveLength(1);
  expect(replaced[0]).toMatchObject({ method: 'PUT', path: expect.stringContaining('/activities/form-msg-1') });
  expect(JSON.stringify(replaced[0]!.body)).toContain('75/100');
});
