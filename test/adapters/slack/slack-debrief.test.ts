import { startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';

// The real debrief through the real Slack app: the modal's ids are the stable ones the issue names
// (they are stored, exported and used across platforms), and a submission built from that modal
// is scored.

const CHARACTERISTICS = ['scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused', 'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained'];

let slack: SlackTestApp;
beforeEach(async () => { slack = await startSlackTestApp(); });
afterEach(() => slack.close());

test('/engage-debrief opens modal "debrief": a block per characteristic with action "rating", 1-5 and na; company "value"', async () => {
  const res = await slack.command('/engage-debrief', 'Acme quarterly check-in');
  expect(res.status).toBe(200);
  const [open] = await slack.capture.waitFor('views.open');
  const view = open!.body.view;
  expect(view.callback_id).toBe('debrief');
  const blocks = new Map<string, any>(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]));
  expect(blocks.get('company').element.action_id).toBe('value');
  for (const id of CHARACTERISTICS) {
    const block = blocks.get(id);
    expect(block).toBeDefined();
    expect(block.element.action_id).toBe('rating');
    expect(block.element.options.map((o: any) => o.value)).toEqual(['1', '2', '3', '4', '5', 'na']);
  }

  // Answer it the way Slack reports a filled-in modal: block_id → action_id → the element's state.
  const values: Record<string, Record<string, unknown>> = {};
  for (const [id, block] of blocks) {
    const { action_id: action, type, options } = block.element;
    if (CHARACTERISTICS.includes(id)) values[id] = { [action]: { type, selected_option: { value: '4' } } };
    else if (id === 'company') values[id] = { [action]: { type, value: 'Acme' } };
    else if (id === 'date') values[id] = { [action]: { type, selected_date: '2026-11-24' } };
    else if (type === 'radio_buttons' || type === 'static_select') values[id] = { [action]: { type, selected_option: { value: options[0].value } } };
    else values[id] = { [action]: { type, value: block.optional ? null : 'something' } };
  }
  const submitted = await slack.interact({
    type: 'view_submission', team: { id: 'T0001', domain: 'ngo' }, user: { id: 'U0001', team_id: 'T0001' }, api_app_id: 'A0001', token: 'legacy',
    trigger_id: 'trigger-submit', view: { id: 'V1', type: 'modal', callback_id: 'debrief', private_metadata: view.private_metadata, state: { values }, hash: 'h' },
  });
  expect(submitted.status).toBe(200);
  const ack = await submitted.text();
  expect(ack).not.toContain('errors');
  // The result reaches the person: in the modal or as a direct message.
  const until = Date.now() + 3000;
  while (!JSON.stringify(slack.capture.calls).includes('75/100') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(JSON.stringify(slack.capture.calls) + ack).toContain('75/100');
});

test('/engage-debrief export uploads the CSV as a file to the person’s direct messages', async () => {
  slack.capture.answer('conversations.open', { body: { ok: true, channel: { id: 'D0001' } } });
  slack.capture.answer('files.getUploadURLExternal', { body: { ok: true, upload_url: `${slack.capture.url}/upload/F1`, file_id: 'F1' } });
  slack.capture.answer('files.completeUploadExternal', { body: { ok: true, files: [{ id: 'F1', title: 'debriefs.csv' }] } });
  // One debrief to export.
  await slack.bot.handleCommand({ actor: { platform: 'slack', tenantId: 'T0001', userId: 'U0001' }, command: 'engage-debrief', text: 'Acme check-in' })
    .then((r) => slack.bot.handleSubmission({ actor: { platform: 'slack', tenantId: 'T0001', userId: 'U0001' }, formId: 'debrief', values: { company: 'Acme', date: '2026-11-24', 'format-confidentiality': 'public', side: 'civil-society', 'satisfaction-process': '4', 'satisfaction-outcome': '3', ...Object.fromEntries(CHARACTERISTICS.map((c) => [c, '4'])) }, metadata: r.form!.metadata }));
  const res = await slack.command('/engage-debrief', 'export');
  expect(res.status).toBe(200);
  const [complete] = await slack.capture.waitFor('files.completeUploadExternal');
  expect(complete!.body.channel_id).toBe('D0001');
  const upload = slack.capture.calls.find((c) => c.path === '/upload/F1');
  expect(upload).toBeDefined();
  expect(JSON.stringify(upload!.body)).toContain('Acme');
});
