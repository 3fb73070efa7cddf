import { NOW_S, SIGNING_SECRET, buttonClick, sign, startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';

// Signed HTTP requests into the real Bolt app on the shared HTTP server; a local capture server
// stands in for slack.com/api and for response_url.

let slack: SlackTestApp;
beforeEach(async () => { slack = await startSlackTestApp(); });
afterEach(async () => { await slack.close(); });

const buttons = (blocks: any[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);

describe('slash commands', () => {
  test('/engage-tip answers inside the acknowledgement, privately, with a share-in-channel button', async () => {
    const res = await slack.command('/engage-tip', 'they want us to sign an NDA before the meeting');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: expect.any(String), emoji: true } });
    const share = buttons(body.blocks).find((b: any) => b.action_id.startsWith('tip.share~'));
    expect(share).toMatchObject({ type: 'button', style: 'primary', text: { text: 'Share in channel' } });
    // No second round trip for the answer itself.
    expect(slack.capture.of('respond')).toHaveLength(0);
    expect(slack.capture.of('chat.postMessage')).toHaveLength(0);
    // The person's time zone was asked for once, with the bot token.
    expect(slack.capture.of('users.info')).toHaveLength(1);
    expect(slack.capture.of('users.info')[0]!.body).toMatchObject({ user: 'U0001' });
    expect(slack.capture.of('users.info')[0]!.headers.authorization).toBe('Bearer xoxb-test-token');
  });

  test('action ids are unique within a message (Slack refuses duplicates) and every block is valid', async () => {
    const body = await (await slack.command('/engage-tip', 'our contact at the company just left')).json();
    const ids = buttons(body.blocks).map((b: any) => b.action_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
  });

  test('/engage-tip on something the guide does not cover: an honest answer, valid blocks, no citation', async () => {
    const body = await (await slack.command('/engage-tip', 'how do I make a pivot table in excel')).json();
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toMatch(/I don’t think the guide covers that/);
    expect(JSON.stringify(body.blocks)).not.toMatch(/Source:/);
    expect(buttons(body.blocks).map((b: any) => b.action_id.split('~')[0])).toEqual(['tip.list']);
  });

  test('/engage shows help for every catalog command; an unknown command gets a friendly sentence', async () => {
    const help = await (await slack.command('/engage', '')).json();
    const text = JSON.stringify(help.blocks);
    expect(text).toContain('/engage-tip');
    const unknown = await (await slack.command('/engage-nope', 'x')).json();
    expect(unknown.text).toMatch(/I don’t know the command “engage-nope”/);
  });

  test('the time zone is looked up once per person and cached', async () => {
    await slack.command('/engage-tip', 'list');
    await slack.command('/engage-tip', 'list');
    expect(slack.capture.of('users.info')).toHaveLength(1);
  });
});

