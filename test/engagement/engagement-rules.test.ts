import { makeTestBot } from '../helpers/make-test-bot';
import { buttonsOf, textOf } from '../helpers/debrief-fixtures';
import { actorIn, debriefAnswers, deliverDue, driveBot, movableClock, prepAnswers } from '../helpers/engagement-journey';
import type { Actor } from '../../src/base/incoming';

// The rules behind the journey: who sees what once a debrief changes a meeting's confidentiality,
// how a second person's answers and a closed commitment keep asks, commitments and reminders in
// step, how company names and dates are read, and what forgetting someone leaves.

const amina = actorIn('slack', 'T0001', 'U0001');
const jo = actorIn('slack', 'T0001', 'U0002');
const outsider = actorIn('slack', 'T0001', 'U0003');

describe('engagement rules', () => {
  const time = movableClock('2026-11-25T09:00:00Z');
  let t: ReturnType<typeof makeTestBot>;
  beforeEach(() => { time.set('2026-11-25T09:00:00Z'); t = makeTestBot({ clock: time.clock }); });
  afterEach(() => t.close());

  const { command, submit, press, replyOf, forget } = driveBot(() => t.bot);

  /** Prepared with Jo, no time; the debrief started from the brief. Returns Amina's debrief form and the ask field ids. */
  async function preparedDebrief(extra: Record<string, string | string[]> = {}) {
    const opened = await command(amina, 'engage-prep', 'Acme audit consultation with @jo', [{ userId: 'U0002', display: '@jo' }]);
    const brief = replyOf(await submit(amina, opened.form, prepAnswers(extra)));
    const start = buttonsOf(brief).find((b) => b.action === 'engagement.debrief')!;
    const form = (await press(amina, start.action, start.value))!.form!;
    const [audit, takedowns] = form.fields.filter((f) => /^ask-[a-z0-9]+$/.test(f.id)).map((f) => f.id);
    return { start, form, audit: audit!, takedowns: takedowns! };
  }
  const answerAs = async (actor: Actor, debrief: { start: { action: string; value: string } }, asks: Record<string, string>, extra: Record<string, string> = {}) => {
    const form = (await press(actor, debrief.start.action, debrief.start.value))!.form!;
    return replyOf(await submit(actor, form, { ...debriefAnswers(asks), ...extra }));
  };
  const commitments = async () => (await t.bot.parts.engagements.all(amina))[0]!.commitments;

  test('a debrief answer marking the meeting Chatham House makes it, and what came of it, the participants’ only', async () => {
    const d = await preparedDebrief();
    expect(textOf(await command(outsider, 'engage-company', 'Acme'))).toContain('publish the audit');
    await answerAs(amina, d, { [d.audit]: 'committed' }, { 'format-confidentiality': 'chatham-house', 'commitment-new-1': 'share the draft policy' });
    expect((await command(outsider, 'engage-company', 'Acme')).text).toMatch(/^This workspace has no record of Acme yet/);
    expect(textOf(await t.bot.home(outsider))).not.toContain('share the draft policy');
    expect(textOf(await command(jo, 'engage-company', 'Acme'))).toContain('share the draft policy');
    // Nobody can make it public again.
    await answerAs(jo, d, {}, { 'format-confidentiality': 'public' });
    expect((await command(outsider, 'engage-company', 'Acme')).text).toMatch(/^This workspace has no record of Acme yet/);
  });

  test('a second person answering after the date is not stopped by the date field they did not touch, and keeps the commitment’s date', async () => {
    const d = await preparedDebrief({ 'ask-1-by': '2026-12-01' });
    await answerAs(amina, d, { [d.audit]: 'committed', [`${d.audit}-by`]: '2026-12-01' });
    time.set('2026-12-05T09:00:00Z');
    const form = (await press(jo, d.start.action, d.start.value))!.form!;
    expect(form.fields.find((f) => f.id === `${d.audit}-by`)!.initial).toBe('2026-12-01');
    const values = { ...debriefAnswers({ [d.audit]: 'committed', [`${d.audit}-by`]: '2026-12-01' }) };
    expect(await submit(jo, form, values)).toHaveProperty('reply');
    expect((await commitments()).map((c) => c.due)).toEqual(['2026-12-01']);
  });

  test('an ask said to be declined after being recorded as committed loses the commitment, and its follow-up says nothing', async () => {
    const d = await preparedDebrief();
    await answerAs(amina, d, { [d.audit]: 'committed', [`${d.audit}-by`]: '2027-01-31' });
    expect(await commitments()).toHaveLength(1);
    await answerAs(jo, d, { [d.audit]: 'declined' });
    expect(await commitments()).toEqual([]);
    expect(textOf(await command(amina, 'engage-company', 'Acme'))).toContain('“publish the audit” · Declined');
    time.set('2027-01-31T07:00:00Z');
    const due = deliverDue(t.bot, time.clock);
    await due.sweep();
    expect(due.sent.filter((s) => s.reply.text.includes('publish the audit'))).toEqual([]);
  });

  test('a new date moves everyone’s follow-up; closing the commitment stops everyone’s', async () => {
    const d = await preparedDebrief();
    await answerAs(amina, d, { [d.audit]: 'committed', [`${d.audit}-by`]: '2027-01-31' });
    await answerAs(jo, d, { [d.audit]: 'committed', [`${d.audit}-by`]: '2027-02-28' });
    const waiting = async (actor: Actor) => (await t.bot.parts.reminders.listActive(actor)).filter((r) => r.kind === 'commitment').map((r) => r.dueAt);
    expect(await waiting(amina)).toEqual(['2027-02-28T06:00:00.000Z']);
    expect(await waiting(jo)).toEqual(['2027-02-28T06:00:00.000Z']);
    const log = buttonsOf(await command(amina, 'engage-company', 'Acme')).find((b) => b.action === 'engagement.outcome')!;
    replyOf(await submit(amina, (await press(amina, log.action, log.value))!.form, { delivered: 'yes' }));
    expect(await waiting(amina)).toEqual([]);
    expect(await waiting(jo)).toEqual([]);
  });

  test('answering the debrief again does not record the same new commitment twice', async () => {
    const d = await preparedDebrief();
    await answerAs(amina, d, {}, { 'commitment-new-1': 'share the draft policy' });
    await answerAs(amina, d, {}, { 'commitment-new-1': 'Share the draft policy' });
    expect((await commitments()).map((c) => c.text)).toEqual(['share the draft policy']);
  });

  test('closing a commitment from the record cancels its waiting follow-up; reopening it sets a new one', async () => {
    const d = await preparedDebrief();
    await answerAs(amina, d, { [d.audit]: 'committed', [`${d.audit}-by`]: '2027-01-31' });
    const waiting = async () => (await t.bot.parts.reminders.listActive(amina)).filter((r) => r.kind === 'commitment');
    expect((await waiting()).map((r) => r.dueAt)).toEqual(['2027-01-31T06:00:00.000Z']);
    const record = await command(amina, 'engage-company', 'Acme');
    const log = buttonsOf(record).find((b) => b.action === 'engagement.outcome')!;
    const form = (await press(amina, log.action, log.value))!.form!;
    replyOf(await submit(amina, form, { delivered: 'yes', outcome: '' }));
    expect(await waiting()).toEqual([]);
    const reopen = buttonsOf(await command(amina, 'engage-company', 'Acme')).find((b) => b.action === 'engagement.reopen')!;
    expect(reopen.label).toBe('Reopen: publish the audit');
    const reopened = await press(amina, reopen.action, reopen.value);
    expect(reopened!.text).toContain('Reopened: “publish the audit” is open again.');
    expect((await waiting()).map((r) => r.dueAt)).toEqual(['2027-01-31T06:00:00.000Z']);
  });

  test('two people starting the debrief at once answer the same one', async () => {
    const opened = await command(amina, 'engage-prep', 'Acme audit consultation with @jo', [{ userId: 'U0002', display: '@jo' }]);
    const brief = replyOf(await submit(amina, opened.form, prepAnswers()));
    const start = buttonsOf(brief).find((b) => b.action === 'engagement.debrief')!;
    const [a, b] = await Promise.all([press(amina, start.action, start.value), press(jo, start.action, start.value)]);
    expect(a!.form!.metadata).toBe(b!.form!.metadata);
    expect(await t.bot.parts.debriefs.forCompany(amina, 'Acme')).toHaveLength(1);
  });

  test('the meeting-end offer does not list the companies this workspace has met', async () => {
    await preparedDebrief();
    const offer = (await t.bot.handleEvent({ actor: amina, event: 'meeting-ended', title: 'Weekly sync' }))!;
    const begin = buttonsOf(offer)[0]!;
    const form = (await press(outsider, begin.action, begin.value))!.form!;
    expect(form.fields[0]).toMatchObject({ id: 'company', kind: 'text' });
    expect(form.fields.map((f) => f.id)).not.toContain('company-new');
    expect(JSON.stringify(form).replace('e.g. Acme', '')).not.toContain('Acme');
  });

  test('a message kept in a record is the keeper’s only unless they choose the workspace', async () => {
    const form = (await t.bot.handleShortcut({ actor: amina, shortcut: 'record-message', message: { text: 'our strategy for Acme' } }))!.form!;
    expect(form.fields.find((f) => f.id === 'visibility')!.initial).toBe('me');
    replyOf(await submit(amina, form, { 'company-new': 'Acme', kind: 'note', text: 'our strategy for Acme', visibility: 'me' }));
    expect(textOf(await command(amina, 'engage-company', 'Acme'))).toContain('our strategy for Acme');
    expect((await command(jo, 'engage-company', 'Acme')).text).toMatch(/^This workspace has no record of Acme yet/);
    const joForm = (await t.bot.handleShortcut({ actor: jo, shortcut: 'record-message', message: { text: 'x' } }))!.form!;
    expect(joForm.fields.map((f) => f.id)).not.toContain('company');
    expect(JSON.stringify(joForm.fields).replace('e.g. Acme', '')).not.toContain('Acme');
  });

  test('company names: the longest known name, never just the first word; "Export Ltd" is a company', async () => {
    for (const company of ['Open', 'Export Ltd', 'Société Générale']) {
      const form = (await t.bot.handleShortcut({ actor: amina, shortcut: 'record-message', message: { text: `about ${company}` } }))!.form!;
      const known = form.fields.some((f) => f.id === 'company');
      replyOf(await submit(amina, form, { 'company-new': company, ...(known ? { company: '' } : {}), kind: 'note', text: `about ${company}`, visibility: 'workspace' }));
    }
    expect((await command(amina, 'engage-company', 'Open Society Foundations')).text).toMatch(/^This workspace has no record of Open Society Foundations yet/);
    expect((await command(amina, 'engage-company', 'open')).text).toBe('Open: the engagement record');
    expect((await command(amina, 'engage-company', 'Export Ltd')).text).toBe('Export Ltd: the engagement record');
    expect((await command(amina, 'engage-company', 'export Export Ltd')).file!.name).toBe('export-ltd-engagement.csv');
    expect((await command(amina, 'engage-company', 'export Société Générale')).file!.name).toBe('societe-generale-engagement.csv');
  });

  test('a day typed on that very day is today, not next year; a time already gone is refused', async () => {
    time.set('2026-12-12T12:00:00Z'); // 15:00 in Nairobi
    const day = await command(amina, 'engage-prep', 'Acme audit consultation 12 December');
    expect(JSON.parse(day.form!.metadata)).toMatchObject({ date: '2026-12-12' });
    expect((await command(amina, 'engage-prep', 'Acme audit consultation 12 December 10:00-11:00')).text).toMatch(/^That time has already passed/);
    expect(JSON.parse((await command(amina, 'engage-prep', 'Acme audit consultation 12 December 2027')).form!.metadata)).toMatchObject({ date: '2027-12-12' });
  });

  test('forget me: a confidential meeting nobody who took part is left to see goes; a meeting others recorded on stays', async () => {
    // Prepared by Amina alone, but Jo recorded what the company said: it is Jo's record too.
    const opened = await command(amina, 'engage-prep', 'Acme check-in');
    const brief = replyOf(await submit(amina, opened.form, prepAnswers()));
    const start = buttonsOf(brief).find((b) => b.action === 'engagement.debrief')!;
    await press(amina, start.action, start.value);
    const [record] = await t.bot.parts.engagements.all(amina);
    await t.bot.parts.engagements.edit(amina, record!.id, (r) => ({ ...r, asks: r.asks.map((a) => ({ ...a, status: 'declined' as const, statusBy: 'U0002' })) }));
    // Chatham House with Jo.
    const secret = await command(amina, 'engage-prep', 'Acme dialogue with @jo', [{ userId: 'U0002', display: '@jo' }]);
    replyOf(await submit(amina, secret.form, prepAnswers({ 'format-confidentiality': 'chatham-house', goal: 'the secret goal' })));
    await forget(amina);
    let [left] = await t.bot.parts.engagements.all(jo);
    expect(left!.meetings.map((m) => m.title)).toEqual(['check-in', 'dialogue']);
    await forget(jo);
    [left] = await t.bot.parts.engagements.all(jo);
    expect(JSON.stringify(left)).not.toContain('the secret goal');
    expect(left!.meetings.map((m) => m.title)).toEqual(['check-in']);
  });
});
