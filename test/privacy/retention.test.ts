import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { answers } from '../helpers/debrief-fixtures';
import { debriefRetentionJob, startRetentionSweep } from '../../src/privacy/start-retention-sweep';
import { silentLogger } from '../../src/base/logger';
import type { Clock } from '../../src/base/clock';
import { queryKeys } from '../helpers/query-sqlite';

const keys = (file: string) => queryKeys(file, "SELECT key FROM engage WHERE key LIKE '%debrief%'");

test('DEBRIEF_RETENTION_DAYS: the daily sweep deletes old debriefs with their answers and index entries, once a day', async () => {
  let now = Date.parse('2026-01-10T09:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const t = makeTestBot({ clock });
  const file = t.url.slice('sqlite://'.length);
  const debrief = async (text: string, date: string) => {
    const { form } = await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text });
    await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4'], { date, company: text.split(' ')[0]! }), metadata: form!.metadata });
  };
  await debrief('Oldco consultation', '2026-01-09');
  now = Date.parse('2026-11-20T09:00:00Z');
  await debrief('Acme check-in', '2026-11-19');
  expect((await keys(file)).length).toBeGreaterThan(0);

  now = Date.parse('2026-11-25T09:00:00Z');
  const sweep = startRetentionSweep({ jobs: [debriefRetentionJob(90, t.bot.parts.debriefs.deleteOlderThan)], claims: t.storage, clock, logger: silentLogger });
  await sweep.stop(); // waits for the start-up sweep to finish

  expect(await t.bot.parts.debriefs.companies(slackActor)).toEqual(['Acme']);
  expect(await t.bot.parts.debriefs.forCompany(slackActor, 'Oldco')).toEqual([]);
  expect((await t.bot.parts.debriefs.forCompany(slackActor, 'Acme')).length).toBe(1);
  const left = (await keys(file)).join(' ');
  expect((await t.bot.parts.debriefs.forUser(slackActor)).map((d) => d.company)).toEqual(['Acme']);
  expect(left).not.toMatch(/oldco/i);

  // The same day again (another instance, or a restart): the day is claimed, nothing runs twice.
  let calls = 0;
  const again = startRetentionSweep({ jobs: [debriefRetentionJob(90, async () => { calls++; return 0; })], claims: t.storage, clock, logger: silentLogger });
  await again.stop();
  expect(calls).toBe(0);
  await t.close();
});
