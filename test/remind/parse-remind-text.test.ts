import { parseRemindText } from '../../src/remind/parse-remind-text';
import { readSlackLinks } from '../../adapters/slack/read-slack-links';
import { nextCronOccurrence } from '../../src/remind/next-cron-occurrence';
import { describeInZone, fromWallTime } from '../../src/base/zoned-time';
import { loadReminderMessages } from '../../src/remind/load-reminder-messages';

const english = loadReminderMessages().words;
// Channels are linked as Slack sends them; the adapter's translation gives the parser words and ids.
const parse = (raw: string, zone: string, nowIso: string) => {
  const { text, channels } = readSlackLinks(raw);
  return parseRemindText(text, zone, new Date(nowIso), channels, { lang: 'en', words: english, english });
};
const created = (text: string, zone: string, nowIso: string) => {
  const r = parse(text, zone, nowIso);
  if (r.kind !== 'create') throw new Error(`expected create, got ${JSON.stringify(r)}`);
  return r;
};

describe('parsing /engage-remind', () => {
  test('"me to … in 2 weeks" keeps the time of day, in the person’s zone', () => {
    const r = created('me to ask Acme’s trust and safety team what came of the consultation in 2 weeks', 'Africa/Nairobi', '2026-11-25T06:30:00Z');
    expect(r.who).toEqual({ kind: 'me' });
    expect(r.text).toBe('ask Acme’s trust and safety team what came of the consultation');
    expect(r.dueAt.toISOString()).toBe('2026-12-09T06:30:00.000Z'); // 09:30 Nairobi, two weeks on
    expect(describeInZone(r.dueAt, 'Africa/Nairobi', new Date('2026-11-25T06:30:00Z'))).toBe('Wednesday 9 December at 09:30 Africa/Nairobi');
  });

  test('a Slack channel link and "on Friday at 10am" in the person’s zone', () => {
    // Wednesday 25 November 2026; New York is UTC-5 then.
    const r = created('<#C0123ABC|policy-team> to send Acme the revised asks on Friday at 10am', 'America/New_York', '2026-11-25T15:00:00Z');
    expect(r.who).toEqual({ kind: 'channel', channelId: 'C0123ABC', channelName: 'policy-team' });
    expect(r.text).toBe('send Acme the revised asks');
    expect(r.dueAt.toISOString()).toBe('2026-11-27T15:00:00.000Z');
  });

  test('a date named inside the text does not steal the time at the end', () => {
    const r = created('me to ask about the March consultation in 3 days', 'UTC', '2026-11-25T09:00:00Z');
    expect(r.text).toBe('ask about the March consultation');
    expect(r.dueAt.toISOString()).toBe('2026-11-28T09:00:00.000Z');
  });

  test('"<when> to <what>" works too, and a day without a time means 9 in the morning', () => {
    const r = created('me tomorrow to call Ana', 'Europe/Berlin', '2026-11-25T15:00:00Z');
    expect(r.text).toBe('call Ana');
    expect(r.dueAt.toISOString()).toBe('2026-11-26T08:00:00.000Z'); // 09:00 Berlin (UTC+1)
  });

  test('Europe/London, late October: a time after the clocks go back is read in GMT', () => {
    // Friday 23 October 2026 (BST, UTC+1); the clocks go back on Sunday 25 October.
    const r = created('me to chase the reply on Monday at 10am', 'Europe/London', '2026-10-23T09:00:00Z');
    expect(r.dueAt.toISOString()).toBe('2026-10-26T10:00:00.000Z'); // 10:00 GMT, not 09:00
  });

  test('America/New_York, March: a time after the clocks go forward is read in EDT', () => {
    // Friday 6 March 2026 (EST, UTC-5); clocks go forward on Sunday 8 March.
    const r = created('me to send the letter on Monday at 9am', 'America/New_York', '2026-03-06T15:00:00Z');
    expect(r.dueAt.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  test('"in 2 hours" is elapsed time even across the change', () => {
    // 00:30 EST on 8 March; two hours later it is 03:30 EDT.
    const r = created('me to check in 2 hours', 'America/New_York', '2026-03-08T05:30:00Z');
    expect(r.dueAt.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  test('recurring: "every month on the 1st" becomes cron, first run in the zone', () => {
    const r = created('me every month on the 1st to check in with our ally at Acme', 'Africa/Nairobi', '2026-11-25T09:00:00Z');
    expect(r.cron).toBe('0 9 1 * *');
    expect(r.text).toBe('check in with our ally at Acme');
    expect(r.dueAt.toISOString()).toBe('2026-12-01T06:00:00.000Z');
  });

  test('recurring phrases: weekdays, a weekday with a time, "to … every …"', () => {
    expect(created('me every weekday at 8:30am to read the news', 'UTC', '2026-11-25T09:00:00Z').cron).toBe('30 8 * * 1,2,3,4,5');
    expect(created('me every Monday at 2pm to plan', 'UTC', '2026-11-25T09:00:00Z').cron).toBe('0 14 * * 1');
    expect(created('me to water the plants every day', 'UTC', '2026-11-25T09:00:00Z').cron).toBe('0 9 * * *');
  });

  test('recurring across DST: local time is kept, each occurrence once', () => {
    // Every day at 01:30 in New York, around the November fall-back (01:30 happens twice on 1 Nov).
    let at = new Date('2026-10-31T12:00:00Z');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) { at = nextCronOccurrence('30 1 * * *', 'America/New_York', at)!; seen.push(at.toISOString()); }
    expect(seen).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z']);
    // 02:30 does not exist on 8 March: delivered once, at 03:30 EDT.
    expect(nextCronOccurrence('30 2 * * *', 'America/New_York', new Date('2026-03-08T00:00:00Z'))!.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(fromWallTime({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  test('list, cancel, help', () => {
    expect(parse('list', 'UTC', '2026-11-25T09:00:00Z')).toEqual({ kind: 'list' });
    expect(parse('', 'UTC', '2026-11-25T09:00:00Z')).toEqual({ kind: 'help' });
    expect(parse('help', 'UTC', '2026-11-25T09:00:00Z')).toEqual({ kind: 'help' });
    expect(parse('cancel K3X9P2AB', 'UTC', '2026-11-25T09:00:00Z')).toEqual({ kind: 'cancel', id: 'k3x9p2ab' });
  });

  test.each([
    ['me to do something', 'noTime'],
    ['me to call Ana yesterday', 'past'],
    ['Ana to call me tomorrow', 'noWho'],
    ['#policy to send asks tomorrow', 'channelNotLinked'],
    ['me in 2 weeks', 'noText'],
    ['me every fortnight to plan', 'badRecurrence'],
    ['me every month on the 31st to pay', 'badRecurrence'],
    ['me every day at 25:00 to x', 'badRecurrence'],
    ['cancel ../../etc', 'badCancel'],
    [`me to ${'a'.repeat(501)} tomorrow`, 'tooLong'],
  ])('refuses %j (%s), never guesses', (text, reason) => {
    expect(parse(text, 'UTC', '2026-11-25T09:00:00Z')).toEqual({ kind: 'error', reason });
  });
});
