import { makeTestBot } from '../helpers/make-test-bot';
import { buttonsOf, textOf } from '../helpers/debrief-fixtures';
import { actorIn, debriefAnswers, deliverDue, driveBot, movableClock, prepAnswers } from '../helpers/engagement-journey';
import type { Actor } from '../../src/base/incoming';
import { purgeTenant } from '../../src/privacy/create-workspace-lifecycle';

// The whole engagement through the core: prepare → debrief the asks → follow up a commitment on its
// date → log its outcome → the company's record and its exports. The adapters' own journeys are in
// test/adapters/*/engagement-*.test.ts.

const amina = actorIn('slack', 'T0001', 'U0001');
const jo = actorIn('slack', 'T0001', 'U0002');
const outsider = actorIn('slack', 'T0001', 'U0003');
const otherWorkspace = actorIn('slack', 'T0002', 'U0001');

describe('the whole engagement, in the core', () => {
  const time = movableClock('2026-11-25T09:00:00Z');
  let t: ReturnType<typeof makeTestBot>;
  beforeEach(() => { time.set('2026-11-25T09:00:00Z'); t = makeTestBot({ clock: time.clock }); });
  afterEach(() => t.close());

  const { command, submit, press, replyOf, forget } = driveBot(() => t.bot);


  async function prepare(extra: Record<string, string | string[]> = {}) {
    const opened = await command(amina, 'engage-prep', 'Acme audit consultation tomorrow 15:00-16:00 with @jo', [{ userId: 'U0002', display: '@jo' }]);
    expect(opened.form?.id).toBe('prep');
    return replyOf(await submit(amina, opened.form, prepAnswers(extra)));
  }

  test('prep → debrief (one committed with a date, one declined) → follow-up on the date → outcome closes it → the record shows it all', async () => {
    const brief = await prepare();
    expect(brief.blocks[0]).toEqual({ type: 'heading', text: 'Brief: Acme, audit consultation' });
    const text = textOf(brief);
    expect(text).toContain('publish the audit · done when: the full report is online · by Sunday 31 January 2027');
    // The gaps, each linked to the tip that helps: ask 2 has neither measure nor date; two readiness items are left.
    expect(text).toContain('Ask 2 has no measure of “done” yet.');
    expect(text).toContain('Ask 2 has no date yet.');
    expect(buttonsOf(brief).filter((b) => b.action === 'tip.show').map((b) => b.value)).toEqual(['make-measurable-asks', 'make-measurable-asks', 'understand-legal-constraints', 'understand-business-incentives']);
    expect(text).toContain('The debrief goes to the 2 of you when the meeting ends, Thursday 26 November at 16:00 Africa/Nairobi.');
    expect(buttonsOf(brief).map((b) => b.action)).toEqual(expect.arrayContaining(['engagement.share', 'engagement.record']));

    // The meeting ends: both are invited to the debrief.
    time.set('2026-11-26T13:00:30Z');
    const due = deliverDue(t.bot, time.clock);
    await due.sweep();
    const invite = due.sent.find((s) => s.target.userId === 'U0001')!.reply;
    expect(due.sent.map((s) => s.target.userId).sort()).toEqual(['U0001', 'U0002']);
    const open = buttonsOf(invite).find((b) => b.action === 'debrief.open')!;
    const form = (await press(amina, open.action, open.value))!.form!;
    const askFields = form.fields.filter((f) => /^ask-[a-z0-9]+$/.test(f.id));
    expect(askFields.map((f) => f.label)).toEqual(['What did Acme say to: “publish the audit”?', 'What did Acme say to: “pause the automated takedowns”?']);
    expect(form.fields.find((f) => f.id === `${askFields[0]!.id}-by`)).toMatchObject({ label: 'Ask 1, if committed: by when?', initial: '2027-01-31' });
    // Asked one by one, the asks are not asked again as free text.
    expect(form.fields.map((f) => f.id)).not.toContain('asks');
    const [audit, takedowns] = askFields.map((f) => f.id);

    const result = replyOf(await submit(amina, form, debriefAnswers({ [audit!]: 'committed', [`${audit}-by`]: '2027-01-31', [takedowns!]: 'declined' })));
    expect(textOf(result)).toContain('Recorded for Acme: 2 asks and 1 commitment.');
    expect(textOf(result)).toContain('I’ll ask you about “publish the audit” on Sunday 31 January 2027 at 09:00 Africa/Nairobi.');

    // Nothing falls due before the date; on it, the follow-up asks.
    time.set('2027-01-31T05:59:00Z');
    const early = deliverDue(t.bot, time.clock);
    await early.sweep();
    expect(early.sent.filter((s) => s.reply.text.includes('publish the audit'))).toEqual([]);
    time.set('2027-01-31T06:00:30Z');
    const onTheDay = deliverDue(t.bot, time.clock);
    await onTheDay.sweep();
    const followUp = onTheDay.sent.find((s) => s.target.userId === 'U0001' && s.reply.text.includes('publish the audit'))!.reply;
    expect(followUp.text).toBe('Acme’s commitment, due Sunday 31 January: “publish the audit”. Has it been delivered?');
    expect(buttonsOf(followUp).map((b) => b.label)).toEqual(['Delivered', 'In 1 hour', 'Tomorrow', 'Next week', 'Log outcome']);

    const logButton = buttonsOf(followUp).find((b) => b.action === 'engagement.outcome')!;
    const outcomeForm = (await press(amina, logButton.action, logButton.value))!.form!;
    const closed = replyOf(await submit(amina, outcomeForm, { delivered: 'yes', outcome: 'the report went online on 30 January' }));
    expect(closed.text).toBe('Closed as delivered: Acme’s commitment “publish the audit”.');

    const record = await command(amina, 'engage-company', 'Acme');
    const shown = textOf(record);
    expect(shown).toMatch(/audit consultation · prepared and debriefed · score \d+ \(/);
    expect(shown).toContain('“publish the audit” · Committed · by Sunday 31 January');
    expect(shown).toContain('“pause the automated takedowns” · Declined');
    expect(shown).toContain('Closed commitments');
    expect(shown).toContain('“publish the audit” · the report went online on 30 January');
    expect(shown).not.toContain('Open commitments');
    // The brief again, from the record.
    const again = buttonsOf(record).find((b) => b.action === 'engagement.show')!;
    expect(again.label).toBe('Brief: audit consultation');
    expect((await press(amina, again.action, again.value))!.blocks[0]).toEqual({ type: 'heading', text: 'Brief: Acme, audit consultation' });
    expect((await press(outsider, again.action, again.value))!.blocks[0]).toEqual({ type: 'heading', text: 'Brief: Acme, audit consultation' });

    const csvButton = buttonsOf(record).find((b) => b.action === 'engagement.csv')!;
    const csv = (await press(amina, csvButton.action, csvButton.value))!.file!;
    expect(csv.name).toBe('acme-engagement.csv');
    expect(csv.content).toContain('meeting,2026-11-26,audit consultation,');
    expect(csv.content).toContain('ask,2026-11-25,audit consultation,publish the audit,committed,2027-01-31,the full report is online');
    expect(csv.content).toContain('ask,2026-11-25,audit consultation,pause the automated takedowns,declined,,');
    expect(csv.content).toContain('commitment,2026-11-26,audit consultation,publish the audit,closed,2027-01-31,');
    expect(csv.content).toContain('outcome,2027-01-31,audit consultation,publish the audit,yes,,the report went online on 30 January');
    expect(csv.content).toMatch(/score,2026-11-26,audit consultation,\d+,/);
    const briefButton = buttonsOf(record).find((b) => b.action === 'engagement.brief')!;
    const md = (await press(amina, briefButton.action, briefButton.value))!.file!;
    expect(md.mimeType).toBe('text/markdown');
    expect(md.content).toContain('# Acme: engagement handover brief');
    expect(md.content).toContain('- publish the audit · Committed · 2027-01-31');
    expect(md.content).toContain('- pause the automated takedowns · Declined');
    expect(md.content).toContain('## Closed commitments\n- publish the audit · the report went online on 30 January');
  });

  test('a Chatham House meeting: outsiders see neither its brief nor its asks; another workspace sees nothing', async () => {
    const brief = await prepare({ 'format-confidentiality': 'chatham-house' });
    expect(buttonsOf(brief).map((b) => b.action)).not.toContain('engagement.share');
    expect(textOf(brief)).toContain('Confidential meeting: only the people taking part see this brief');
    const record = await t.bot.parts.engagements.all(amina);
    const ref = `${record[0]!.id}:${record[0]!.meetings[0]!.id}`;

    expect(textOf(await command(jo, 'engage-company', 'Acme'))).toContain('publish the audit');
    // Not even that there was a meeting: to an outsider, Acme has no record here.
    expect((await command(outsider, 'engage-company', 'Acme')).text).toMatch(/^This workspace has no record of Acme yet/);
    expect((await command(outsider, 'engage-company', '')).text).toMatch(/^No engagement records yet/);
    expect((await press(outsider, 'engagement.share', ref))!.text).toBe('That meeting is confidential: only the people who took part can see it.');
    expect((await press(amina, 'engagement.share', ref))!.text).toBe('That meeting is confidential: only the people who took part can see it.');
    expect(textOf((await t.bot.home(outsider)))).not.toContain('publish the audit');
    const csv = (await press(outsider, 'engagement.csv', record[0]!.id))!.file!.content;
    expect(csv).not.toContain('publish the audit');

    expect((await command(otherWorkspace, 'engage-company', 'Acme')).text).toMatch(/^This workspace has no record of Acme yet/);
    expect((await press(otherWorkspace, 'engagement.record', record[0]!.id))!.text).toBe('I can’t find that record any more. It may have been erased.');
    expect((await command(otherWorkspace, 'engage-company', '')).text).toMatch(/^No engagement records yet/);
  });

  test('sharing a public brief posts it to the channel without the names of the company’s people', async () => {
    const brief = await prepare();
    expect(textOf(brief)).toContain('Jane Roe (policy lead)');
    const share = buttonsOf(brief).find((b) => b.action === 'engagement.share')!;
    const shared = (await press(jo, share.action, share.value))!;
    expect(shared.visibility).toBe('channel');
    expect(textOf(shared)).toContain('publish the audit');
    expect(textOf(shared)).not.toContain('Jane Roe');
    expect(buttonsOf(shared)).toEqual([]);
  });

  test('forget me removes the person’s notes and the names they typed, and keeps what others share', async () => {
    await prepare();
    const noteForm = (await t.bot.handleShortcut({ actor: amina, shortcut: 'record-message', message: { text: 'Jane said the audit is with legal', link: 'https://example.slack.com/archives/C1/p1' } }))!.form!;
    replyOf(await submit(amina, noteForm, { company: 'Acme', kind: 'note', text: 'Jane said the audit is with legal', visibility: 'workspace' }));
    expect(textOf(await command(jo, 'engage-company', 'Acme'))).toContain('Jane said the audit is with legal');

    const exported = await command(amina, 'engage', 'export me');
    expect(textOf(exported)).toContain('Jane Roe (policy lead)');
    expect(textOf(exported)).toContain('Jane said the audit is with legal');
    await forget(amina);

    const [record] = await t.bot.parts.engagements.all(jo);
    expect(JSON.stringify(record)).not.toContain('Jane');
    expect(JSON.stringify(record)).not.toContain('U0001');
    // The meeting had another participant: it stays, for them.
    expect(textOf(await command(jo, 'engage-company', 'Acme'))).toContain('publish the audit');
  });

  test('a meeting prepared alone goes with its preparer when they are forgotten', async () => {
    const opened = await command(amina, 'engage-prep', 'Acme check-in');
    replyOf(await submit(amina, opened.form, prepAnswers()));
    await forget(amina);
    expect(await t.bot.parts.engagements.all(amina)).toEqual([]);
    expect(await t.bot.parts.engagements.companies(amina)).toEqual([]);
  });

  test('a day without a time is kept as a day: no debrief at a made-up hour, one button to start it', async () => {
    const opened = await command(amina, 'engage-prep', 'Acme audit consultation 12 December');
    expect(JSON.parse(opened.form!.metadata)).toEqual({ id: expect.stringMatching(/^[a-z0-9]{16}$/), company: 'Acme', title: 'audit consultation', date: '2026-12-12', participants: [] });
    const brief = replyOf(await submit(amina, opened.form, prepAnswers()));
    expect(textOf(brief)).toContain('{"label":"When","value":"Saturday 12 December"}');
    expect(textOf(brief)).not.toContain('The debrief goes to');
    const start = buttonsOf(brief).find((b) => b.action === 'engagement.debrief')!;
    const form = (await press(amina, start.action, start.value))!.form!;
    expect(form.fields.filter((f) => /^ask-[a-z0-9]+$/.test(f.id))).toHaveLength(2);
    // A second press answers the same debrief, not a new one.
    const again = (await press(amina, start.action, start.value))!.form!;
    expect(again.metadata).toBe(form.metadata);
  });

  test('a commitment kept from a message is followed up, and shows in the home view until it is delivered', async () => {
    const form = (await t.bot.handleShortcut({ actor: amina, shortcut: 'record-message', message: { text: 'We will share the draft policy by 15 January', link: 'https://example.slack.com/archives/C1/p2' } }))!.form!;
    expect(form.fields.find((f) => f.id === 'text')!.initial).toBe('We will share the draft policy by 15 January');
    const added = replyOf(await submit(amina, form, { 'company-new': 'Acme', kind: 'commitment', text: 'share the draft policy', by: '2027-01-15', visibility: 'workspace' }));
    expect(textOf(added)).toContain('Added to Acme’s record.');
    expect(added.blocks).toContainEqual({ type: 'link', text: 'The message', url: 'https://example.slack.com/archives/C1/p2' });
    expect(textOf(added)).toContain('I’ll ask you about “share the draft policy” on Friday 15 January 2027 at 09:00 Africa/Nairobi.');
    expect(textOf(await t.bot.home(jo))).toContain('Acme: “share the draft policy” · due Friday 15 January');
    time.set('2027-01-16T09:00:00Z');
    expect(textOf(await t.bot.home(jo))).toContain('Acme: “share the draft policy” · overdue since Friday 15 January');
  });

  test('a preparation submitted twice (a double click) adds the meeting once', async () => {
    const opened = await command(amina, 'engage-prep', 'Acme check-in');
    const [first, second] = await Promise.all([submit(amina, opened.form, prepAnswers()), submit(amina, opened.form, prepAnswers())]);
    expect(replyOf(first).blocks[0]).toEqual(replyOf(second).blocks[0]);
    const [record] = await t.bot.parts.engagements.all(amina);
    expect(record!.meetings).toHaveLength(1);
    expect(record!.asks).toHaveLength(2);
  });

  test('bad answers are told beside their fields and store nothing', async () => {
    const opened = await command(amina, 'engage-prep', 'Acme check-in');
    const result = await submit(amina, opened.form, { goal: '   ', 'ask-1-done': 'x', 'ask-2-by': '31/01/2027', 'format-confidentiality': 'secret', teams: ['team-made-up'] });
    expect(result).toEqual({ errors: {
      goal: 'This one is needed.', 'ask-1': 'This one is needed.', 'ask-2-by': 'Write the date as YYYY-MM-DD, e.g. 2027-01-31.',
      'format-confidentiality': 'Pick one of the choices.', teams: 'Pick one of the choices.',
    } });
    expect(await t.bot.parts.engagements.companies(amina)).toEqual([]);
    expect((await command(amina, 'engage-prep', '')).text).toMatch(/^Name the company and the meeting/);
  });
});

test('an uninstalled workspace’s purge takes its engagement records with it', async () => {
  const t = makeTestBot();
  try {
    await t.bot.parts.engagements.editCompany(amina, 'Acme', (r) => ({ ...r, notes: [{ id: 'n1', text: 'kept', by: 'U0001', at: '2026-11-25T09:00:00Z' }] }));
    await t.bot.parts.engagements.editCompany(otherWorkspace, 'Acme', (r) => ({ ...r, notes: [{ id: 'n2', text: 'theirs', by: 'U0001', at: '2026-11-25T09:00:00Z' }] }));
    await purgeTenant(t.storage, 'slack', 'T0001');
    expect(await t.bot.parts.engagements.all(amina)).toEqual([]);
    expect(await t.bot.parts.engagements.companies(amina)).toEqual([]);
    expect((await t.bot.parts.engagements.all(otherWorkspace)).map((r) => r.notes[0]!.text)).toEqual(['theirs']);
  } finally {
    await t.close();
  }
});
