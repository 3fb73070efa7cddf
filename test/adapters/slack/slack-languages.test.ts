import { startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';
import { loadMessages, promptsDirFor } from '../../../src/base/load-prompts';
import { loadDebriefPrompts } from '../../../src/debrief';

// Through real Bolt: the person's Slack language (users.info with include_locale) decides the answer's
// language when the text does not; Arabic lines are marked right to left for Slack's layout.

let slack: SlackTestApp;
afterEach(async () => { await slack.close(); });
const profile = (locale: string, tz = 'America/Bogota') => ({ 'users.info': { body: { ok: true, user: { id: 'U0001', tz, locale } } } });
const buttons = (blocks: any[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);

test('a Slack user whose locale is es-LA gets Spanish blocks', async () => {
  slack = await startSlackTestApp({ apiAnswers: profile('es-LA') });
  const es = loadMessages(promptsDirFor('es'));
  const body = await (await slack.command('/engage-tip', 'la empresa nos pide firmar un NDA antes de la reunión')).json();
  expect(slack.capture.of('users.info')[0]!.body).toMatchObject({ user: 'U0001', include_locale: 'true' });
  const header = body.blocks[0];
  expect(header.type).toBe('header');
  const item = slack.bot.partsIn('es').guide.items.find((i) => i.label === header.text.text);
  expect(item).toBeDefined();
  expect(JSON.stringify(body.blocks)).toContain(`“${item!.title}”`);
  expect(buttons(body.blocks).map((b: any) => b.text.text)).toEqual(expect.arrayContaining([es.tip.helpful, es.tip.notHelpful, es.tip.share]));
  // Too short to tell from the text: the locale decides.
  const list = await (await slack.command('/engage-tip', 'lista')).json();
  expect(list.blocks[0].text.text).toBe(es.list.heading);
});

test('an English question from the same person is answered in English', async () => {
  slack = await startSlackTestApp({ apiAnswers: profile('es-LA') });
  const body = await (await slack.command('/engage-tip', 'our contact at the company just left and nobody answers our emails')).json();
  expect(JSON.stringify(body.blocks)).toContain(loadMessages().tip.wasThisHelpful);
});

test('ar-SA: every text line is marked right to left, so a line starting with a command still reads from the right', async () => {
  slack = await startSlackTestApp({ apiAnswers: profile('ar-SA', 'Asia/Riyadh') });
  const body = await (await slack.command('/engage', '')).json();
  const texts = body.blocks.flatMap((b: any) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e: any) => e.text) : []));
  expect(texts.length).toBeGreaterThan(3);
  for (const t of texts) for (const line of t.split('\n')) expect(line.startsWith('\u200f')).toBe(true);
  expect(JSON.stringify(body.blocks)).toContain(loadMessages(promptsDirFor('ar')).help.intro);
});

test('ar-SA: the debrief modal is in Arabic, its intro marked right to left', async () => {
  slack = await startSlackTestApp({ apiAnswers: profile('ar-SA', 'Asia/Riyadh') });
  const res = await slack.command('/engage-debrief', 'Acme');
  expect(res.status).toBe(200);
  const [open] = await slack.capture.waitFor('views.open');
  const view = typeof open!.body.view === 'string' ? JSON.parse(open!.body.view) : open!.body.view;
  const ar = loadDebriefPrompts(promptsDirFor('ar'));
  expect(view.title.text).toBe(ar.form.title.slice(0, 24));
  const intro = view.blocks.find((b: any) => b.type === 'section').text.text as string;
  expect(intro.startsWith('\u200f')).toBe(true);
});
