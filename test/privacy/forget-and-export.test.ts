import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import { querySqlite } from '../helpers/query-sqlite';
import { answers } from '../helpers/debrief-fixtures';
import { recordKey } from '../../src/remind/reminder-store';

const other: Actor = { ...slackActor, userId: 'U0002' };
const otherWorkspace: Actor = { ...slackActor, tenantId: 'T0002' };
const buttonsOf = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
const textOf = (reply: Reply) => reply.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
// Every row of the file: keyv's plain records, versioned records and member sets.
const rawRows = async (file: string) => JSON.stringify(await querySqlite(file, 'SELECT key, value FROM engage UNION ALL SELECT key, value FROM engage_records UNION ALL SELECT key, member AS value FROM engage_sets'));
/** A sealed reminder's record key: "<platform>:<tenant>|reminders:<id>". */
const isReminderRecord = (key: string) => key.includes('|reminders:');

describe('/engage export me and forget me', () => {
  test('export shows only my data; forget asks first, then physically erases mine and nobody else’s', async () => {
    const t = makeTestBot();
    const file = t.url.slice('sqlite://'.length);
    for (const actor of [slackActor, other, otherWorkspace]) {
      await t.bot.handleAction({ actor, action: 'tip.feedback', value: 'stay-on-topic|up' });
      await t.bot.handleAction({ actor, action: 'tip.feedback', value: 'be-strategic-about-ndas|down' });
    }
    const exported = await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: 'export me' });
    const json = textOf(exported);
    expect(json).toContain('"stay-on-topic"');
    expect(json).toContain('"U0001"');
    expect(json).not.toContain('U0002');
    expect(json).not.toContain('T0002');

    const confirm = await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: '  Forget   ME ' });
    const [erase, keep] = buttonsOf(confirm);
    expect(erase!.style).toBe('danger');
    expect(await t.bot.handleAction({ actor: slackActor, action: keep!.action, value: keep!.value })).toMatchObject({ text: 'Nothing was erased.' });
    expect(await rawRows(file)).toContain('U0001');

    const done = await t.bot.handleAction({ actor: slackActor, action: erase!.action, value: erase!.value });
    expect(done!.text).toMatch(/2 records/);
    const rows = await rawRows(file);
    expect(rows).not.toContain('T0001:U0001');
    expect(rows).toContain('T0001:U0002');
    expect(rows).toContain('T0002:U0001');
    expect(textOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: 'export me' }))).toMatch(/holds nothing about you/);
    expect((await t.bot.handleAction({ actor: slackActor, action: erase!.action, value: erase!.value }))!.text).toMatch(/nothing stored/);
    await t.close();
  });
});

describe('forget me reaches reminders too', () => {
  test('my reminders, waiting and finished, are exported and erased; a colleague’s stay', async () => {
    const t = makeTestBot();
    const file = t.url.slice('sqlite://'.length);
    await t.bot.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'me to ask Acme what came of the consultation in 2 weeks' });
    await t.bot.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'me to check in with our ally tomorrow at 10am' });
    await t.bot.handleCommand({ actor: other, command: 'engage-remind', text: 'me to send the revised asks on Friday at 10am' });
    const exported = textOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: 'export me' }));
    expect(exported).toContain('what came of the consultation');
    expect(exported).not.toContain('revised asks');

    // Reminder records are sealed: count them by key, and read the colleague's through the bot.
    const reminderRows = async () => (JSON.parse(await rawRows(file)) as { key: string }[]).filter((r) => isReminderRecord(r.key)).length;
    expect(await reminderRows()).toBe(3);
    const confirm = await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: 'forget me' });
    const [erase] = buttonsOf(confirm);
    expect((await t.bot.handleAction({ actor: slackActor, action: erase!.action, value: erase!.value }))!.text).toMatch(/2 records/);
    expect(await reminderRows()).toBe(1);
    expect(textOf(await t.bot.handleCommand({ actor: other, command: 'engage-remind', text: 'list' }))).toContain('revised asks');
    expect(textOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'list' }))).not.toContain('Acme');
    await t.close();
  });
});

describe('forget me leaves nothing of what a person did alone', () => {
  test('finished reminders and a debrief started and answered alone go, and its company leaves the list', async () => {
    const t = makeTestBot();
    const file = t.url.slice('sqlite://'.length);
    const book = t.bot.parts.reminders;
    await t.bot.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'me to ask Zyxwvut about the audit in 2 weeks' });
    await t.bot.handleCommand({ actor: slackActor, command: 'engage-remind', text: 'me to call our ally tomorrow at 10am' });
    const [cancelled, done] = await book.listActive(slackActor);
    await book.cancel(slackActor, cancelled!.id);
    await book.store.update(recordKey('slack', 'T0001', done!.id), (r) => ({ ...r, status: 'sent' }));
    await book.markDone(slackActor, done!.id);
    expect(await book.listActive(slackActor)).toEqual([]);

    const debrief = async (actor: Actor, company: string) => {
      const { form } = await t.bot.handleCommand({ actor, command: 'engage-debrief', text: `${company} consultation` });
      await t.bot.handleSubmission({ actor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4'], { company }), metadata: form!.metadata });
    };
    await debrief(slackActor, 'Zyxwvut Mining');
    await debrief(other, 'Acme');

    const [erase] = buttonsOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: 'forget me' }));
    await t.bot.handleAction({ actor: slackActor, action: erase!.action, value: erase!.value });
    const keys = (JSON.parse(await rawRows(file)) as { key: string }[]).map((r) => r.key);
    expect(keys.filter(isReminderRecord)).toEqual([]);
    // What is left is the colleague's debrief (its record and answer), nothing of mine.
    expect(keys.filter((k) => k.startsWith('sealed-debriefs:'))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith('sealed-debrief-answers:')).map((k) => k.slice(-5))).toEqual(['U0002']);
    expect(keys.filter((k) => k.includes('U0001'))).toEqual([]);
    expect(await t.bot.parts.debriefs.companies(slackActor)).toEqual(['Acme']);
    expect(textOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: 'history Zyxwvut Mining' }))).toMatch(/no debriefs yet/);
    await t.close();
  });
});
