import { existsSync, readFileSync } from 'node:fs';
import { answers } from '../helpers/debrief-fixtures';
import { slackActor } from '../helpers/make-test-bot';
import { queryKeys } from '../helpers/query-sqlite';
import { buttonClick, startSlackTestApp, type SlackTestApp } from '../helpers/slack-harness';

// The pages behind a "More" button are copies of what the person asked to see (their reminders,
// their export): they must be sealed like the records they were made from, and go with forget me.

const REMINDER_MARK = 'Quillfeather';
const NOTES_MARK = 'Marrowgate';
const DAY = 24 * 3600_000;

/** How often `word` occurs in the SQLite file and its write-ahead log: the bytes someone holding the disk reads. */
const onDisk = (file: string, word: string) =>
  [file, `${file}-wal`].filter(existsSync).reduce((n, f) => n + readFileSync(f).toString('latin1').split(word).length - 1, 0);
const moreButton = (blocks: any[]) => blocks.at(-1)?.elements?.[0];
const pageRows = () => queryKeys(slack.dbFile, "SELECT key FROM engage WHERE key LIKE 'sealed-reply-overflow:slack:T0001|U0001/%'");

let slack: SlackTestApp;
beforeAll(async () => {
  slack = await startSlackTestApp();
  const book = slack.bot.parts.reminders;
  // 45 reminders: the list shows 40, two blocks each, more than one Slack message holds.
  for (let i = 0; i < 45; i++) {
    await book.create({ owner: slackActor, target: { platform: 'slack', tenantId: 'T0001', userId: 'U0001' }, text: `ask ${REMINDER_MARK} Holdings about pledge ${i}`, dueAt: new Date(Date.parse('2026-11-25T09:00:00Z') + (i + 1) * DAY), timeZone: 'Africa/Nairobi' });
  }
  // 40 debriefs with long notes: the export runs to more than 50 blocks of 2,500 characters.
  for (let i = 0; i < 40; i++) {
    const { form } = await slack.bot.handleCommand({ actor: slackActor, command: 'engage-debrief', text: `Acme meeting ${i}` });
    await slack.bot.handleSubmission({ actor: slackActor, formId: 'debrief', values: answers(['4', '4', '4', '4', '4', '4', '4', '4', '4', '4'], { notes: `${NOTES_MARK} ${'n'.repeat(2900)}` }), metadata: form!.metadata });
  }
});
afterAll(() => slack.close());

test('a paged reminder list and a paged export keep their pages sealed; "More" still shows them; forget me removes them', async () => {
  const list = await (await slack.command('/engage-remind', 'list')).json();
  const exported = await (await slack.command('/engage', 'export me')).json();
  const listMore = moreButton(list.blocks);
  const exportMore = moreButton(exported.blocks);
  expect(listMore.text.text).toBe('More');
  expect(exportMore.text.text).toBe('More');

  expect(onDisk(slack.dbFile, REMINDER_MARK)).toBe(0);
  expect(onDisk(slack.dbFile, NOTES_MARK)).toBe(0);

  await slack.interact(buttonClick(slack.capture, listMore.action_id, listMore.value, 1));
  const [page] = await slack.capture.waitFor('respond');
  // The list shows the first 40: the last of them is on the second page.
  expect(JSON.stringify(page!.body.blocks).includes(`${REMINDER_MARK} Holdings about pledge 39`)).toBe(true);

  // Export me says they exist and until when, not what they say (the other sources export that).
  const pages = await slack.bot.overflow.personalData.export(slackActor);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(pages[0]).toEqual({ keptUntil: '2026-11-26T09:00:00.000Z' });
  expect(await pageRows()).toHaveLength(pages.length);

  const confirm = await (await slack.command('/engage', 'forget me')).json();
  const erase = confirm.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id?.startsWith('privacy.forget'));
  await slack.interact(buttonClick(slack.capture, erase.action_id, erase.value, 2));
  await slack.capture.waitFor('respond', 2);
  expect(await pageRows()).toEqual([]);

  for (const [more, n] of [[listMore, 3], [exportMore, 4]] as const) {
    await slack.interact(buttonClick(slack.capture, more.action_id, more.value, n));
    const answered = await slack.capture.waitFor('respond', n);
    expect(answered.at(-1)!.body.text).toMatch(/no longer available/);
  }
});
