import { makeTestBot, slackActor } from '../../helpers/make-test-bot';
import { LANGUAGES } from '../../../src/base/language';
import { inEveryLanguage } from '../../../src/base/load-prompts';
import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';
import { renderAdaptiveCard } from '../../../adapters/teams/render-adaptive-card';
import { cardProblems } from './card-validator';
import type { Reply } from '../../../src/base/reply';

// Teams refuses a message over 100 KB and advises staying under 80 KB, counting the message as UTF-16
// (two bytes a character, JSON included). Translations run longer than English, and the debrief form
// (ten characteristics, each with its choices) is the largest card: each language's is measured so.

const ADVISED_BYTES = 80 * 1024;
const prompts = inEveryLanguage(loadTeamsPrompts);
const utf16Bytes = (card: unknown) => JSON.stringify(card).length * 2;

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

  test('the contents of the guide and the help are within it too', async () => {
    for (const [command, text] of [['engage-tip', 'list'], ['engage', 'help'], ['engage-remind', 'help']] as const) {
      const card = render(await t.bot.handleCommand({ actor, command, text }));
      expect(utf16Bytes(card)).toBeLessThan(ADVISED_BYTES);
    }
  });
});
