import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import { hostileString, hostileValue, seededRandom, sometimes } from '../helpers/hostile-inputs';
import type { Button, Reply } from '../../src/base/reply';
import type { Actor, IncomingAction, IncomingCommand, IncomingSubmission } from '../../src/base/incoming';
import { querySqlite } from '../helpers/query-sqlite';

// The core's side of the bad-input campaign: 1,200 generated hostile commands, button presses and
// form submissions, aimed at every command in the catalog and every button and form the bot itself
// shows. The process stays up, each gets a sentence (or is ignored), and nothing is stored.

const rows = async (file: string) => {
  const out: string[] = [];
  for (const { name } of await querySqlite<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
    if (name !== 'engage_claims') out.push(...(await querySqlite(file, `SELECT * FROM "${name}"`)).map((row) => `${name}:${JSON.stringify(row)}`));
  }
  return out.sort();
};

const isSentence = (reply: Reply) => typeof reply.text === 'string' && reply.text.trim().length > 0 && JSON.stringify(reply).length < 60_000;

describe('bad input, core', () => {
  test('1,200 hostile commands, presses and submissions: always a sentence or nothing, never a crash, nothing stored', async () => {
    const t = makeTestBot();
    const file = t.url.slice('sqlite://'.length);
    const rand = seededRandom(20261127);
    const commands = t.bot.catalog.map((c) => c.name);

    // Learn the buttons and forms the bot really shows, so presses and submissions reach real handlers.
    const buttons: Button[] = [];
    const forms = new Set<string>(['debrief', 'reminder', 'remind', 'outcome']);
    const learn = (reply: Reply | undefined) => {
      for (const block of reply?.blocks ?? []) if (block.type === 'actions') buttons.push(...block.buttons);
      if (reply?.form) forms.add(reply.form.id);
    };
    for (const name of commands) for (const example of t.bot.catalog.find((c) => c.name === name)!.examples) {
      learn(await t.bot.handleCommand({ actor: slackActor, command: name, text: example }));
    }
    learn(await t.bot.home(slackActor));
    const before = await rows(file);

    const actor = (): Actor => (rand() < 0.7 ? slackActor : { ...slackActor, timeZone: hostileString(rand), userId: hostileString(rand) }) as Actor;
    let answered = 0;
    let ignored = 0;
    for (let i = 0; i < 1_200; i++) {
      const kind = i % 3;
      try {
        if (kind === 0) {
          const cmd = { actor: actor(), command: sometimes(rand, commands[Math.floor(rand() * commands.length)]), text: hostileValue(rand) } as IncomingCommand;
          const reply = await t.bot.handleCommand(cmd);
          expect(isSentence(reply)).toBe(true);
          answered++;
        } else if (kind === 1) {
          const known = buttons[Math.floor(rand() * buttons.length)];
          const action = { actor: actor(), action: sometimes(rand, known?.action ?? 'tip.show'), value: hostileValue(rand) } as IncomingAction;
          const reply = await t.bot.handleAction(action);
          if (reply) { expect(isSentence(reply)).toBe(true); answered++; } else ignored++;
        } else {
          const ids = [...forms];
          const values: Record<string, unknown> = {};
          for (let f = 0; f < 1 + Math.floor(rand() * 12); f++) values[rand() < 0.5 ? hostileString(rand).slice(0, 40) : ['company', 'date', 'notes', 'when', 'outcome', 'respectful'][f % 6]!] = hostileValue(rand);
          const submission = { actor: actor(), formId: sometimes(rand, ids[Math.floor(rand() * ids.length)]), values: rand() < 0.1 ? hostileValue(rand) : values, metadata: hostileValue(rand) } as IncomingSubmission;
          const result = await t.bot.handleSubmission(submission);
          expect(result && typeof result === 'object').toBe(true);
          if ('reply' in result && result.reply) expect(isSentence(result.reply)).toBe(true);
          answered++;
        }
      } catch (err) {
        throw new Error(`case ${i} (kind ${kind}) threw: ${(err as Error).message}`);
      }
    }
    expect(answered + ignored).toBe(1_200);
    expect(await rows(file)).toEqual(before);
    await t.close();
  }, 120_000);
});

describe('names from outside never reach Object.prototype', () => {
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('"%s" as command, action area and form id is unknown', async (name) => {
    const t = makeTestBot();
    expect((await t.bot.handleCommand({ actor: slackActor, command: name, text: 'x' })).text).toMatch(/\S/);
    expect(await t.bot.handleAction({ actor: slackActor, action: `${name}.show`, value: 'x' })).toBeUndefined();
    expect(await t.bot.handleAction({ actor: slackActor, action: name, value: 'x' })).toBeUndefined();
    expect(await t.bot.handleSubmission({ actor: slackActor, formId: name, values: {}, metadata: '' })).toEqual({});
    await t.close();
  });
});
