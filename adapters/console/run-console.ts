import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Bot } from '../../src/core/create-bot';
import type { Actor } from '../../src/core/incoming';
import type { Button, Reply } from '../../src/core/reply';
import { renderText } from './render-text';
import { toConsoleInput } from './to-console-input';

const WELCOME = `engage-bot — local chat. Describe a situation (e.g. "they want us to sign an NDA"),
or type /engage for help, /engage-tip list for the guide's sections, a number to press a button, quit to leave.
`;

/** Where reminders appear when they fall due: the console outbox attaches to the running chat. */
export interface ConsoleDeliveries { attach(show: (reply: Reply) => void): void }

/** A readline chat speaking the same commands as Slack and Teams. Resolves when the person quits. */
export function runConsole(bot: Bot, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, deliveries?: ConsoleDeliveries): Promise<void> {
  const actor: Actor = {
    platform: 'console',
    tenantId: 'local',
    userId: safeUserName(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  const rl = createInterface({ input, output, prompt: 'engage> ', terminal: (output as NodeJS.WriteStream).isTTY === true });
  let buttons: Button[] = [];
  output.write(WELCOME);
  rl.prompt();
  deliveries?.attach((reply) => {
    const rendered = renderText(reply);
    output.write(`\n${rendered.text}\n\n`);
    if (rendered.buttons.length) buttons = rendered.buttons;
    rl.prompt();
  });

  return new Promise((resolve) => {
    let queue = Promise.resolve();
    rl.on('line', (line) => {
      // Lines are handled in order even when a reply takes a moment (storage writes).
      queue = queue.then(async () => {
        const step = toConsoleInput(line, buttons);
        if (step.kind === 'quit') { rl.close(); return; }
        if (step.kind === 'nothing') { rl.prompt(); return; }
        const reply = step.kind === 'command'
          ? await bot.handleCommand({ actor, command: step.command, text: step.text })
          : await bot.handleAction({ actor, action: step.button.action, value: step.button.value });
        if (reply) {
          const rendered = renderText(reply);
          output.write(`${rendered.text}\n\n`);
          if (rendered.buttons.length) buttons = rendered.buttons;
        }
        rl.prompt();
      });
    });
    rl.on('close', () => { void queue.then(() => { output.write('\nBye.\n'); resolve(); }); });
  });
}

function safeUserName(): string {
  try { return userInfo().username || 'local-user'; } catch { return 'local-user'; }
}
