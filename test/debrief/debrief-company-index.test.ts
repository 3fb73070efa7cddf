import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleBot } from '../../src/bot/assemble-bot';
import { fixedClock } from '../../src/base/clock';
import { createSealedStore } from '../../src/crypto/create-sealed-store';
import { openStorage } from '../../src/storage/open-storage';
import type { DebriefRecord } from '../../src/debrief/debrief-repo';
import { answers, textOf } from '../helpers/debrief-fixtures';
import { makeTestBot, slackActor, TEST_CIPHER } from '../helpers/make-test-bot';
import { eventually } from '../helpers/eventually';
import { querySqlite } from '../helpers/query-sqlite';

// Which companies an organisation meets can be as sensitive as what was said there: the index
// behind "/engage-debrief history <company>" must not list them in clear.

const COMPANY = 'Zyxwvut Mining';
const MARK = /zyxwvut/i;

/** The SQLite file and its write-ahead log as bytes: what someone holding the disk reads. */
const onDisk = (file: string) => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
const storedRows = async (file: string) => JSON.stringify(await querySqlite(file, 'SELECT key, value FROM engage'));

test('a debrief’s company is in no key or value in clear, on disk; history by company still works', async () => {
  const t = makeTestBot();
  const file = t.url.slice('sqlite://'.length);
  const { form } = await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: `${COMPANY} consultation` });
  await t.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4'], { company: COMPANY }), metadata: form!.metadata });

  expect(onDisk(file).match(MARK)).toBeNull();
  expect(await t.bot.parts.debriefs.companies(slackActor)).toEqual([COMPANY]);
  expect(textOf(await t.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: 'history zyxwvut mining' }))).toContain(`${COMPANY}`);
  await t.close();
});

test('an index written by the previous release (names in clear) is sealed at start-up and keeps working', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'engage-index-'));
  const file = join(dir, 'bot.sqlite');
  const url = `sqlite://${file}`;

  // What the previous release wrote: the record sealed, the index in clear under the company's name.
  const before = openStorage(url);
  const record: DebriefRecord = {
    id: 'd0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0', platform: 'slack', tenantId: 'T0001', company: COMPANY, meeting: 'annual consultation',
    starter: 'U0001', invitees: [], respondents: [], createdAt: '2026-10-01T09:00:00.000Z', date: '2026-10-01', confidential: false, followUps: [],
  };
  await createSealedStore<DebriefRecord>(before, TEST_CIPHER, 'debriefs').set('slack:T0001', record.id, record);
  const oldIndex = before.namespace<string[]>('debrief-index');
  await oldIndex.set('slack:T0001:companies', [COMPANY]);
  await oldIndex.set('slack:T0001:company:zyxwvut mining', [record.id]);
  await oldIndex.set('slack:T0001:user:U0001', [record.id]);
  await before.close();
  expect(await storedRows(file)).toMatch(MARK);

  // Started with the new release: the clear index goes without anyone reading it first.
  const storage = openStorage(url);
  const bot = assembleBot({ storage, cipher: TEST_CIPHER, clock: fixedClock('2026-11-25T09:00:00Z') });
  await eventually(async () => expect(await storedRows(file)).not.toMatch(MARK));
  expect(await bot.parts.debriefs.companies(slackActor)).toEqual([COMPANY]);
  expect(textOf(await bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: `history ${COMPANY}` }))).toContain('annual consultation');
  await storage.close();
  expect(onDisk(file).match(MARK)).toBeNull();
  rmSync(dir, { recursive: true, force: true });
});
