import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Button, Form, Reply } from '../../src/base/reply';
import { renderText } from './render-text';
import { commandWords, toConsoleInput } from './to-console-input';
import { createFormSession, type FormSession } from './fill-form';
import { loadConsolePrompts, type ConsolePrompts } from './load-console-prompts';
import { languageOfLocale, linesIn } from '../../src/base/language';
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
  const lang = languageOfLocale(locale) ?? 'en';
  // The chat's own words are in the terminal's language; a form's, in the language it was asked in.
  const wordsIn = inEveryLanguage(loadConsolePrompts);
  const words = wordsIn(lang);
  const commands = commandWords(bot.catalog);
  const homeWords = new Set(['home', ...loadMessages(promptsDirFor(lang)).commandWords.home]);
  const rl = createInterface({ input, output, prompt: words.prompt, terminal: (output as NodeJS.WriteStream).isTTY === true });
  let buttons: Button[] = [];
  // While a form is being filled in, every line answers its current question.
  let filling: Filling | undefined;
  const show = async (reply: Reply) => {
    const rendered = renderText(reply);
    if (rendered.text) output.write(`${rendered.text}\n\n`);
    if (rendered.buttons.length) buttons = rendered.buttons;
    if (reply.file) output.write(`--- ${reply.file.name} ---\n${reply.file.content}\n`);
    if (reply.form) {
      filling = startForm(bot, actor, reply.form, wordsIn(reply.lang ?? 'en'));
      output.write(`${await filling.opening()}\n`);
    }
  };
  output.write(`${linesIn(words.welcome, lang)}\n`);
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
          const step = await filling.answer(line, output);
          if (step.kind === 'asking') return;
          filling = undefined;
          if (step.kind === 'quit') { rl.close(); return; }
          if (step.kind === 'submitted' && step.reply) await show(step.reply);
          if (!filling) rl.prompt();
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

/** A form being filled in, one question at a time: what a typed line does to it. */
interface Filling {
  opening(): Promise<string>;
  answer(line: string, output: NodeJS.WritableStream): Promise<{ kind: 'asking' } | { kind: 'cancelled' | 'quit' } | { kind: 'submitted'; reply?: Reply }>;
}

function startForm(bot: Bot, actor: Actor, form: Form, words: ConsolePrompts): Filling {
  const check = (values: Record<string, string | undefined>, answered: readonly string[]) =>
    bot.checkSubmission({ actor, formId: form.id, values, metadata: form.metadata }, answered);
  const session: FormSession = createFormSession(form, check, words);
  return {
    opening: async () => `${form.title.toUpperCase()}\n${form.intro ?? ''}\n${words.formHint}\n\n${await session.question()}`,
    async answer(line, output) {
      // A way out of a form at any question: nothing is submitted, so nothing is stored.
      const word = line.trim().toLowerCase();
      if (word === 'cancel' || word === 'quit' || word === 'exit') {
        output.write(`${words.formCancelled}\n`);
        return { kind: word === 'cancel' ? 'cancelled' : 'quit' };
      }
      await session.answer(line);
      const next = await session.question();
      if (next) { output.write(`${next}\n`); return { kind: 'asking' }; }
      const result = await bot.handleSubmission({ actor, formId: form.id, values: session.values(), metadata: form.metadata });
      if ('errors' in result && Object.keys(result.errors).length) {
        session.retry(result.errors);
        output.write(`${await session.question()}\n`);
        return { kind: 'asking' };
      }
      return { kind: 'submitted', ...('reply' in result && result.reply ? { reply: result.reply } : {}) };
    },
  };
}

function safeUserName(): string {
  try { return userInfo().username || 'local-user'; } catch { return 'local-user'; }
}
