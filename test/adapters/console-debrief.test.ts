import { PassThrough } from 'node:stream';
import { runConsole } from '../../adapters/console/run-console';
import { makeTestBot } from '../helpers/make-test-bot';
import { recordingReminders } from '../helpers/debrief-fixtures';

test('console: /engage-debrief asks each question, re-asks only what was rejected, scores, and the follow-up works', async () => {
  const reminders = recordingReminders();
  const t = makeTestBot({ reminders: reminders.port });
  const input = new PassThrough();
  const output = new PassThrough();
  let seen = '';
  output.on('data', (d) => { seen += d.toString(); });
  const done = runConsole(t.bot, input, output);
  const lines = [
    '/engage-debrief Acme quarterly check-in',
    '', '2026-11-20', // company (Enter keeps Acme), date
    '2', '', '', '', '', // formats: size, formality, structure, frequency, confidentiality left blank (required)
    '1', // side
    '4', '4', '4', '4', '4', '4', '4', '4', '3', '4', // the ten characteristics
    '4', '6', // satisfaction with process; outcome: too early to tell
    'publish appeal numbers', 'We will consider this done when they are online', '', // asks, measure, notes
    '1', // the re-asked confidentiality question
  ];
  for (const line of lines) input.write(`${line}\n`);
  // Let the submission land before pressing the follow-up button it offers.
  for (let i = 0; i < 100 && !/Ask Acme what came of this/.test(seen); i++) await new Promise((r) => setTimeout(r, 20));
  const followUp = /\[(\d+)\] Ask Acme what came of this/.exec(seen);
  expect(followUp).not.toBeNull();
  input.write(`${followUp![1]}\n`);
  input.write('quit\n');
  await done;
  const stored = await t.bot.context.debriefs.forCompany({ platform: 'console', tenantId: 'local', userId: 'x' }, 'Acme');
  await t.close();

  expect(seen).toMatch(/MEETING DEBRIEF/);
  expect(seen).toMatch(/Enter keeps “Acme”/);
  expect(seen).toMatch(/! Please pick an answer here\.\nApproach to Confidentiality/);
  expect(seen).toMatch(/Score 73\/100 · Mixed/);
  expect(seen).toMatch(/Done\. I'll remind you on \d{4}-\d{2}-\d{2} to ask Acme what came of it\./);
  expect(reminders.calls).toHaveLength(1);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ company: 'Acme', meeting: 'quarterly check-in', date: '2026-11-20' });
});
