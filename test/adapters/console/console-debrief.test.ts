import { PassThrough } from 'node:stream';
import { runConsole } from '../../../adapters/console/run-console';
import { makeTestBot } from '../../helpers/make-test-bot';
import { answers, recordingReminders } from '../../helpers/debrief-fixtures';
import type { Bot } from '../../../src/bot/create-bot';
import type { Actor } from '../../../src/base/incoming';

/** Types `lines` into a console chat one at a time, each once the chat has answered the one before. */
async function chat(bot: Bot, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let seen = '';
  output.on('data', (d) => { seen += d.toString(); });
  const done = runConsole(bot, input, output);
  for (const line of lines) {
    const before = seen.length;
    input.write(`${line}\n`);
    for (let i = 0; i < 100 && seen.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  }
  input.write('quit\n');
  await done;
  return seen;
}

const TEN_RATINGS = ['4', '4', '4', '4', '4', '4', '4', '4', '3', '4'];

test('console: /engage-debrief asks each question, re-asks a rejected answer at once, scores, and the follow-up works', async () => {
  const reminders = recordingReminders();
  const t = makeTestBot({ reminders: reminders.port });
  const seen = await chat(t.bot, [
    '/engage-debrief Acme quarterly check-in',
    '', '2026-11-20', // company (Enter keeps Acme), date
    '2', '', '', '', '', // formats: size, formality, structure, frequency, confidentiality left blank (required)
    '1', // confidentiality, asked again straight away
    '1', // side
    ...TEN_RATINGS,
    '4', '6', // satisfaction with process; outcome: too early to tell
    'publish appeal numbers', 'We will consider this done when they are online', '', // asks, measure, notes
    '7', // the follow-up button
  ]);
  const stored = await t.bot.parts.debriefs.forCompany({ platform: 'console', tenantId: 'local', userId: 'x' }, 'Acme');
  await t.close();

  expect(seen).toMatch(/MEETING DEBRIEF/);
  expect(seen).toMatch(/Enter keeps “Acme”/);
  // The blank required answer is refused before the next question, not after the last one.
  expect(seen).toMatch(/\n! Please pick an answer here\.\nApproach to Confidentiality\n[^]*You were there for/);
  expect(seen.indexOf('! Please pick an answer here.')).toBeLessThan(seen.indexOf('You were there for'));
  expect(seen).toMatch(/Score 73\/100 · Mixed/);
  expect(seen).toMatch(/\[7\] Ask Acme what came of this/);
  // Wrapped to the terminal's width: any space may be a line break.
  expect(seen.replace(/\s+/g, ' ')).toMatch(/Done\. On \w+day 9 December at \d\d:\d\d \S+ I'll remind you to ask Acme what came of “quarterly check-in” on Friday 20 November\./);
  expect(reminders.calls).toHaveLength(1);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ company: 'Acme', meeting: 'quarterly check-in', date: '2026-11-20' });
});

test('console: each answer is checked when it is typed, not after the last question', async () => {
  const t = makeTestBot();
  const seen = await chat(t.bot, ['/engage-debrief Acme', '', '2026-02-30', '2026-11-20', '', '', '', '', '1', '3']);
  await t.close();
  // The impossible date is refused straight after it was typed, before the meeting's size is asked…
  expect(seen).toMatch(/Date of the meeting\n {2}Enter keeps “2026-11-25”\.\n! Please give the date as YYYY-MM-DD, e\.g\. 2026-11-24\.\nDate of the meeting\n/);
  expect(seen.indexOf('! Please give the date')).toBeLessThan(seen.indexOf('Size'));
  // …and "3" for a question with two choices straight after it, before the first characteristic.
  expect(seen).toMatch(/2\. The company\n! That isn't one of the choices; please pick again\.\nYou were there for\n/);
  expect(seen).not.toMatch(/The scope and goals are clear/);
});

test('console: "(optional)" is only shown where an empty answer is accepted', async () => {
  const t = makeTestBot();
  // A company debriefed before: the form offers it in a list, or a box for a new one.
  const earlier: Actor = { platform: 'console', tenantId: 'local', userId: 'colleague' };
  const { form } = await t.bot.handleCommand({ actor: earlier, command: 'engage-debrief', text: 'Acme' });
  await t.bot.handleSubmission({ actor: earlier, formId: 'debrief', values: answers(TEN_RATINGS), metadata: form!.metadata });

  const seen = await chat(t.bot, ['/engage-debrief', '', '', 'Globex', '', '']);
  await t.close();
  expect(seen).toMatch(/Company \(one you debriefed before\) \(optional\)\n {2}1\. Acme\n/);
  // With nothing picked, the new-company box is not optional: an empty answer is refused at once.
  expect(seen).toMatch(/\n…or a company not in that list\n {2}\(e\.g\. Acme\)\n! Which company was it\? Pick one or type its name\.\n…or a company not in that list\n/);
  expect(seen).not.toMatch(/…or a company not in that list \(optional\)/);
  // Optional questions take an empty answer and move on.
  expect(seen).toMatch(/Size \(optional\)[^]*Level of Formality \(optional\)/);
});
