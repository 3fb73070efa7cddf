import { cardProblems } from './card-validator';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from './teams-harness';
import { loadMessages, promptsDirFor } from '../../../src/base/load-prompts';

// Through the real CloudAdapter: a Teams activity's `locale` decides the card's language when the
// text does not; Arabic cards are laid out right to left (Adaptive Cards `rtl`).

let capture: CaptureServer;
let teams: TeamsHarness;
beforeAll(async () => {
  capture = await startCaptureServer();
  teams = await startTeams();
});
afterAll(async () => {
  await teams.close();
  await capture.close();
});

async function card(text: string, locale: string) {
  const before = capture.requests.length;
  const res = await teams.post(teamsMessage(capture.url, text, { locale }));
  expect(res.status).toBe(200);
  const [reply] = capture.requests.slice(before).filter((r) => r.method === 'POST');
  return reply!.body.attachments[0].content;
}

test('pt-BR gets a Portuguese card, valid for the Adaptive Cards parser', async () => {
  const c = await card('tip a empresa quer que a gente assine um termo de confidencialidade antes da reunião', 'pt-BR');
  expect(cardProblems(c)).toEqual([]);
  expect(c.rtl).toBeUndefined();
  expect(JSON.stringify(c)).toContain(loadMessages(promptsDirFor('pt')).tip.wasThisHelpful);
  const list = await card('tip lista', 'pt-BR');
  expect(JSON.stringify(list)).toContain(loadMessages(promptsDirFor('pt')).list.heading);
});

test('ar-SA gets an Arabic card with rtl set, valid for the parser, its English heading isolated', async () => {
  const c = await card('tip الشركة تطلب منا توقيع اتفاقية عدم إفصاح قبل الاجتماع', 'ar-SA');
  expect(cardProblems(c)).toEqual([]);
  expect(c.rtl).toBe(true);
  const text = JSON.stringify(c);
  expect(text).toContain(loadMessages(promptsDirFor('ar')).tip.wasThisHelpful);
  expect(text).toMatch(/\u2068“[A-Z][^”]+”\u2069/);
});
