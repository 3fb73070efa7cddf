import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { answers } from '../helpers/debrief-fixtures';
import type { Actor } from '../../src/base/incoming';
import type { Clock } from '../../src/base/clock';
import { queryKeys } from '../helpers/query-sqlite';

// Every key of the file: keyv's plain records, versioned records and member sets.
const rows = (file: string) => queryKeys(file, 'SELECT key FROM engage UNION ALL SELECT key FROM engage_records UNION ALL SELECT DISTINCT key FROM engage_sets');

test('an uninstalled workspace keeps its data through the grace period, then every record of it goes; other workspaces stay', async () => {
  let now = Date.parse('2026-11-25T09:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const t = makeTestBot({ clock });
  const file = t.url.slice('sqlite://'.length);
  const other: Actor = { ...slackActor, tenantId: 'T0002' };
  for (const actor of [slackActor, other]) {
    await t.bot.handleAction({ actor, action: 'tip.feedback', value: 'stay-on-topic|up' });
    await t.bot.handleCommand({ actor, command: 'engage-remind', text: 'me to ask Acme what came of it in 2 weeks' });
    const { form } = await t.bot.handleCommand({ actor, command: 'engage-debrief', text: 'Acme check-in' });
    await t.bot.handleSubmission({ actor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4']), metadata: form!.metadata });
  }
  const mine = (keys: string[]) => keys.filter((k) => k.includes('slack:T0001'));
  const theirs = (keys: string[]) => keys.filter((k) => k.includes('slack:T0002'));
  const before = await rows(file);
  expect(mine(before).length).toBeGreaterThan(4);

  const { workspaces } = t.bot.parts;
  await workspaces.uninstalled('slack', 'T0001');
  now += 29 * 24 * 3600_000;
  expect(await workspaces.purgeDue()).toBe(0);
  now += 2 * 24 * 3600_000;
  const deleted = await workspaces.purgeDue();
  expect(deleted).toBe(mine(before).length);
  const after = await rows(file);
  expect(mine(after)).toEqual([]);
  expect(theirs(after).sort()).toEqual(theirs(before).sort());

  // A workspace that reinstalls in time keeps everything.
  await workspaces.uninstalled('slack', 'T0002');
  await workspaces.installed('slack', 'T0002');
  now += 60 * 24 * 3600_000;
  expect(await workspaces.purgeDue()).toBe(0);
  expect(theirs(await rows(file)).length).toBe(theirs(before).length);
  await t.close();
});
