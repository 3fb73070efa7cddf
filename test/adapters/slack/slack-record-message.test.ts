import { messageShortcut, startSlackTestApp, viewSubmission, type SlackTestApp } from '../../helpers/slack-harness';

// "Add to an engagement record" from a message's "…" menu, through the real Bolt app: the modal
// opens with the message's words, its submission files a note under the company typed, and the
// company's record shows the note with a link back to the message (the permalink Slack gave).

const PERMALINK = 'https://ngo.slack.com/archives/C0001/p1795597100000300';
const MESSAGE = 'Jane (with <@U0002|jo>) said the <https://acme.example/audit|audit> is with legal';
const WORDS = 'Jane (with @jo) said the audit is with legal';

let slack: SlackTestApp;
beforeEach(async () => { slack = await startSlackTestApp({ apiAnswers: { 'chat.getPermalink': { body: { ok: true, channel: 'C0001', permalink: PERMALINK } } } }); });
afterEach(async () => { await slack.close(); });

const input = (view: any, id: string) => view.blocks.find((b: any) => b.type === 'input' && b.block_id === id);

test('record-message opens the modal with the message’s words; the note it files shows in /engage-company with a link back', async () => {
  const res = await slack.interact(messageShortcut(slack.capture, 'record-message', MESSAGE));
  expect(res.status).toBe(200);
  const [open] = await slack.capture.waitFor('views.open');
  expect(open!.body.trigger_id).toBe('trigger-shortcut-1');
  const view = open!.body.view;
  expect(view).toMatchObject({ type: 'modal', callback_id: 'record-message' });
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(JSON.stringify(view.blocks)).toContain('Keep this message in a company’s record, with a link back to it.');
  expect(input(view, 'text').element).toMatchObject({ type: 'plain_text_input', initial_value: WORDS });
  // No record yet: the company is typed, not picked.
  expect(input(view, 'company')).toBeUndefined();
  expect(input(view, 'company-new').element.type).toBe('plain_text_input');
  expect(input(view, 'kind').element.initial_option.value).toBe('note');

  const saved = await slack.interact(viewSubmission(view, { 'company-new': 'Acme', kind: 'note', text: WORDS, visibility: 'workspace' }));
  expect(await saved.text()).toBe('');
  const [confirmation] = await slack.capture.waitFor('chat.postMessage');
  expect(confirmation!.body.channel).toBe('U0001');
  expect(JSON.stringify(confirmation!.body.blocks)).toContain('Added to Acme’s record.');

  // Anyone in the workspace who opens the record sees the note and the way back to the message.
  for (const user of ['U0001', 'U0002']) {
    const record = await (await slack.command('/engage-company', 'Acme', { user_id: user })).json();
    const shown = JSON.stringify(record.blocks);
    expect(shown).toContain(WORDS);
    expect(shown).toContain(`<${PERMALINK}|The message>`);
  }
  // What the message said never reaches the logs.
  expect(slack.logs()).not.toMatch(/with legal/);
});

test('a note with no company named is refused beside the company field and nothing is filed', async () => {
  await slack.interact(messageShortcut(slack.capture, 'record-message', MESSAGE));
  const [open] = await slack.capture.waitFor('views.open');
  const refused = await slack.interact(viewSubmission(open!.body.view, { kind: 'note', text: WORDS, visibility: 'workspace' }));
  expect(await refused.json()).toEqual({ response_action: 'errors', errors: { 'company-new': 'Name the company this belongs to.' } });
  const record = await (await slack.command('/engage-company', 'Acme')).json();
  expect(JSON.stringify(record)).not.toContain(WORDS);
});
