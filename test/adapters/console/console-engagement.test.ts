import { PassThrough } from 'node:stream';
import { runConsole } from '../../../adapters/console/run-console';
import { createConsoleOutbox } from '../../../adapters/console/console-outbox';
import { createSweeper } from '../../../src/remind';
import { silentLogger } from '../../../src/base/logger';
import { makeTestBot } from '../../helpers/make-test-bot';
import { movableClock } from '../../helpers/engagement-journey';
import { eventually } from '../../helpers/eventually';

// The whole engagement typed in a terminal: prep with two asks → the debrief marks one committed
// with a date and one declined → the follow-up is printed on that date → logging its outcome closes
// the commitment → `company Acme` shows it all, and `company export Acme` prints the CSV.

const TEN_RATINGS = ['4', '4', '3', '3', '4', '4', '3', '2', '2', '4'];

test('console: prep → debrief the asks → follow-up on the date → outcome → the record and its export', async () => {
  const time = movableClock('2026-11-25T09:00:00Z');
  const t = makeTestBot({ clock: time.clock });
  const input = new PassThrough();
  const output = new PassThrough();
  let seen = '';
  output.on('data', (d) => { seen += d.toString(); });
  const outbox = createConsoleOutbox(output);
  const sweeper = createSweeper({ reminders: t.bot.parts.reminders, messages: t.bot.parts.reminderMessages, clock: time.clock, logger: silentLogger, outboxes: { console: outbox }, render: (r, late) => t.bot.renderDue(r, late) });
  const done = runConsole(t.bot, input, output, outbox, 'en_GB.UTF-8');
  const type = async (...lines: string[]) => {
    for (const line of lines) {
      const before = seen.length;
      input.write(`${line}\n`);
      for (let i = 0; i < 200 && seen.length === before; i++) await new Promise((r) => setTimeout(r, 10));
    }
  };
  const buttonNumber = (label: string) => {
    const m = [...seen.matchAll(new RegExp(`\\[(\\d+)\\] ${label}`, 'g'))].at(-1);
    if (!m) throw new Error(`no button "${label}" in:\n${seen.slice(-2000)}`);
    return m[1]!;
  };

  try {
    await type('prep Acme audit consultation tomorrow 15:00-16:00');
    expect(seen).toContain('PREPARE A MEETING');
    await type(
      'Acme agrees to an independent audit of its moderation in our region', // goal
      'publish the audit', 'the full report is online', '2027-01-31', // ask 1
      'pause the automated takedowns', '', '', // ask 2: no measure, no date
      '', '', '', // no third ask
      '1,5', // teams
      '', // staff names
      '2', '', '', '', '1', // formats: small group; public
      '1 4', // readiness
    );
    await eventually(async () => expect(seen).toContain('BRIEF: ACME, AUDIT CONSULTATION'));
    expect(seen).toContain('Ask 2 has no measure of “done” yet.');
    // Share posts to "this channel": a console chat has nobody to share with, so it is not offered.
    expect(seen).not.toContain('Share to this channel');
    expect(seen).toMatch(/\[4\] Understand the business side.*\n.*\n {2}\[5\] Acme’s record/);

    // The meeting ends: the invitation is printed into the chat.
    const [record] = await t.bot.parts.engagements.all({ platform: 'console', tenantId: 'local', userId: 'x' });
    time.set(new Date(Date.parse(record!.meetings[0]!.endsAt!) + 30_000).toISOString());
    await sweeper.sweep();
    await eventually(async () => expect(seen).toMatch(/\[\d+\] Start the debrief/));
    await type(buttonNumber('Start the debrief'));
    expect(seen).toContain('MEETING DEBRIEF');
    await type(
      '', // the date: Enter keeps today's
      '', '', '', '', '1', // formats; confidentiality public
      '1', // side
      ...TEN_RATINGS,
      '4', '3', // satisfaction
      '2', '', // publish the audit: committed; Enter keeps its date
      '3', '', // pause the takedowns: declined
      'share the draft policy with us', '', // a commitment nobody prepared for, undated
      '', '', // no second one
      '', // notes (a prepared meeting's asks were asked one by one above)
    );
    await eventually(async () => expect(seen).toContain('Recorded for Acme: 2 asks and 2 commitments.'));

    // The date comes: the follow-up asks; Log outcome closes the commitment.
    time.set('2027-02-01T12:00:00Z');
    await sweeper.sweep();
    await eventually(async () => expect(seen).toContain('Acme’s commitment, due Sunday 31 January: “publish the audit”. Has it been delivered?'));
    await type(buttonNumber('Log outcome'));
    expect(seen).toContain('WHAT CAME OF IT?');
    await type('1', 'the report went online on 30 January', '');
    await eventually(async () => expect(seen).toContain('Closed as delivered: Acme’s commitment “publish the audit”.'));

    await type('company Acme');
    // Wrapped to the terminal's width: any space may be a line break.
    const shown = seen.slice(seen.lastIndexOf('ACME: THE ENGAGEMENT RECORD')).replace(/\s+/g, ' ');
    expect(shown).toMatch(/audit consultation · prepared and debriefed · score \d+ \(/);
    expect(shown).toContain('“publish the audit” · Committed');
    expect(shown).toContain('“pause the automated takedowns” · Declined');
    expect(shown).toContain('“share the draft policy with us”');
    expect(shown).toContain('“publish the audit” · the report went online on 30 January');

    await type('company export Acme');
    await eventually(async () => expect(seen).toContain('--- acme-engagement.csv ---'));
    const csv = seen.slice(seen.lastIndexOf('--- acme-engagement.csv ---'));
    expect(csv).toContain('ask,2026-11-25,audit consultation,publish the audit,committed,2027-01-31,the full report is online');
    expect(csv).toContain('ask,2026-11-25,audit consultation,pause the automated takedowns,declined,,');
    expect(csv).toContain('outcome,2027-02-01,audit consultation,publish the audit,yes,,the report went online on 30 January');
  } finally {
    input.write('quit\n');
    await done;
    await t.close();
  }
});
