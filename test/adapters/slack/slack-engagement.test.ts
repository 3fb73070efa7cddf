import { createSweeper } from '../../../src/remind';
import { silentLogger } from '../../../src/base/logger';
import { debriefAnswers, movableClock, prepAnswers } from '../../helpers/engagement-journey';
import { buttonClick, slackButtons, startSlackTestApp, viewSubmission, type Captured, type SlackTestApp } from '../../helpers/slack-harness';

// The whole engagement through the real Bolt app, signed requests and the loopback Slack API:
// /engage-prep typed in #policy-team → the brief answers there, to the person only → Share posts it
// in the channel → the meeting ends, the debrief modal asks about both asks → one committed with a
// date, one declined → on that date the follow-up arrives through the outbox → Log outcome closes it
// → /engage-company shows it all, and its CSV export is uploaded as a file.

const POLICY_TEAM = 'C0PT';
const textOf = (call: Captured | undefined) => JSON.stringify(call?.body.blocks ?? call?.body.text ?? '');
const inputs = (view: any) => (view.blocks as any[]).filter((b) => b.type === 'input');

let slack: SlackTestApp;
afterEach(async () => { await slack?.close(); });

test('Slack: prep in a channel → brief there → Share → debrief the asks → follow-up on the date → outcome → the record and its CSV', async () => {
  const time = movableClock('2026-11-25T09:00:00Z');
  slack = await startSlackTestApp({ clock: time.clock });
  const { capture } = slack;
  capture.answer('conversations.open', { body: { ok: true, channel: { id: 'D0001' } } });
  capture.answer('files.getUploadURLExternal', { body: { ok: true, upload_url: `${capture.url}/upload/F1`, file_id: 'F1' } });
  capture.answer('files.completeUploadExternal', { body: { ok: true, files: [{ id: 'F1', title: 'acme-engagement.csv' }] } });
  const sweeper = createSweeper({
    reminders: slack.bot.parts.reminders, messages: slack.bot.parts.reminderMessages, clock: time.clock, logger: silentLogger,
    outboxes: { slack: slack.mount.outbox! }, render: (r, late) => slack.bot.renderDue(r, late),
  });
  const posts = () => capture.of('chat.postMessage');
  const dmsTo = (user: string) => posts().filter((p) => p.body.channel === user);

  // 1. /engage-prep in #policy-team: the prep modal opens; its response_url travels sealed, not in the view.
  const typed = await slack.command('/engage-prep', 'Acme audit consultation tomorrow 15:00-16:00 with <@U0002|jo>', { channel_id: POLICY_TEAM, channel_name: 'policy-team' });
  expect(typed.status).toBe(200);
  expect(await typed.text()).toBe('');
  const [openPrep] = await capture.waitFor('views.open');
  const prepView = openPrep!.body.view;
  expect(prepView.callback_id).toBe('prep');
  expect(prepView.private_metadata).toMatch(/^r:/);
  expect(prepView.private_metadata).not.toContain(capture.url);
  const prepInputs = new Map(inputs(prepView).map((b) => [b.block_id, b.element.type]));
  expect(Object.fromEntries(['ask-1', 'ask-1-done', 'ask-1-by', 'teams', 'readiness', 'format-confidentiality'].map((id) => [id, prepInputs.get(id)]))).toEqual({
    'ask-1': 'plain_text_input', 'ask-1-done': 'plain_text_input', 'ask-1-by': 'datepicker', teams: 'multi_static_select', readiness: 'multi_static_select', 'format-confidentiality': 'radio_buttons',
  });

  // 2. Submitted: the modal closes and the brief answers in #policy-team, seen by the preparer only.
  const submittedPrep = await slack.interact(viewSubmission(prepView, prepAnswers()));
  expect(await submittedPrep.text()).toBe('');
  const [brief] = await capture.waitFor('respond');
  expect(brief!.path).toBe('/respond/1');
  expect(brief!.body.response_type).toBe('ephemeral');
  expect(brief!.body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Brief: Acme, audit consultation' } });
  expect(textOf(brief)).toContain('publish the audit · done when: the full report is online · by Sunday 31 January 2027');
  expect(textOf(brief)).toContain('The debrief goes to the 2 of you when the meeting ends, Thursday 26 November at 16:00 Africa/Nairobi.');
  expect(posts()).toEqual([]);

  // 3. Share, clicked on that message: its own response_url puts the brief in the channel for everyone.
  const share = slackButtons(brief!.body.blocks).find((b) => b.action === 'engagement.share')!;
  expect(share).toBeDefined();
  await slack.interact(buttonClick(capture, share.slackActionId, share.value, 1, POLICY_TEAM));
  const [shared] = (await capture.waitFor('respond', 2)).filter((c) => c.path === '/respond/click-1');
  expect(shared!.body.response_type).toBe('in_channel');
  expect(textOf(shared)).toContain('publish the audit');
  expect(textOf(shared)).not.toContain('Jane Roe');

  // 4. The meeting ends: both people are invited through the outbox; the debrief modal asks about each ask.
  time.set('2026-11-26T13:00:30Z');
  await sweeper.sweep();
  expect(posts().map((p) => p.body.channel).sort()).toEqual(['U0001', 'U0002']);
  const invite = dmsTo('U0001')[0]!;
  const openDebrief = slackButtons(invite.body.blocks).find((b) => b.action === 'debrief.open')!;
  await slack.interact(buttonClick(capture, openDebrief.slackActionId, openDebrief.value, 2, 'D0001'));
  const debriefView = (await capture.waitFor('views.open', 2))[1]!.body.view;
  const askInputs = inputs(debriefView).filter((b) => /^ask-[a-z0-9]+$/.test(b.block_id));
  expect(askInputs.map((b) => b.label.text)).toEqual(['What did Acme say to: “publish the audit”?', 'What did Acme say to: “pause the automated takedowns”?']);
  expect(askInputs[0].element.options.map((o: any) => o.value)).toEqual(['answered', 'committed', 'declined', 'not-discussed']);
  const [audit, takedowns] = askInputs.map((b) => b.block_id as string);
  expect(inputs(debriefView).find((b) => b.block_id === `${audit}-by`)?.element.type).toBe('datepicker');

  // 5. One committed with a date, one declined. Opened from a DM's button, it answers in the DM.
  const submittedDebrief = await slack.interact(viewSubmission(debriefView, debriefAnswers({ [audit!]: 'committed', [`${audit}-by`]: '2027-01-31', [takedowns!]: 'declined' })));
  expect(await submittedDebrief.text()).toBe('');
  await capture.waitFor('chat.postMessage', 3);
  const recorded = textOf(dmsTo('U0001').at(-1));
  expect(recorded).toContain('Recorded for Acme: 2 asks and 1 commitment.');
  expect(recorded).toContain('I’ll ask you about “publish the audit” on Sunday 31 January 2027 at 09:00 Africa/Nairobi.');

  // 6. Nothing before the date; on it, the follow-up arrives through the outbox.
  const followUps = () => dmsTo('U0001').filter((p) => String(p.body.text).includes('publish the audit') && String(p.body.text).includes('Has it been delivered?'));
  time.set('2027-01-31T05:59:00Z');
  await sweeper.sweep();
  expect(followUps()).toEqual([]);
  time.set('2027-01-31T06:00:30Z');
  await sweeper.sweep();
  const [followUp] = followUps();
  expect(followUp!.body.text).toBe('Acme’s commitment, due Sunday 31 January: “publish the audit”. Has it been delivered?');
  const followUpButtons = slackButtons(followUp!.body.blocks);
  expect(followUpButtons.map((b) => b.label)).toEqual(['Delivered', 'In 1 hour', 'Tomorrow', 'Next week', 'Log outcome']);

  // 7. Log outcome opens its modal; "yes" closes the modal and the commitment.
  const logOutcome = followUpButtons.find((b) => b.action === 'engagement.outcome')!;
  await slack.interact(buttonClick(capture, logOutcome.slackActionId, logOutcome.value, 3, 'D0001'));
  const outcomeView = (await capture.waitFor('views.open', 3))[2]!.body.view;
  expect(outcomeView.callback_id).toBe('commitment-outcome');
  const before = posts().length;
  const submittedOutcome = await slack.interact(viewSubmission(outcomeView, { delivered: 'yes', outcome: 'the report went online on 30 January' }));
  expect(await submittedOutcome.text()).toBe('');
  await capture.waitFor('chat.postMessage', before + 1);
  expect(textOf(dmsTo('U0001').at(-1))).toContain('Closed as delivered: Acme’s commitment “publish the audit”.');

  // 8. The record: the meeting, its score, both asks with their status, the closed commitment.
  const record = await (await slack.command('/engage-company', 'Acme', { channel_id: POLICY_TEAM })).json();
  expect(record.response_type).toBe('ephemeral');
  const shown = JSON.stringify(record.blocks);
  expect(shown).toMatch(/audit consultation · prepared and debriefed · score \d+ \(/);
  expect(shown).toContain('“publish the audit” · Committed · by Sunday 31 January');
  expect(shown).toContain('“pause the automated takedowns” · Declined');
  expect(shown).toContain('Closed commitments');
  expect(shown).toContain('“publish the audit” · the report went online on 30 January');
  expect(shown).not.toContain('Open commitments');

  // 9. The CSV export is uploaded as a file to the person's DM, carrying the same.
  const csvButton = slackButtons(record.blocks).find((b) => b.action === 'engagement.csv')!;
  await slack.interact(buttonClick(capture, csvButton.slackActionId, csvButton.value, 4, POLICY_TEAM));
  const [complete] = await capture.waitFor('files.completeUploadExternal');
  expect(complete!.body.channel_id).toBe('D0001');
  expect(capture.of('conversations.open')[0]!.body.users).toBe('U0001');
  expect(capture.of('files.getUploadURLExternal')[0]!.body.filename).toBe('acme-engagement.csv');
  const csv = capture.calls.find((c) => c.path === '/upload/F1')!.raw;
  expect(csv).toContain('meeting,2026-11-26,audit consultation,');
  expect(csv).toContain('ask,2026-11-25,audit consultation,publish the audit,committed,2027-01-31,the full report is online');
  expect(csv).toContain('ask,2026-11-25,audit consultation,pause the automated takedowns,declined,,');
  expect(csv).toContain('commitment,2026-11-26,audit consultation,publish the audit,closed,2027-01-31,');
  expect(csv).toContain('outcome,2027-01-31,audit consultation,publish the audit,yes,,the report went online on 30 January');
  expect(csv).toMatch(/score,2026-11-26,audit consultation,\d+,/);
  // What the people wrote never reaches the logs.
  expect(slack.logs()).not.toMatch(/publish the audit|Jane Roe|went online/);
});
