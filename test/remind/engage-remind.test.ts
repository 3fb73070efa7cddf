import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { readSlackLinks } from '../../adapters/slack/read-slack-links';
import { createSweeper } from '../../src/remind/deliver-due-reminders';
import type { Clock } from '../../src/base/clock';
import type { Reply } from '../../src/base/reply';
import { silentLogger } from '../../src/base/logger';

const textOf = (r: Reply | undefined) => (r ? r.blocks.map((b) => ('text' in b ? b.text : b.type === 'list' ? b.items.join('\n') : '')).join('\n') : '');

describe('/engage-remind through the bot', () => {
  let now = Date.parse('2026-11-25T06:00:00Z'); // 09:00 in Nairobi, Wednesday
  const clock: Clock = { now: () => new Date(now) };
  const t = makeTestBot({ clock });
  afterAll(() => t.close());
  const cmd = (text: string, actor = slackActor) => t.bot.handleCommand({ actor, command: 'engage-remind', ...readSlackLinks(text) });

  test('set, echo in the person’s zone, list, deliver with buttons, snooze, log outcome, done', async () => {
    const set = await cmd('me to ask Acme what came of the consultation in 2 weeks');
    expect(textOf(set)).toMatch(/I’ll remind you “ask Acme what came of the consultation” on Wednesday 9 December at 09:00 Africa\/Nairobi/);
    const id = /id `([a-z0-9]+)`/.exec(textOf(set))![1]!;
    expect(textOf(await cmd('list'))).toMatch(/ask Acme what came of the consultation/);
    expect(textOf(await cmd('list', { ...slackActor, userId: 'U0002' }))).toMatch(/no reminders waiting/);
    expect(textOf(await t.bot.home(slackActor))).toMatch(/Your upcoming reminders/);

    const sent: Reply[] = [];
    const sweeper = createSweeper({ reminders: t.bot.parts.reminders, messages: t.bot.parts.reminderMessages, clock, logger: silentLogger,
      outboxes: { slack: { send: async (_target, reply) => { sent.push(reply); return { ok: true, messageId: '1700000000.0001' }; } } } });
    now += 14 * 24 * 3600_000 + 60_000;
    await sweeper.sweep();
    expect(sent).toHaveLength(1);
    const buttons = sent[0]!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

    // Someone else pressing the buttons changes nothing.
    const snooze = buttons.find((b) => b.value === `${id}|tomorrow`)!;
    expect(textOf(await t.bot.handleAction({ actor: { ...slackActor, userId: 'U0002' }, action: snooze.action, value: snooze.value }))).toMatch(/Only the person who set/);
    expect(textOf(await t.bot.handleAction({ actor: slackActor, action: snooze.action, value: snooze.value }))).toMatch(/Thursday 10 December at 09:00 Africa\/Nairobi/);

    const outcome = buttons.find((b) => b.action === 'remind.outcome')!;
    const form = await t.bot.handleAction({ actor: slackActor, action: outcome.action, value: outcome.value });
    expect(form?.form?.id).toBe('remind-outcome');
    expect(await t.bot.handleSubmission({ actor: slackActor, formId: 'remind-outcome', values: { outcome: '  ' }, metadata: form!.form!.metadata })).toEqual({ errors: { outcome: expect.any(String) } });
    const saved = await t.bot.handleSubmission({ actor: slackActor, formId: 'remind-outcome', values: { outcome: 'they agreed to a call' }, metadata: form!.form!.metadata });
    expect('reply' in saved && textOf(saved.reply)).toMatch(/Saved what came of/);

    expect(textOf(await cmd(`cancel ${id}`))).toMatch(/Cancelled/);
    expect(textOf(await cmd(`cancel ${id}`, { ...slackActor, tenantId: 'T-OTHER' }))).toMatch(/couldn’t find/);
  });

  test('bad input gets a sentence with an example, and nothing is stored', async () => {
    const before = (await t.bot.parts.reminders.listActive(slackActor)).length;
    expect(textOf(await cmd('me to do the thing'))).toMatch(/couldn’t tell when.*in 2 weeks/);
    expect(textOf(await cmd('me to x yesterday'))).toMatch(/already passed/);
    expect(textOf(await cmd('\u202Eme\u0000 every fortnight to x'))).toMatch(/every month on the 1st/);
    expect(textOf(await cmd('help'))).toMatch(/engage-remind me every month/);
    expect((await t.bot.parts.reminders.listActive(slackActor)).length).toBe(before);
  });

  test('a recurring channel reminder echoes its schedule and the channel name', async () => {
    const r = await cmd('<#C0PT|policy-team> every Monday at 10am to review the asks');
    expect(textOf(r)).toMatch(/I’ll remind #policy-team “review the asks” every Monday at 10:00 Africa\/Nairobi\. First one: Monday \d+ \w+ at 10:00 Africa\/Nairobi/);
  });

  test('a linked channel is recognised however its name is written (full-width letters are read as plain ones)', async () => {
    const r = await cmd('<#C0FW|ｐｏｌｉｃｙ> to review the asks tomorrow at 10am');
    expect(textOf(r)).toMatch(/I’ll remind #ｐｏｌｉｃｙ “review the asks”/);
    expect((await t.bot.parts.reminders.listActive(slackActor)).some((x) => x.target.channelId === 'C0FW')).toBe(true);
  });
});