describe('buttons', () => {
  test('"share in channel" posts the tip to the channel through response_url', async () => {
    const answer = await (await slack.command('/engage-tip', 'they want us to sign an NDA before the meeting')).json();
    const share = buttons(answer.blocks).find((b: any) => b.action_id.startsWith('tip.share~'));
    const res = await slack.interact(buttonClick(slack.capture, share.action_id, share.value));
    expect(res.status).toBe(200);
    const [posted] = await slack.capture.waitFor('respond');
    expect(posted!.path).toBe('/respond/click-1');
    expect(posted!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(posted!.body.blocks[0].type).toBe('header');
    // Shared copies carry no second share button.
    expect(buttons(posted!.body.blocks).some((b: any) => b.action_id.startsWith('tip.share'))).toBe(false);
  });

  test('"helpful" is recorded and thanked privately', async () => {
    const answer = await (await slack.command('/engage-tip', 'our contact at the company just left')).json();
    const helpful = buttons(answer.blocks).find((b: any) => b.value.endsWith('|up'));
    await slack.interact(buttonClick(slack.capture, helpful.action_id, helpful.value));
    const [posted] = await slack.capture.waitFor('respond');
    expect(posted!.body).toMatchObject({ response_type: 'ephemeral', text: 'Thanks — glad it helped. Your vote is saved.' });
  });

  test('unknown action ids and malformed values are acknowledged and ignored', async () => {
    const res = await slack.interact(buttonClick(slack.capture, 'nobody.knows~0', 'x'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const res2 = await slack.interact(buttonClick(slack.capture, 'tip.another~3', 'not-an-offset', 2));
    expect(res2.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.capture.of('respond')).toHaveLength(0);
  });
});

describe('App Home', () => {
  test('app_home_opened publishes the person’s home view', async () => {
    const res = await slack.event({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'home' });
    expect(res.status).toBe(200);
    const [published] = await slack.capture.waitFor('views.publish');
    expect(published!.body.user_id).toBe('U0001');
    expect(published!.body.view.type).toBe('home');
    expect(published!.body.view.blocks.length).toBeGreaterThan(0);
    expect(published!.body.view.blocks.length).toBeLessThanOrEqual(100);
  });

  test('cancelling a reminder on the Home tab confirms it and shows the tab without it at once', async () => {
    await slack.command('/engage-remind', 'me to ask Acme what came of the consultation in 2 weeks');
    await slack.event({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'home' });
    const [home] = await slack.capture.waitFor('views.publish');
    expect(JSON.stringify(home!.body.view)).toContain('what came of the consultation');
    const cancel = buttons(home!.body.view.blocks).find((e: any) => e.action_id.startsWith('remind.cancel'));
    const { response_url: _none, channel: _channel, ...click } = buttonClick(slack.capture, cancel.action_id, cancel.value);
    await slack.interact({ ...click, container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', team_id: 'T0001' } });
    const [, refreshed] = await slack.capture.waitFor('views.publish', 2);
    expect(JSON.stringify(refreshed!.body.view)).not.toContain('what came of the consultation');
    const [dm] = await slack.capture.waitFor('chat.postMessage');
    expect(dm!.body.channel).toBe('U0001');
  });

  test('the messages tab does not publish anything', async () => {
    await slack.event({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'messages' });
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.capture.of('views.publish')).toHaveLength(0);
  });

  test('url_verification is answered with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'legacy', challenge: 'abc123' });
    const res = await slack.post(body, { contentType: 'application/json' });
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });
});

describe('security beyond Bolt', () => {
  const body = new URLSearchParams({ team_id: 'T0001', user_id: 'U0001', command: '/engage', text: '', trigger_id: 't', response_url: 'http://127.0.0.1:9/x' }).toString();

  test('401 for a bad, missing, stale or future signature; the handler never runs', async () => {
    expect((await slack.post(body, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await slack.post(body, { signature: null })).status).toBe(401);
    expect((await slack.post(body, { ts: NOW_S - 301 })).status).toBe(401);
    expect((await slack.post(body, { ts: NOW_S + 301 })).status).toBe(401);
    expect((await slack.post(body, { signature: 'v0=abc' })).status).toBe(401);
    expect(slack.capture.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(slack.logs()).toContain('future_timestamp');
    // Within the window either way is fine.
    expect((await slack.post(body, { ts: NOW_S + 290 })).status).toBe(200);
  });

  test('a replayed request (same signature and body) is dropped, not acted on twice', async () => {
    const first = await slack.post(body);
    expect((await first.json()).blocks.length).toBeGreaterThan(0);
    const again = await slack.post(body);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('');
    expect(slack.logs()).toContain('"reason":"replay"');
  });

  test('a body over 1 MB is refused with 413 before it is buffered', async () => {
    const huge = `text=${'a'.repeat(1024 * 1024 + 10)}`;
    const res = await slack.post(huge);
    expect(res.status).toBe(413);
  });

  test('malformed payload JSON is a 400, and the app keeps answering', async () => {
    const bad = new URLSearchParams({ payload: '{"type":"block_actions",' }).toString();
    expect((await slack.post(bad)).status).toBe(400);
    const notObject = new URLSearchParams({ payload: '[1,2]' }).toString();
    expect((await slack.post(notObject)).status).toBe(400);
    expect((await slack.post('{nope', { contentType: 'application/json' })).status).toBe(400);
    expect((await slack.command('/engage', '')).status).toBe(200);
  });

  test('the signature covers the exact bytes: a changed body fails', async () => {
    const ts = NOW_S;
    const signature = sign(SIGNING_SECRET, ts, body);
    expect((await slack.post(`${body}&text=extra`, { signature, ts })).status).toBe(401);
  });
});

test('no message text, button value or token reaches the logs, even at debug level', async () => {
  const MARK = 'zebra-marker-7731';
  await slack.command('/engage-tip', `we met ${MARK} yesterday`);
  await slack.command('/engage-nope', MARK);
  await slack.interact(buttonClick(slack.capture, 'tip.another~0', `0|${MARK}`));
  await slack.capture.waitFor('respond');
  await slack.post(new URLSearchParams({ payload: `{"${MARK}"` }).toString());
  await slack.post(`text=${MARK}`, { secret: 'wrong' });
  slack.capture.answer('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
  await slack.mount.outbox!.send({ platform: 'slack', tenantId: 'T0001', channelId: 'C1' }, { text: MARK, blocks: [{ type: 'text', text: MARK }], visibility: 'channel' });
  const logs = slack.logs();
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).not.toContain(MARK);
  expect(logs).not.toContain('xoxb-test-token');
  expect(logs).not.toContain(SIGNING_SECRET);
});
