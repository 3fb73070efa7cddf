import type { Reply } from '../../../src/base/reply';
import { prepAnswers } from '../../helpers/engagement-journey';
import { slackButtons, startSlackTestApp, viewSubmission, type SlackTestApp } from '../../helpers/slack-harness';

// A button marked `sharesHere` (the brief's Share) posts into the conversation it sits in. In a
// channel that is the point; in the person's DM with the bot, or on their Home tab, nobody else would
// see the post, so the button is left out there — through the real Bolt app and the loopback Slack API.

let slack: SlackTestApp;
afterEach(async () => { await slack?.close(); });

const actionsIn = (call: { body: Record<string, any> } | undefined) => slackButtons(call?.body.blocks).map((b) => b.action);
const rowWithShare = { type: 'actions' as const, buttons: [
  { action: 'engagement.share', label: 'Share to this channel', value: 'm1', sharesHere: true },
  { action: 'engagement.record', label: 'Open Acme’s record', value: 'acme' },
] };

/** /engage-prep typed in a channel, its modal submitted: where the brief lands. */
async function prepAndSubmit(app: SlackTestApp) {
  await app.command('/engage-prep', 'Acme check-in', { channel_id: 'C0PT', channel_name: 'policy-team' });
  const [opened] = await app.capture.waitFor('views.open');
  await app.interact(viewSubmission(opened!.body.view, prepAnswers()));
}

test('in the channel where the command was typed (ephemeral, through response_url), the brief keeps Share', async () => {
  slack = await startSlackTestApp();
  await prepAndSubmit(slack);
  const [brief] = await slack.capture.waitFor('respond');
  expect(brief!.body.response_type).toBe('ephemeral');
  expect(actionsIn(brief)).toEqual(expect.arrayContaining(['engagement.share', 'engagement.record']));
});

test('in the DM (the channel’s address refused), the same brief comes without Share and keeps its other buttons', async () => {
  slack = await startSlackTestApp();
  slack.capture.answer('respond', { status: 404, body: 'expired_url' });
  await prepAndSubmit(slack);
  const [dm] = await slack.capture.waitFor('chat.postMessage');
  expect(dm!.body.channel).toBe('U0001');
  expect(JSON.stringify(dm!.body.blocks)).toContain('Brief: Acme, check-in');
  expect(actionsIn(dm)).not.toContain('engagement.share');
  expect(actionsIn(dm)).toContain('engagement.record');
});

test('the outbox leaves Share out of a message to a person’s DM, and keeps it in a channel', async () => {
  slack = await startSlackTestApp();
  const reply: Reply = { text: 'Brief: Acme', blocks: [{ type: 'heading', text: 'Brief: Acme' }, rowWithShare], visibility: 'private' };
  const me = { platform: 'slack' as const, tenantId: 'T0001', userId: 'U0001' };
  expect(await slack.mount.outbox!.send(me, reply)).toMatchObject({ ok: true });
  expect(await slack.mount.outbox!.send({ ...me, channelId: 'C0PT' }, reply)).toMatchObject({ ok: true });
  const [toPerson, toChannel] = slack.capture.of('chat.postMessage');
  expect(toPerson!.body.channel).toBe('U0001');
  expect(actionsIn(toPerson)).toEqual(['engagement.record']);
  expect(toChannel!.body.channel).toBe('C0PT');
  expect(actionsIn(toChannel)).toEqual(['engagement.share', 'engagement.record']);
});

test('the Home tab shows no Share; a row holding nothing else goes with it', async () => {
  slack = await startSlackTestApp({
    wrapBot: (bot) => ({
      ...bot,
      home: async (actor) => {
        const home = await bot.home(actor);
        const onlyShare = { type: 'actions' as const, buttons: [{ ...rowWithShare.buttons[0]!, value: 'm2' }] };
        return { ...home, blocks: [...home.blocks, rowWithShare, onlyShare] };
      },
    }),
  });
  await slack.event({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'home' });
  const [published] = await slack.capture.waitFor('views.publish');
  const blocks: any[] = published!.body.view.blocks;
  expect(actionsIn({ body: { blocks } })).toContain('engagement.record');
  expect(actionsIn({ body: { blocks } })).not.toContain('engagement.share');
  expect(blocks.filter((b) => b.type === 'actions' && b.elements.length === 0)).toEqual([]);
});
