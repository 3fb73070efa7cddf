import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { openStorage } from '../../src/storage/open-storage';
import { createTipFeedbackRepo } from '../../src/tip/tip-feedback-repo';
import { fixedClock } from '../../src/base/clock';
import type { Block, Button, Reply } from '../../src/base/reply';
import type { Actor } from '../../src/base/incoming';

const headingOf = (r: Reply) => r.blocks.find((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading')?.text;
const buttonsOf = (r: Reply): Button[] => r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
const textOf = (r: Reply) => JSON.stringify(r.blocks);

describe('/engage-tip', () => {
  let t: ReturnType<typeof makeTestBot>;
  beforeEach(() => { t = makeTestBot(); });
  afterEach(() => t.close());
  const tip = (text: string, actor: Actor = slackActor) => t.bot.handleCommand({ actor, command: 'engage-tip', text });

  test('a situation gets the best tip: summary, try-this steps, source, next matches, another tip, feedback, share', async () => {
    const reply = await tip('they want us to sign an NDA before the meeting');
    expect(reply.visibility).toBe('private');
    expect(headingOf(reply)).toBe('Be strategic about NDAs');
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list && list.type === 'list' && list.items.length).toBeGreaterThanOrEqual(2);
    expect(textOf(reply)).toMatch(/section 4 “Practical Tips and Best Practices” › Tactics and Approach, p\. 42/);
    const buttons = buttonsOf(reply);
    expect(buttons.filter((b) => b.action === 'tip.show')).toHaveLength(2);
    expect(buttons.map((b) => b.action)).toEqual(['tip.show', 'tip.show', 'tip.another', 'tip.feedback', 'tip.feedback', 'tip.share']);
  });

  test('the next-match buttons open those items, and "another tip" walks on past them', async () => {
    const first = await tip('they want us to sign an NDA before the meeting');
    const [second] = buttonsOf(first).filter((b) => b.action === 'tip.show');
    const opened = await t.bot.handleAction({ actor: slackActor, action: 'tip.show', value: second!.value });
    expect(headingOf(opened!)).toBe(second!.label);
    const another = buttonsOf(first).find((b) => b.action === 'tip.another')!;
    const next = await t.bot.handleAction({ actor: slackActor, action: 'tip.another', value: another.value });
    const shown = [headingOf(first), ...buttonsOf(first).filter((b) => b.action === 'tip.show').map((b) => b.label)];
    expect(shown).not.toContain(headingOf(next!));
  });

  test('unsure: the nearest items to choose from, and no citation on a guess', async () => {
    const reply = await tip('how do we deal with the company');
    expect(reply.text).toMatch(/I’m not sure which part of the guide fits/);
    expect(headingOf(reply)).toBeUndefined();
    expect(textOf(reply)).not.toMatch(/Source:/);
    const offered = buttonsOf(reply);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(offered.every((b) => b.action === 'tip.show')).toBe(true);
    // Choosing one shows it in full, with its source.
    const chosen = await t.bot.handleAction({ actor: slackActor, action: 'tip.show', value: offered[0]!.value });
    expect(textOf(chosen!)).toMatch(/Source: BSR guide/);
  });

  test('nothing close: says the guide does not cover it, what it does cover, and two ways in', async () => {
    const reply = await tip('how do I make a pivot table in excel');
    expect(reply.text).toMatch(/I don’t think the guide covers that/);
    expect(textOf(reply)).toMatch(/public advocacy campaigns, supply chains/);
    expect(textOf(reply)).not.toMatch(/Source:/);
    const examples = t.bot.catalog.find((c) => c.name === 'engage-tip')!.examples;
    expect(textOf(reply)).toContain(`/engage-tip ${examples[0]}`);
    expect(textOf(reply)).toContain(`/engage-tip ${examples[1]}`);
    const list = buttonsOf(reply).find((b) => b.action === 'tip.list')!;
    const opened = await t.bot.handleAction({ actor: slackActor, action: 'tip.list', value: list.value });
    expect(textOf(opened!)).toMatch(/Practical Tips and Best Practices/);
  });

  test('what the guide suggests and our own ideas are shown apart', async () => {
    const reply = await tip('stay-on-topic');
    const text = textOf(reply);
    expect(text).toMatch(/What the guide suggests/);
    expect(text).toMatch(/Ideas to try \(our own suggestions, not from the guide\)/);
    expect(text.indexOf('What the guide suggests')).toBeLessThan(text.indexOf('Ideas to try'));
  });

  test('no query: a tip of the day, the same all day, a different one tomorrow', async () => {
    const day = async (iso: string) => {
      const other = makeTestBot({ clock: fixedClock(iso) });
      try { return headingOf(await other.bot.handleCommand({ actor: slackActor, command: 'engage-tip', text: '' })); } finally { await other.close(); }
    };
    const morning = await day('2026-11-25T06:00:00Z');
    expect(await day('2026-11-25T18:00:00Z')).toBe(morning);
    expect(await day('2026-11-26T06:00:00Z')).not.toBe(morning);
    const week = new Set(await Promise.all([0, 1, 2, 3, 4, 5, 6].map((d) => day(new Date(Date.UTC(2026, 10, 1 + d, 12)).toISOString()))));
    expect(week.size).toBe(7);
  });

  test('list shows the sections; list <part> shows its items with ids; <id> shows one item', async () => {
    const list = await tip('list');
    expect(textOf(list)).toMatch(/Practical Tips and Best Practices/);
    expect(textOf(list)).toMatch(/Strategy: 17/);
    const part = await tip('list preparation');
    expect(textOf(part)).toMatch(/Preparation — 9 items/);
    expect(textOf(part)).toMatch(/\(`use-global-standards`\)/);
    expect(headingOf(await tip('high-turnover'))).toBe('High turnover');
    expect(textOf(await tip('list nonsense'))).toMatch(/I don’t know a part of the guide called “nonsense”/);
  });

  test('a characteristic or barrier answer offers the tips that help with it', async () => {
    const reply = await tip('feedback-loops');
    const offered = buttonsOf(reply).filter((b) => b.action === 'tip.show').map((b) => b.value);
    expect(offered.length).toBeGreaterThan(0);
    for (const id of offered) expect(t.bot.parts.guide.get(id)!.kind).toBe('tip');
  });

  test.each([
    ['5,000 characters', 'we signed an NDA '.repeat(300)],
    ['only emoji', '😀🙏🔥'],
    ['right-to-left text', 'الشركة طلبت منا توقيع اتفاقية عدم إفصاح'],
    ['control characters', 'NDA\u0000\u0007\u001b[31m\u202e sign'],
    ['only punctuation', '?!?!…'],
    ['a mention', '<@U123> <!channel> NDA'],
  ])('bad input (%s) gets a helpful answer or a clear sentence', async (_name, text) => {
    const reply = await tip(text);
    expect(reply.text.length).toBeGreaterThan(10);
    expect(reply.blocks.length).toBeGreaterThan(0);
    expect(textOf(reply)).not.toMatch(/[\u0000-\u0008\u202e]/);
  });

  test('a long query is searched on its first 500 characters, and says so', async () => {
    const reply = await tip('we are about to sign a non-disclosure agreement '.repeat(120));
    expect(textOf(reply)).toMatch(/first 500 characters/);
    expect(headingOf(reply)).toBeDefined();
  });

  test('the console gets no share button (it has no channel)', async () => {
    const reply = await tip('NDA', { platform: 'console', tenantId: 'local', userId: 'me' });
    expect(buttonsOf(reply).some((b) => b.action === 'tip.share')).toBe(false);
  });

  test('share turns the answer into a message for the channel', async () => {
    const shared = await t.bot.handleAction({ actor: slackActor, action: 'tip.share', value: 'stay-on-topic' });
    expect(shared!.visibility).toBe('channel');
    expect(buttonsOf(shared!).some((b) => b.action === 'tip.share')).toBe(false);
  });
});

describe('"was this helpful?" is stored', () => {
  test('a vote lands in SQLite, survives a restart, and a second click changes it rather than adding one', async () => {
    const t = makeTestBot();
    const vote = (value: string) => t.bot.handleAction({ actor: slackActor, action: 'tip.feedback', value });
    const thanks = await vote('stay-on-topic|up');
    expect(thanks!.text).toMatch(/Thanks/);
    await vote('stay-on-topic|down');
    const reopened = openStorage(t.url);
    try {
      const stored = await createTipFeedbackRepo(reopened, ['stay-on-topic']).get(slackActor, 'stay-on-topic');
      expect(stored).toEqual({ itemId: 'stay-on-topic', vote: 'down', at: '2026-11-25T09:00:00.000Z' });
    } finally {
      await reopened.close();
      await t.close();
    }
  });

  test.each([
    ['unknown item', 'no-such-tip|up'],
    ['bad vote', 'stay-on-topic|maybe'],
    ['empty', ''],
    ['huge', 'x'.repeat(10_000)],
  ])('a malformed vote (%s) is ignored and stores nothing', async (_n, value) => {
    const t = makeTestBot();
    try {
      expect(await t.bot.handleAction({ actor: slackActor, action: 'tip.feedback', value })).toBeUndefined();
      expect(await createTipFeedbackRepo(t.storage, ['stay-on-topic']).get(slackActor, 'stay-on-topic')).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('commands and actions the bot does not know', () => {
  test('an unknown command gets a sentence; an unknown action is ignored', async () => {
    const t = makeTestBot();
    try {
      const reply = await t.bot.handleCommand({ actor: slackActor, command: 'engage-nope', text: '' });
      expect(reply.text).toMatch(/I don’t know the command “engage-nope”/);
      expect(await t.bot.handleAction({ actor: slackActor, action: 'nope.click', value: 'x' })).toBeUndefined();
      expect(await t.bot.handleAction({ actor: slackActor, action: 'tip.another', value: 'garbage' })).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  test('/engage lists every command of the catalog with examples, and what the guide does not cover', async () => {
    const t = makeTestBot();
    try {
      const reply = await t.bot.handleCommand({ actor: slackActor, command: 'engage', text: '' });
      for (const c of t.bot.catalog) expect(JSON.stringify(reply.blocks)).toContain(`/${c.name} ${c.examples[0]}`);
      // What the guide does not cover is said up front, not discovered by asking.
      expect(JSON.stringify(reply.blocks)).toMatch(/not a guide to public advocacy campaigns.*supply chains.*authoritarian states/);
    } finally {
      await t.close();
    }
  });
});
