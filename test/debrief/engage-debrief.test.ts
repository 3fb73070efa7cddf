import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { answers, buttonsOf, fieldsOf, recordingReminders, textOf } from '../helpers/debrief-fixtures';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import { CHARACTERISTIC_IDS } from '../../src/debrief/score-debrief';

const otherWorkspace: Actor = { platform: 'slack', tenantId: 'T0002', userId: 'U0001', timeZone: 'Africa/Nairobi' };

describe('/engage-debrief: one person', () => {
  let t: ReturnType<typeof makeTestBot>;
  let reminders: ReturnType<typeof recordingReminders>;
  beforeEach(() => { reminders = recordingReminders(); t = makeTestBot({ reminders: reminders.port }); });
  afterEach(() => t.close());

  const open = (text: string, actor: Actor = slackActor) => t.bot.handleCommand({ actor, command: 'engage-debrief', text });
  const submit = async (form: Reply['form'], values: Record<string, string>, actor: Actor = slackActor) =>
    t.bot.handleSubmission({ actor, formId: form!.id, values, metadata: form!.metadata });
  const stored = async (actor: Actor = slackActor) => ({
    companies: await t.bot.parts.debriefs.companies(actor),
    mine: await t.bot.parts.debriefs.forUser(actor),
  });

  test('opens a form with the stable ids, the guide’s formats and a 1-5 + n/a scale', async () => {
    const reply = await open('Acme quarterly check-in');
    const form = reply.form!;
    expect(form.id).toBe('debrief');
    expect(form.fields.map((f) => f.id)).toEqual([
      'company', 'date', 'format-size', 'format-formality', 'format-structure', 'format-frequency', 'format-confidentiality',
      'side', ...CHARACTERISTIC_IDS, 'satisfaction-process', 'satisfaction-outcome', 'asks', 'success-measure', 'notes',
    ]);
    const byId = Object.fromEntries(form.fields.map((f) => [f.id, f]));
    expect(byId.company).toMatchObject({ kind: 'text', initial: 'Acme' });
    expect(byId.date).toMatchObject({ kind: 'date', initial: '2026-11-25' });
    expect(byId['format-confidentiality']!.options!.map((o) => o.value)).toEqual(['public', 'chatham-house', 'confidential-informal', 'under-nda']);
    expect(byId['format-size']!.optional).toBe(true);
    expect(byId.side!.options!.map((o) => o.value)).toEqual(['civil-society', 'company']);
    for (const id of CHARACTERISTIC_IDS) {
      expect(byId[id]!.kind).toBe('choice');
      expect(byId[id]!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', 'na']);
    }
    expect(byId['satisfaction-outcome']!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', 'unknown']);
    expect(byId['success-measure']!.placeholder).toMatch(/^We will consider this done when/);
    expect(byId.scope_goals).toBeUndefined();
    expect(JSON.parse(form.metadata)).toEqual({ kind: 'new', meeting: 'quarterly check-in', invitees: [] });
  });

  test('a submission is scored: bars, band, the weakest with their guide tips, no follow-up when loops are fine', async () => {
    const { form } = await open('Acme');
    //                                   scope people resp learn focus format incl timely loops sustained
    const result = await submit(form, answers(['5', '2', '4', '3', '5', 'na', '1', '4', '4', '5'], { 'satisfaction-outcome': '4' }));
    expect('reply' in result).toBe(true);
    const reply = (result as { reply: Reply }).reply;
    // 100,25,75,50,100,0,75,75,100 -> 600/9 = 66.7
    expect(reply.text).toBe('Score 67/100 · Mixed');
    const bars = fieldsOf(reply);
    expect(bars).toHaveLength(10);
    expect(bars[0]).toEqual({ label: 'The scope and goals are clear', value: '██████████ 100' });
    expect(bars[5]!.value).toBe('n/a');
    const weakLines = reply.blocks.filter((b) => b.type === 'text').map((b) => (b as { text: string }).text);
    expect(weakLines).toEqual(expect.arrayContaining([
      'It is appropriately inclusive scored 0.', 'There is a mutual understanding of the people and the process scored 25.', 'Both sides learn from each other scored 50.',
    ]));
    const ctx = t.bot.parts;
    const tipButtons = buttonsOf(reply).filter((b) => b.action === 'tip.show');
    const expected = ['inclusive', 'people-process', 'mutual-learning'].flatMap((id) => ctx.guide.tipsFor(id).slice(0, 2).map((tip) => tip.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(tipButtons.map((b) => b.value)).toEqual(expected);
    // A tip button opens the tip.
    const opened = await t.bot.handleAction({ actor: slackActor, action: 'tip.show', value: tipButtons[0]!.value });
    expect(opened!.blocks[0]).toEqual({ type: 'heading', text: ctx.guide.get(tipButtons[0]!.value)!.title });
    expect(buttonsOf(reply).some((b) => b.action === 'debrief.followup')).toBe(false);
    expect(reminders.calls).toHaveLength(0);
  });

  test('all n/a is stored with a clear “no score” line', async () => {
    const { form } = await open('Acme');
    const result = await submit(form, answers([], { 'satisfaction-outcome': '4' })) as { reply: Reply };
    expect(result.reply.text).toMatch(/no score this time/);
    expect((await stored()).mine).toHaveLength(1);
  });

  test('weak feedback loops offer a one-click follow-up that creates a reminder in the person’s DMs', async () => {
    const { form } = await open('Acme');
    const { reply } = await submit(form, answers(['4', '4', '4', '4', '4', '4', '4', '4', '3', '4'], { 'satisfaction-outcome': '4' })) as { reply: Reply };
    // The person said how happy they are with the outcome: the offer does not claim they don't know.
    expect(textOf(reply)).not.toMatch(/You don't know yet/);
    expect(textOf(reply)).toContain('Shall I remind you in 14 days to ask Acme what came of this meeting?');
    const button = buttonsOf(reply).find((b) => b.action === 'debrief.followup')!;
    expect(button.label).toBe('Ask Acme what came of this');
    const done = await t.bot.handleAction({ actor: slackActor, action: button.action, value: button.value });
    expect(done!.text).toBe('Done. On Wednesday 9 December at 12:00 Africa/Nairobi I\'ll remind you to ask Acme what came of the meeting on Tuesday 24 November.');
    expect(reminders.calls).toEqual([{
      owner: slackActor,
      target: { platform: 'slack', tenantId: 'T0001', userId: 'U0001' },
      text: 'Ask Acme what came of the meeting on Tuesday 24 November',
      dueAt: new Date('2026-12-09T09:00:00Z'),
      timeZone: 'Africa/Nairobi',
      kind: 'reminder',
      ref: button.value,
      onceKey: `debrief-follow-up:${button.value}`,
    }]);
    const history = await open('history Acme');
    expect(textOf(history)).toContain('Check back on Wednesday 9 December at 12:00 Africa/Nairobi about the meeting on Tuesday 24 November');
  });

  test('an unknown outcome also offers the follow-up; a failing reminder service gets a friendly sentence', async () => {
    const { form } = await open('Acme');
    const { reply } = await submit(form, answers(['5', '5', '5', '5', '5', '5', '5', '5', '5', '5'], { 'satisfaction-outcome': 'unknown' })) as { reply: Reply };
    expect(textOf(reply)).toContain("You don't know yet what came of this. Shall I remind you to check back in 14 days?");
    const button = buttonsOf(reply).find((b) => b.action === 'debrief.followup')!;
    expect(button).toBeDefined();
    reminders.fail();
    const answer = await t.bot.handleAction({ actor: slackActor, action: button.action, value: button.value });
    expect(answer!.text).toMatch(/couldn't set that follow-up/);
    expect((await t.bot.parts.debriefs.get(slackActor, button.value))!.followUps).toEqual([]);
  });

  test('bad input: an error beside each field, and nothing stored', async () => {
    const { form } = await open('');
    const result = await submit(form, {
      ...answers(['7', '', 'na', 'x']),
      company: '',
      date: '2026-12-01',
      'format-size': 'gigantic',
      side: 'both',
      notes: 'a'.repeat(3001),
      'satisfaction-process': '0',
    });
    expect('errors' in result).toBe(true);
    const errors = (result as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['company', 'date', 'format-size', 'mutual-learning', 'notes', 'people-process', 'satisfaction-process', 'scope-goals', 'side'].sort());
    expect(errors['scope-goals']).toMatch(/isn't one of the choices/);
    expect(errors['people-process']).toMatch(/pick an answer/);
    expect(errors.date).toMatch(/still to come/);
    expect(errors.notes).toMatch(/under 3000 characters \(it has 3001\)/);
    expect(await stored()).toEqual({ companies: [], mine: [] });

    const badDate = await submit(form, answers(['5'], { company: 'Acme', date: '2026-02-30' }));
    expect((badDate as { errors: Record<string, string> }).errors).toEqual({ date: expect.stringMatching(/YYYY-MM-DD/) });
    const tampered = await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['5'], { company: 'Acme' }), metadata: '{"kind":"answer","debriefId":"../../etc"}' });
    expect((tampered as { reply: Reply }).reply.text).toMatch(/can't find that debrief/);
    expect(await stored()).toEqual({ companies: [], mine: [] });
  });

  test('the company is remembered per workspace and offered as a choice next time', async () => {
    const first = await open('Acme');
    await submit(first.form, answers(['4'], { company: 'Acme' }));
    const again = await open('');
    const company = again.form!.fields.find((f) => f.id === 'company')!;
    expect(company.kind).toBe('choice');
    expect(company.options).toEqual([{ value: 'Acme', label: 'Acme' }]);
    expect(again.form!.fields.map((f) => f.id).slice(0, 2)).toEqual(['company', 'company-new']);
    // "acme" typed as new joins the same history, in the first spelling.
    expect(await submit(again.form, answers(['3'], { company: '', 'company-new': 'acme' }))).toHaveProperty('reply');
    expect(await t.bot.parts.debriefs.companies(slackActor)).toEqual(['Acme']);
    expect(await t.bot.parts.debriefs.forCompany(slackActor, 'ACME')).toHaveLength(2);
    const both = await submit(again.form, answers(['3'], { company: 'Acme', 'company-new': 'Globex' }));
    expect((both as { errors: Record<string, string> }).errors).toEqual({ 'company-new': expect.stringMatching(/not both/) });
    // Another workspace sees none of it.
    const elsewhere = await open('', otherWorkspace);
    expect(elsewhere.form!.fields.find((f) => f.id === 'company')!.kind).toBe('text');
    expect(await t.bot.parts.debriefs.companies(otherWorkspace)).toEqual([]);
  });

  test('tenant isolation: another workspace cannot answer, follow up or read a debrief by its id', async () => {
    const { form } = await open('Acme');
    const { reply } = await submit(form, answers(['2', '2', '2', '2', '2', '2', '2', '2', '2', '2'])) as { reply: Reply };
    const id = buttonsOf(reply).find((b) => b.action === 'debrief.followup')!.value;
    const foreign = await t.bot.handleSubmission({ actor: otherWorkspace, formId: 'debrief', values: answers(['5']), metadata: JSON.stringify({ kind: 'answer', debriefId: id }) });
    expect((foreign as { reply: Reply }).reply.text).toMatch(/can't find that debrief/);
    for (const action of ['debrief.followup', 'debrief.open', 'debrief.combined']) {
      const answer = await t.bot.handleAction({ actor: otherWorkspace, action, value: id });
      expect(answer!.text).toMatch(/can't find that debrief/);
    }
    expect(reminders.calls).toHaveLength(0);
    expect((await t.bot.parts.debriefs.get(slackActor, id))!.respondents).toEqual(['U0001']);
    expect(textOf(await open('history Acme', otherWorkspace))).toMatch(/no debriefs yet/);
  });
});

describe('/engage-debrief: the follow-up button', () => {
  test('pressed twice at once and again later, it sets one reminder naming the meeting, and history lists it once', async () => {
    const t = makeTestBot(); // the real reminder service
    try {
      const { form } = await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: 'Acme quarterly check-in' });
      const { reply } = await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '2', '4']), metadata: form!.metadata }) as { reply: Reply };
      const button = buttonsOf(reply).find((b) => b.action === 'debrief.followup')!;
      const press = async () => (await t.bot.handleAction({ actor: slackActor, action: button.action, value: button.value }))!.text;
      const atOnce = await Promise.all([press(), press()]);
      const later = await press();

      const about = 'ask Acme what came of “quarterly check-in” on Tuesday 24 November';
      expect(atOnce.sort()).toEqual([
        `Done. On Wednesday 9 December at 12:00 Africa/Nairobi I'll remind you to ${about}.`,
        `That follow-up is already set: on Wednesday 9 December at 12:00 Africa/Nairobi I'll remind you to ${about}.`,
      ]);
      expect(later).toBe(atOnce[1]);
      const waiting = await t.bot.parts.reminders.listActive(slackActor);
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({ text: 'Ask Acme what came of “quarterly check-in” on Tuesday 24 November', ref: button.value, dueAt: '2026-12-09T09:00:00.000Z' });
      expect((await t.bot.parts.debriefs.get(slackActor, button.value))!.followUps).toHaveLength(1);
      const history = textOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: 'history Acme' }));
      expect(history.match(/Check back on/g)).toHaveLength(1);
      expect(history).toContain('Check back on Wednesday 9 December at 12:00 Africa/Nairobi about “quarterly check-in” on Tuesday 24 November');
    } finally {
      await t.close();
    }
  });
});
