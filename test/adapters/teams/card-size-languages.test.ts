import { makeTestBot, slackActor } from '../../helpers/make-test-bot';
import { LANGUAGES } from '../../../src/base/language';
import { inEveryLanguage } from '../../../src/base/load-prompts';
import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import { renderAdaptiveCard } from '../../../adapters/teams/render-adaptive-card';
import { cardProblems } from './card-validator';
import type { Reply } from '../../../src/base/reply';
import type { Actor } from '../../../src/base/incoming';
import { MAX_ASKS } from '../../../src/engagement/build-prep-form';
import { TEXT_LIMITS } from '../../../src/engagement/company-record';

// Teams refuses a message over 100 KB and advises staying under 80 KB, counting the message as UTF-16
// (two bytes a character, JSON included). Translations run longer than English, and the debrief form
// (ten characteristics, each with its choices) is the largest card: each language's is measured so.
// A form card carries the whole form again in its submit data, so the prep form (three asks, the
// company teams, the five formats) and the debrief of a prepared meeting (its asks on top of the
// debrief's own questions) are measured as well, at the longest their words can be.

const ADVISED_BYTES = 80 * 1024;
const prompts = inEveryLanguage(loadTeamsPrompts);
const utf16Bytes = (card: unknown) => JSON.stringify(card).length * 2;

/** Words repeated up to a field's limit. */
const longest = (words: string, limit: number) => words.repeat(Math.ceil(limit / words.length)).slice(0, limit).trim();
/** A quoted company name at its longest (80) and a meeting title at its longest; `when` adds its time. */
const longestPrep = (when = '') => `“${longest('Acme Global Platforms ', 80)}” ${longest('quarterly policy consultation ', TEXT_LIMITS.title)}${when}`;

let t: ReturnType<typeof makeTestBot>;
beforeAll(() => { t = makeTestBot(); });
afterAll(() => t.close());

describe.each(LANGUAGES)('%s', (lang) => {
  const actor = { ...slackActor, platform: 'teams' as const, userId: `U-${lang}`, locale: lang };
  const render = (reply: Reply) => renderAdaptiveCard(reply, prompts(reply.lang ?? 'en'));

  test('the debrief form, the largest card, is within the advised size and valid', async () => {
    const reply = await t.bot.handleCommand({ actor, command: 'engage-debrief', text: 'Acme' });
    expect(reply.lang).toBe(lang);
    const card = render(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(utf16Bytes(card)).toBeLessThan(ADVISED_BYTES);
  });

  async function prepForm(who: Actor, when = '') {
    const reply = await t.bot.handleCommand({ actor: who, command: 'engage-prep', text: longestPrep(when) });
    expect(reply.form?.id).toBe('prep');
    return reply;
  }

  test('the prep form is within the advised size and valid', async () => {
    const reply = await prepForm(actor, ' tomorrow 15:00-16:00');
    expect(reply.lang).toBe(lang);
    const card = render(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(utf16Bytes(card)).toBeLessThan(ADVISED_BYTES);
  });

  test('the debrief form of a prepared meeting with three asks at their longest is within it and valid', async () => {
    // No time given: its debrief is not scheduled, and the brief offers it at once.
    const preparer = { ...actor, userId: `U-prep-${lang}` };
    const opened = await prepForm(preparer);
    const values: Record<string, string | string[]> = { goal: longest('an independent audit of content moderation ', TEXT_LIMITS.goal), 'format-confidentiality': 'public' };
    for (let n = 1; n <= MAX_ASKS; n++) {
      values[`ask-${n}`] = longest(`publish the audit number ${n} `, TEXT_LIMITS.ask);
      values[`ask-${n}-done`] = longest('the full report is online ', TEXT_LIMITS.done);
      values[`ask-${n}-by`] = '2027-01-31';
    }
    const prepared = await t.bot.handleSubmission({ actor: preparer, formId: 'prep', values, metadata: opened.form!.metadata });
    const brief = (prepared as { reply: Reply }).reply;
    const debriefNow = brief.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'engagement.debrief')!;
    const reply = (await t.bot.handleAction({ actor: preparer, action: debriefNow.action, value: debriefNow.value }))!;
    expect(reply.lang).toBe(lang);
    const askFields = reply.form!.fields.filter((f) => /^ask-[a-z0-9]+$/.test(f.id));
    expect(askFields).toHaveLength(MAX_ASKS);
    const card = render(reply);
    expect(cardProblems(card)).toEqual([]);
    expect(utf16Bytes(card)).toBeLessThan(ADVISED_BYTES);
  });

  test('the contents of the guide and the help are within it too', async () => {
    for (const [command, text] of [['engage-tip', 'list'], ['engage', 'help'], ['engage-remind', 'help']] as const) {
      const card = render(await t.bot.handleCommand({ actor, command, text }));
      expect(utf16Bytes(card)).toBeLessThan(ADVISED_BYTES);
    }
  });
});
