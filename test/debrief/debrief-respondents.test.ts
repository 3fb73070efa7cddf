import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { readSlackLinks } from '../../adapters/slack/read-slack-links';
import { answers, buttonsOf, recordingReminders, textOf } from '../helpers/debrief-fixtures';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import { renderDebriefInvite } from '../../src/debrief/send-invitations';

const person = (userId: string): Actor => ({ ...slackActor, userId });
const [amina, jo, sam, outsider] = [person('U0002'), person('U0003'), person('U0004'), person('U0009')];
const replyOf = (r: unknown) => (r as { reply: Reply }).reply;

describe('/engage-debrief with several respondents', () => {
  let t: ReturnType<typeof makeTestBot>;
  let reminders: ReturnType<typeof recordingReminders>;
  beforeEach(() => { reminders = recordingReminders(); t = makeTestBot({ reminders: reminders.port }); });
  afterEach(() => t.close());

  const command = (text: string, actor: Actor = slackActor) => t.bot.handleCommand({ actor, command: 'engage-debrief', ...readSlackLinks(text) });
  const answerAs = async (actor: Actor, id: string, values: Record<string, string>) => {
    const opened = await t.bot.handleAction({ actor, action: 'debrief.open', value: id });
    expect(opened!.form).toBeDefined();
    expect(opened!.form!.fields.some((f) => f.id === 'company')).toBe(false);
    return t.bot.handleSubmission({ actor, formId: 'debrief', values, metadata: opened!.form!.metadata });
  };

  /** The starter answers and invites two people; returns the debrief id. */
  async function start(extra: Record<string, string> = {}) {
    const { form } = await command('Acme consultation with <@U0002|amina> <@U0003>');
    expect(JSON.parse(form!.metadata)).toEqual({ kind: 'new', meeting: 'consultation', invitees: ['U0002', 'U0003'] });
    const reply = replyOf(await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4'], { notes: 'starter note', ...extra }), metadata: form!.metadata }));
    expect(textOf(reply)).toContain('I\'ve sent a private debrief to 2 people');
    return reminders.calls[0]!.ref!;
  }

  test('invitations go to each participant privately through the reminder scheduler', async () => {
    const id = await start();
    expect(reminders.calls.map((c) => [c.kind, c.target, c.ref, c.dueAt.toISOString()])).toEqual([
      ['debrief-invite', { platform: 'slack', tenantId: 'T0001', userId: 'U0002' }, id, '2026-11-25T09:00:01.000Z'],
      ['debrief-invite', { platform: 'slack', tenantId: 'T0001', userId: 'U0003' }, id, '2026-11-25T09:00:01.000Z'],
    ]);
    const invite = await renderDebriefInvite(t.bot.parts, amina, id);
    expect(buttonsOf(invite!)).toEqual([{ action: 'debrief.open', label: 'Start the debrief', value: id, style: 'primary' }]);
  });

  test('no combined result below three answers; nobody sees anyone else’s answers; combined at three', async () => {
    const id = await start();
    const second = replyOf(await answerAs(amina, id, answers(['2', '2', '2', '2', '2', '2', '2', '2', '2', '2'], { notes: 'amina private note' })));
    expect(second.text).toBe('Score 25/100 · Weak'); // her own answers only
    expect(textOf(second)).toContain('(2 of at least 3)');
    expect(textOf(second)).not.toContain('starter note');
    const early = await t.bot.handleAction({ actor: slackActor, action: 'debrief.combined', value: id });
    expect(early!.text).toMatch(/Only 2 of the 3 answers/);
    // The starter's history shows their own score, never Amina's.
    expect(textOf(await command('history Acme'))).toContain('75 (Strong)');
    expect(textOf(await command('history Acme', amina))).toContain('25 (Weak)');
    expect(textOf(await command('history Acme', amina))).not.toContain('starter note');
    // An outsider cannot open, answer or see it.
    expect((await t.bot.handleAction({ actor: outsider, action: 'debrief.open', value: id }))!.text).toMatch(/only open to the people who were invited/);
    const sneaky = await t.bot.handleSubmission({ actor: outsider, formId: 'debrief', values: answers(['1']), metadata: JSON.stringify({ kind: 'answer', debriefId: id }) });
    expect(replyOf(sneaky).text).toMatch(/only open to the people/);
    expect(textOf(await command('history Acme', outsider))).toMatch(/no debriefs with Acme that you can see/);

    const third = replyOf(await answerAs(jo, id, answers(['3', '3', '3', '3', '3', '3', '3', '3', '3', '3'], { notes: 'jo note' })));
    expect(textOf(third)).toContain('3 people have answered');
    const button = buttonsOf(third).find((b) => b.action === 'debrief.combined')!;
    const combined = await t.bot.handleAction({ actor: amina, action: button.action, value: button.value });
    expect(combined!.blocks[0]).toEqual({ type: 'heading', text: 'Combined debrief: Acme (3 answers)' });
    expect(combined!.text).toBe('Score 50/100 · Mixed'); // (75 + 25 + 50) / 3
    const notes = combined!.blocks.find((b, i, all) => b.type === 'list' && all[i - 1]?.type === 'heading' && (all[i - 1] as { text: string }).text === 'Notes');
    expect(notes).toEqual({ type: 'list', items: ['amina private note', 'jo note', 'starter note'] });
    // Combined feedback loops at 50 (a 3 on average): the follow-up is offered.
    expect(buttonsOf(combined!).some((b) => b.action === 'debrief.followup')).toBe(true);
    // Once combined, the outsider in the same workspace sees the combined score (not confidential).
    expect(textOf(await command('history Acme', outsider))).toContain('50 (Mixed)');
    expect(await renderDebriefInvite(t.bot.parts, jo, id)).toBeUndefined();
  });

  test('answers arriving at the same moment are all counted', async () => {
    const id = await start();
    const [a, b] = await Promise.all([
      t.bot.handleAction({ actor: amina, action: 'debrief.open', value: id }),
      t.bot.handleAction({ actor: jo, action: 'debrief.open', value: id }),
    ]);
    await Promise.all([
      t.bot.handleSubmission({ actor: amina, formId: 'debrief', values: answers(['2']), metadata: a!.form!.metadata }),
      t.bot.handleSubmission({ actor: jo, formId: 'debrief', values: answers(['3']), metadata: b!.form!.metadata }),
    ]);
    expect((await t.bot.parts.debriefs.get(slackActor, id))!.respondents.sort()).toEqual(['U0001', 'U0002', 'U0003']);
    const combined = await t.bot.handleAction({ actor: slackActor, action: 'debrief.combined', value: id });
    expect(combined!.blocks[0]).toEqual({ type: 'heading', text: 'Combined debrief: Acme (3 answers)' });
  });

  test('one invitee marking the meeting confidential makes the debrief confidential', async () => {
    const id = await start();
    await answerAs(amina, id, answers(['2'], { 'format-confidentiality': 'under-nda' }));
    await answerAs(jo, id, answers(['3']));
    expect((await t.bot.parts.debriefs.get(slackActor, id))!.confidential).toBe(true);
    expect(textOf(await command('history Acme', outsider))).toMatch(/no debriefs with Acme that you can see/);
  });

  test('a confidential debrief is never shown to people who were not part of it', async () => {
    const id = await start({ 'format-confidentiality': 'chatham-house' });
    await answerAs(amina, id, answers(['2']));
    await answerAs(jo, id, answers(['3']));
    expect(textOf(await command('history Acme', outsider))).toMatch(/no debriefs with Acme that you can see/);
    expect((await t.bot.handleAction({ actor: outsider, action: 'debrief.combined', value: id }))!.text).toMatch(/only open to the people/);
    const combined = await t.bot.handleAction({ actor: jo, action: 'debrief.combined', value: id });
    expect(textOf(combined!)).toContain('Marked confidential');
    expect(combined!.visibility).toBe('private');
  });

  test('the threshold is configurable but never below three', async () => {
    const low = makeTestBot({ debriefMinRespondents: 1 });
    const high = makeTestBot({ debriefMinRespondents: 4 });
    try {
      expect(low.bot.parts.debriefSettings.minRespondents).toBe(3);
      expect(high.bot.parts.debriefSettings.minRespondents).toBe(4);
    } finally {
      await low.close();
      await high.close();
    }
    const id = await start();
    await answerAs(amina, id, answers(['2']));
    t.bot.parts.debriefSettings.minRespondents = 4;
    const third = replyOf(await answerAs(jo, id, answers(['3'])));
    expect(textOf(third)).toContain('(3 of at least 4)');
  });

  test('schedule in Spanish: "programar … mañana 15:00-16:00 con @amina y @jo", echoed in Spanish', async () => {
    const es = { ...slackActor, locale: 'es-419' };
    const reply = await command('programar Acme consulta mañana 15:00-16:00 con <@U0002> y <@U0003>', es);
    expect(reply.lang).toBe('es');
    expect(reply.text).toMatch(/^Programado\. .*jueves, 26 de noviembre, 16:00 \(Africa\/Nairobi\).*3 personas.*Acme/);
    const invites = reminders.calls.filter((c) => c.kind === 'debrief-invite');
    expect(invites.map((c) => [c.target.userId, c.dueAt.toISOString()])).toEqual([
      ['U0001', '2026-11-26T13:00:00.000Z'], ['U0002', '2026-11-26T13:00:00.000Z'], ['U0003', '2026-11-26T13:00:00.000Z'],
    ]);
  });

  test('schedule: each participant’s debrief arrives when the meeting ends, with one nudge a day later', async () => {
    const reply = await command('schedule Acme consultation tomorrow 15:00-16:00 with <@U0002> <@U0003>');
    expect(reply.text).toBe('Scheduled. On Thursday 26 November at 16:00 Africa/Nairobi, when the meeting ends, 3 people get a private debrief for Acme.');
    const invites = reminders.calls.filter((c) => c.kind === 'debrief-invite');
    const nudges = reminders.calls.filter((c) => c.kind === 'debrief-nudge');
    // 16:00 in Nairobi (UTC+3) is 13:00 UTC.
    expect(invites.map((c) => [c.target.userId, c.dueAt.toISOString(), c.timeZone])).toEqual([
      ['U0001', '2026-11-26T13:00:00.000Z', 'Africa/Nairobi'], ['U0002', '2026-11-26T13:00:00.000Z', 'Africa/Nairobi'], ['U0003', '2026-11-26T13:00:00.000Z', 'Africa/Nairobi'],
    ]);
    expect(nudges.map((c) => c.dueAt.toISOString())).toEqual(Array(3).fill('2026-11-27T13:00:00.000Z'));
    const id = invites[0]!.ref!;
    const record = await t.bot.parts.debriefs.get(slackActor, id);
    expect(record).toMatchObject({ company: 'Acme', meeting: 'consultation', invitees: ['U0002', 'U0003'], respondents: [], date: '2026-11-26' });
    const invite = await renderDebriefInvite(t.bot.parts, amina, id);
    expect(invite!.text).toBe('You\'re asked for a private debrief of consultation with Acme. It takes about two minutes.');
    await answerAs(amina, id, answers(['4']));
    expect(await renderDebriefInvite(t.bot.parts, amina, id)).toBeUndefined(); // the nudge is skipped
    expect(await renderDebriefInvite(t.bot.parts, sam, id)).toBeUndefined(); // not invited: nothing to show him
  });

  test('schedule: unclear or past times get a sentence and store nothing', async () => {
    expect((await command('schedule Acme consultation')).text).toMatch(/Tell me the company, the meeting and when/);
    expect((await command('schedule')).text).toMatch(/Tell me the company/);
    reminders.fail();
    expect((await command('schedule Acme consultation tomorrow 15:00')).text).toMatch(/couldn't schedule/);
    expect(await t.bot.parts.debriefs.companies(slackActor)).toEqual([]);
  });

  test('history shows the trend and which characteristics improve or slip', async () => {
    for (const [date, r] of [['2026-09-01', ['2', '3', '4']], ['2026-10-01', ['3', '3', '4']], ['2026-11-01', ['5', '4', '2']]] as const) {
      const { form } = await command('Acme review');
      await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers([...r], { date }), metadata: form!.metadata });
    }
    const history = await command('history acme');
    const text = textOf(history);
    expect(history.blocks[0]).toEqual({ type: 'heading', text: 'Debriefs with Acme' });
    expect(text).toContain('Tuesday 1 September · review · 50 (Mixed)');
    expect(text).toContain('Scores are going up: 50 → 67.');
    expect(text).toContain('There is a mutual understanding of the people and the process: improving (50 → 75)');
    expect(text).toContain('The scope and goals are clear: improving (50 → 100)');
    expect(text).toContain('Discussion is respectful and in good faith: slipping (75 → 25)');
    // The same ask three times is listed once.
    const asks = history.blocks[history.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Open asks') + 1];
    expect(asks).toEqual({ type: 'list', items: ['publish the appeals data for our region (done when: We will consider this done when the data is online)'] });
    expect((await command('history')).text).toMatch(/Which company/);
    expect((await command('history Globex')).text).toMatch(/no debriefs yet for “Globex”/);
  });

  test('/engage export me includes my debrief answers; forget me erases them and nobody else’s', async () => {
    const id = await start({ notes: 'starter-marker-note' });
    await answerAs(amina, id, answers(['2'], { notes: 'amina-marker-note' }));
    const exported = textOf(await t.bot.handleCommand({ actor: amina, command: 'engage', text: 'export me' }));
    expect(exported).toContain('amina-marker-note');
    expect(exported).not.toContain('starter-marker-note');
    const confirm = await t.bot.handleCommand({ actor: amina, command: 'engage', text: 'forget me' });
    const erase = buttonsOf(confirm)[0]!;
    await t.bot.handleAction({ actor: amina, action: erase.action, value: erase.value });
    expect(await t.bot.parts.debriefs.getResponse(amina, id, 'U0002')).toBeUndefined();
    expect(await t.bot.parts.debriefs.getResponse(slackActor, id, 'U0001')).toMatchObject({ notes: 'starter-marker-note' });
    expect((await t.bot.parts.debriefs.get(slackActor, id))!.respondents).toEqual(['U0001']);
    expect((await command('export', amina)).text).toMatch(/no debriefs to export/);
  });

  test('export gives the person their own answers as CSV; home lists recent debriefs', async () => {
    const empty = await command('export');
    expect(empty.text).toMatch(/no debriefs to export/);
    const id = await start({ notes: '=HYPERLINK("x")', asks: 'say "yes", please' });
    await answerAs(amina, id, answers(['1'], { notes: 'amina only' }));
    const exported = await command('export');
    const csv = exported.file!.content;
    expect(exported.file!.name).toBe('engage-debriefs.csv');
    const [header, row, ...rest] = csv.trim().split('\r\n');
    expect(rest).toEqual([]); // only the starter's own answers
    expect(header!.split(',')).toEqual(expect.arrayContaining(['scope-goals', 'sustained', 'format-confidentiality', 'score']));
    expect(row).toContain(`${id},Acme,consultation,2026-11-24`);
    expect(row).toContain('"\'=HYPERLINK(""x"")"');
    expect(row).toContain('"say ""yes"", please"');
    expect(csv).not.toContain('amina only');

    // Home has several sections (upcoming reminders first); find the debriefs one by its heading.
    const section = (blocks: Reply['blocks']) => {
      const at = blocks.findIndex((b) => b.type === 'heading' && b.text === 'Your recent debriefs');
      expect(at).toBeGreaterThanOrEqual(0);
      return blocks[at + 1];
    };
    expect(section((await t.bot.home(amina)).blocks)).toEqual({ type: 'list', items: ['Tuesday 24 November · Acme · 0 (Weak)'] });
    expect(section((await t.bot.home(outsider)).blocks)).toMatchObject({ type: 'context' });
  });
});
