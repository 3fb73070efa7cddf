import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/core/logger';
import { makeTestBot, slackActor } from '../helpers/make-test-bot';
import type { Reply } from '../../src/core/reply';

// What people type, answer and hold as secrets never reaches the logs, at any level. Marker strings
// are planted in every input of every flow the bot has, at debug level, and searched for afterwards.

const MARKER = 'ZQXMARKER7731';

describe('logs', () => {
  test('no message text, answer or value reaches the logs at debug level', async () => {
    const sink = new PassThrough();
    let logs = '';
    sink.on('data', (d) => { logs += d.toString(); });
    const t = makeTestBot({ logger: createLogger('debug', sink) });
    const seen: Reply[] = [];
    const { catalog } = t.bot.context;

    for (const command of catalog) {
      for (const example of command.examples) seen.push(await t.bot.handleCommand({ actor: slackActor, command: command.name, text: `${example} ${MARKER}` }));
      seen.push(await t.bot.handleCommand({ actor: slackActor, command: command.name, text: MARKER }));
      seen.push(await t.bot.handleCommand({ actor: slackActor, command: command.name, text: `${MARKER}`.repeat(500) }));
    }
    seen.push(await t.bot.handleCommand({ actor: slackActor, command: MARKER, text: MARKER }));
    for (const reply of [...seen]) {
      for (const block of reply.blocks) {
        if (block.type !== 'actions') continue;
        for (const button of block.buttons) {
          const answer = await t.bot.handleAction({ actor: slackActor, action: button.action, value: button.value });
          if (answer) seen.push(answer);
          await t.bot.handleAction({ actor: slackActor, action: button.action, value: `${button.value}${MARKER}` });
        }
      }
      if (reply.form) {
        const values = Object.fromEntries(reply.form.fields.map((f) => [f.id, f.options?.[0]?.value ?? `${MARKER} answer`]));
        await t.bot.handleSubmission({ actor: slackActor, formId: reply.form.id, values, metadata: reply.form.metadata });
        await t.bot.handleSubmission({ actor: slackActor, formId: reply.form.id, values: Object.fromEntries(reply.form.fields.map((f) => [f.id, MARKER])), metadata: MARKER });
      }
    }
    await t.bot.home(slackActor);
    await t.close();

    expect(logs.length).toBeGreaterThan(0); // debug logging really ran
    expect(logs).not.toContain(MARKER);
  });
});
