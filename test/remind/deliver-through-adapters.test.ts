import { createSweeper } from '../../src/remind/deliver-due-reminders';
import { silentLogger } from '../../src/base/logger';
import type { Clock } from '../../src/base/clock';
import type { AssembledBot } from '../../src/bot/assemble-bot';
import type { Outbox } from '../../src/base/outbox';
import { buttonClick, startSlackTestApp } from '../helpers/slack-harness';
import { startCaptureServer, startTeams, teamsMessage } from '../adapters/teams/teams-harness';
import { cardProblems } from '../adapters/teams/card-validator';

// A reminder set with the command arrives through the real platform adapter at a local stand-in
// for Slack's and Microsoft's APIs, once, with buttons that work.

function sweeperFor(bot: AssembledBot, platform: 'slack' | 'teams', outbox: Outbox) {
  let now = Date.parse('2026-11-25T09:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const ctx = bot.parts;
  const sweeper = createSweeper({ reminders: ctx.reminders, messages: ctx.reminderMessages, clock, logger: silentLogger, outboxes: { [platform]: outbox }, render: bot.renderDue });
  return { sweep: () => sweeper.sweep(), advance: (ms: number) => { now += ms; } };
}

test('Slack: /engage-remind … in 2 minutes is posted once to the person, and its Done button works', async () => {
  const slack = await startSlackTestApp();
  try {
    const clock = sweeperFor(slack.bot, 'slack', slack.mount.outbox!);
    await clock.sweep(); // the scheduler's start-up sweep
    const set = await slack.command('/engage-remind', 'me to ask Acme what came of the consultation in 2 minutes');
    expect(JSON.stringify(await set.json())).toMatch(/09:02|12:02/);
    clock.advance(3 * 60_000);
    expect(await clock.sweep()).toMatchObject({ sent: 1 });
    expect(await clock.sweep()).toMatchObject({ sent: 0 });
    const posts = slack.capture.of('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.channel).toBe('U0001');
    expect(JSON.stringify(posts[0]!.body.blocks)).toContain('what came of the consultation');
    const done = posts[0]!.body.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => String(e.action_id).startsWith('remind.done'));
    expect(done).toBeDefined();
    const res = await slack.interact(buttonClick(slack.capture, done.action_id, done.value, 7));
    expect(res.status).toBe(200);
    const list = await slack.command('/engage-remind', 'list');
    expect(JSON.stringify(await list.json())).not.toContain('what came of the consultation');
  } finally {
    await slack.close();
  }
});

test('Teams: remind … in 2 minutes arrives once as a valid card in the personal chat', async () => {
  const capture = await startCaptureServer();
  const teams = await startTeams();
  try {
    const clock = sweeperFor(teams.bot.bot, 'teams', teams.mount.outbox!);
    await clock.sweep();
    const set = await teams.post(teamsMessage(capture.url, 'remind me to check in with our ally at Acme in 2 minutes'));
    expect(set.status).toBe(200);
    expect(JSON.stringify(capture.requests.at(-1)?.body)).toMatch(/check in with our ally/);
    const before = capture.requests.length;
    clock.advance(3 * 60_000);
    expect(await clock.sweep()).toMatchObject({ sent: 1 });
    expect(await clock.sweep()).toMatchObject({ sent: 0 });
    const sent = capture.requests.slice(before).filter((r) => r.method === 'POST');
    expect(sent).toHaveLength(1);
    const card = sent[0]!.body.attachments[0].content;
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('check in with our ally at Acme');
  } finally {
    await teams.close();
    await capture.close();
  }
});
