import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { loadMessages, promptsDirFor } from '../../src/base/load-prompts';
import { inEnglishWords } from '../../src/bot/route-by-language';
import type { Reply } from '../../src/base/reply';

// Which language each request is answered in: the text's own when it can be told, else the language
// the person last wrote in, else their platform locale, else English.

let test_: ReturnType<typeof makeTestBot>;
beforeEach(() => { test_ = makeTestBot(); });
afterEach(() => test_.close());

const all = (reply: Reply) => JSON.stringify(reply.blocks);
const es = loadMessages(promptsDirFor('es'));
const fr = loadMessages(promptsDirFor('fr'));

test('a Spanish question from an English-locale account is answered in Spanish, and the buttons under it too', async () => {
  const actor = { ...slackActor, locale: 'en-US' };
  const reply = await test_.bot.handleCommand({ actor, command: 'engage-tip', text: 'nos piden firmar un acuerdo de confidencialidad antes de la reunión con la empresa' });
  expect(reply.lang).toBe('es');
  expect(all(reply)).toContain(es.tip.wasThisHelpful);
  const heading = reply.blocks.find((b) => b.type === 'heading') as { text: string };
  const item = test_.bot.partsIn('es').guide.items.find((i) => i.label === heading.text);
  expect(item).toBeDefined();
  // The guide's own heading is quoted beside its translation, because citations point to the English guide.
  expect(all(reply)).toContain(`“${item!.title}”`);
  const click = await test_.bot.handleAction({ actor, action: 'tip.feedback', value: `${item!.id}|up` });
  expect(click?.lang).toBe('es');
  expect(click?.text).toBe(es.tip.thanksHelpful);
});

test('too short to tell: the locale decides, and a command word in that language is understood', async () => {
  const reply = await test_.bot.handleCommand({ actor: { ...slackActor, userId: 'U-fr', locale: 'fr-FR' }, command: 'engage-tip', text: 'liste' });
  expect(reply.lang).toBe('fr');
  expect(reply.text).toBe(fr.list.heading);
  const help = await test_.bot.handleCommand({ actor: { ...slackActor, userId: 'U-fr', locale: 'fr-FR' }, command: 'engage', text: 'aide' });
  expect(help.text).toBe(fr.help.intro);
});

test('no locale and nothing to tell from: English, as before', async () => {
  const reply = await test_.bot.handleCommand({ actor: { ...slackActor, userId: 'U-none' }, command: 'engage-tip', text: 'list' });
  expect(reply.lang).toBe('en');
  expect(reply.text).toBe(loadMessages().list.heading);
});

test('an Arabic locale gets Arabic help; an English question from the same person gets English', async () => {
  const actor = { ...slackActor, userId: 'U-ar', locale: 'ar-SA' };
  const help = await test_.bot.handleCommand({ actor, command: 'engage', text: '' });
  expect(help.lang).toBe('ar');
  expect(help.text).toBe(loadMessages(promptsDirFor('ar')).help.intro);
  const tip = await test_.bot.handleCommand({ actor, command: 'engage-tip', text: 'our contact at the company just left and nobody answers' });
  expect(tip.lang).toBe('en');
});

test('a reminder set in Spanish is delivered in Spanish', async () => {
  const actor = { ...slackActor, userId: 'U-es', locale: 'es-419', timeZone: 'America/Bogota' };
  const set = await test_.bot.handleCommand({ actor, command: 'engage-remind', text: 'recuérdame preguntarle a Acme qué pasó con la consulta en 2 semanas' });
  expect(set.lang).toBe('es');
  const [reminder] = await test_.bot.parts.reminders.listActive(actor);
  expect(reminder!.lang).toBe('es');
  const due = await test_.bot.renderDue(reminder!, false);
  expect(due?.lang).toBe('es');
  expect(JSON.stringify(due)).toContain('diciembre');
});

test('command words are read longest first, and only as a whole word at the start', () => {
  const frWords = loadMessages(promptsDirFor('fr'));
  expect(inEnglishWords('exporter mes données', frWords)).toBe('export me');
  expect(inEnglishWords('exporter', frWords)).toBe('export');
  expect(inEnglishWords('listes de diffusion', frWords)).toBe('listes de diffusion');
  expect(inEnglishWords('liste préparation', frWords)).toBe('list préparation');
});

test('a command word is read only by the command that has it, and "list" only before a part’s name', () => {
  const es = loadMessages(promptsDirFor('es'));
  expect(inEnglishWords('lista preparación', es, ['list'])).toBe('list preparación');
  expect(inEnglishWords('lista de verificación para reuniones inclusivas', es, ['list'])).toBe('lista de verificación para reuniones inclusivas');
  expect(inEnglishWords('historial Acme', es, ['list'])).toBe('historial Acme');
  expect(inEnglishWords('historial Acme', es, ['history'])).toBe('history Acme');
});

test('an Arabic name in an English sentence leaves it English', async () => {
  const reply = await test_.bot.handleCommand({ actor: { ...slackActor, userId: 'U-name' }, command: 'engage-remind', text: 'me to call أحمد about the audit tomorrow at 9' });
  expect(reply.lang).toBe('en');
});
