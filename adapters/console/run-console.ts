import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Button, Form, Reply } from '../../src/base/reply';
import { renderText } from './render-text';
import { commandWords, toConsoleInput } from './to-console-input';
import { createFormSession, type FormSession } from './fill-form';
import { loadConsolePrompts } from './load-console-prompts';
import { languageOfLocale, lineIn } from '../../src/base/language';
import { inEveryLanguage, loadMessages, promptsDirFor } from '../../src/base/load-prompts';

/** The terminal's language setting, in POSIX order of precedence. */
export const consoleLocale = (env: NodeJS.ProcessEnv): string | undefined => env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;

/** Where reminders appear when they fall due: the console outbox attaches to the running chat. */
export interface ConsoleDeliveries { attach(show: (reply: Reply) => void): void }

/** A readline chat speaking the same commands as Slack and Teams. Resolves when the person quits. */
export function runConsole(bot: Bot, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, deliveries?: ConsoleDeliveries, locale = consoleLocale(process.env)): Promise<void> {
  const actor: Actor = {
    platform: 'console',
    tenantId: 'local',
    userId: safeUserName(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(locale ? { locale } : {}),
  };
  const wordsIn = inEveryLanguage(loadConsolePrompts);
  // The chat's own words: the terminal's language, then each form's own (it may have been asked in another).
  let words = wordsIn(languageOfLocale(locale) ?? 'en');
  const commands = commandWords(bot.catalog);
  const homeWords = new Set(['home', ...loadMessages(promptsDirFor(languageOfLocale(locale) ?? 'en')).commandWords.home]);
  const rl = createInterface({ input, output, prompt: words.prompt, terminal: (output as NodeJS.WriteStream).isTTY === true });
  let buttons: Button[] = [];
  // While a form is being filled in, every line answers its current question.
  let filling: { form: Form; session: FormSession } | undefined;
  const show = async (reply: Reply) => {
    const rendered = renderText(reply);
    if (rendered.text) output.write(`${rendered.text}\n\n`);
    if (rendered.buttons.length) buttons = rendered.buttons;
    if (reply.file) output.write(`--- ${reply.file.name} ---\n${reply.file.content}\n`);
    if (reply.form) {
      const form = reply.form;
      const check = (values: Record<string, string | undefined>, answered: readonly string[]) =>
        bot.checkSubmission({ actor, formId: form.id, values, metadata: form.metadata }, answered);
      words = wordsIn(reply.lang ?? 'en');
      filling = { form, session: createFormSession(form, check, words) };
      output.write(`${form.title.toUpperCase()}\n${form.intro ?? ''}\n${words.formHint}\n\n${await filling.session.question()}\n`);
    }
  };
  output.write(`${words.welcome.split('\n').map((line) => lineIn(line, languageOfLocale(locale) ?? 'en')).join('\n')}\n`);
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
        if (filling) {
          // A way out of a form at any question: nothing is submitted, so nothing is stored.
          const word = line.trim().toLowerCase();
          if (word === 'cancel' || word === 'quit' || word === 'exit') {
            filling = undefined;
            output.write(`${words.formCancelled}\n`);
            if (word === 'cancel') rl.prompt();
            else rl.close();
            return;
          }
          const { form, session } = filling;
          await session.answer(line);
          const next = await session.question();
          if (next) { output.write(`${next}\n`); return; }
          filling = undefined;
          const result = await bot.handleSubmission({ actor, formId: form.id, values: session.values(), metadata: form.metadata });
          if ('errors' in result && Object.keys(result.errors).length) {
            filling = { form, session };
            session.retry(result.errors);
            output.write(`${await session.question()}\n`);
            return;
          }
          if ('reply' in result && result.reply) await show(result.reply);
          rl.prompt();
          return;
        }
        const step = toConsoleInput(line, buttons, commands, homeWords);
        if (step.kind === 'quit') { rl.close(); return; }
        if (step.kind === 'nothing') { rl.prompt(); return; }
        if (step.kind === 'home') { await show(await bot.home(actor)); rl.prompt(); return; }
        const reply = step.kind === 'command'
          ? await bot.handleCommand({ actor, command: step.command, text: step.text, mentions: step.mentions })
          : await bot.handleAction({ actor, action: step.button.action, value: step.button.value });
        if (reply) await show(reply);
        if (!filling) rl.prompt();
      });
    });
    rl.on('close', () => { void queue.then(() => { output.write(`\n${words.bye}\n`); resolve(); }); });
  });
}

function safeUserName(): string {
  try { return userInfo().username || 'local-user'; } catch { return 'local-user'; }
}
