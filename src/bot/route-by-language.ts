import type { Actor, IncomingCommand } from '../base/incoming';
import type { Reply } from '../base/reply';
import { COMMAND_WORDS, type CommandWord, type Messages } from '../base/load-prompts';
import { languageOfLocale, type Lang } from '../base/language';
import { createBoundedMap } from '../base/create-bounded-map';
import { detectLanguage as detectWithLibrary } from '../language/detect-language';
import type { BotHandlers } from './create-bot';

// Each language has its own copy of every feature (assemble-bot.ts); this picks the copy for each
// request. A typed command is answered in the language it is written in, when that can be told from
// the text (a Spanish question from an English-locale account gets Spanish); otherwise in the language
// the person last wrote in, else their platform locale, else English. Clicks, forms and the home view
// follow the person's last language, so the buttons under a Spanish answer answer in Spanish.

/**
 * The words each command reads after it (the reminder command reads its own, with its parser; home is
 * the adapters'). A tip question may start with the word for "list" ("lista de verificación para …"):
 * it is the list only when at most a part's name follows.
 */
const WORDS_OF: Record<string, readonly CommandWord[]> = { engage: ['help', 'forgetMe', 'exportMe'], 'engage-tip': ['list'], 'engage-debrief': ['history', 'schedule', 'export'], 'engage-company': ['export'] };
const MAX_WORDS_AFTER_LIST = 3;

const ENGLISH_WORD: Record<CommandWord, string> = {
  help: 'help', list: 'list', history: 'history', schedule: 'schedule', export: 'export', forgetMe: 'forget me', exportMe: 'export me', home: 'home',
};
/** People whose last language is kept, in memory only (a language is not personal data worth storing). */
const REMEMBERED_PEOPLE = 10_000;

export interface RouteOptions {
  handlersIn(lang: Lang): BotHandlers;
  messagesIn(lang: Lang): Messages;
  detectLanguage?: (text: string, otherwise: Lang) => Lang | undefined;
}

export function routeByLanguage({ handlersIn, messagesIn, detectLanguage = detectWithLibrary }: RouteOptions): BotHandlers {
  const lastLanguage = createBoundedMap<string, Lang>(REMEMBERED_PEOPLE);
  const personOf = (a: Actor) => `${a.platform}:${a.tenantId}:${a.userId}`;
  const usual = (actor: Actor): Lang => lastLanguage.get(personOf(actor)) ?? languageOfLocale(actor.locale) ?? 'en';
  const inLanguage = async <T extends Reply | undefined>(lang: Lang, reply: Promise<T>): Promise<T> => {
    const r = await reply;
    return (r ? { ...r, lang } : r) as T;
  };

  return {
    handleCommand(cmd) {
      const otherwise = usual(cmd.actor);
      const typed = typeof cmd.text === 'string' ? cmd.text : '';
      const lang = detectLanguage(typed, otherwise) ?? otherwise;
      lastLanguage.set(personOf(cmd.actor), lang);
      const text = typed && inEnglishWords(typed, messagesIn(lang), WORDS_OF[cmd.command] ?? []);
      return inLanguage(lang, handlersIn(lang).handleCommand(text === typed ? cmd : { ...cmd, text }));
    },
    handleAction(action) {
      const lang = usual(action.actor);
      return inLanguage(lang, handlersIn(lang).handleAction(action));
    },
    async handleSubmission(submission) {
      const lang = usual(submission.actor);
      const result = await handlersIn(lang).handleSubmission(submission);
      return 'reply' in result && result.reply ? { ...result, reply: { ...result.reply, lang } } : result;
    },
    handleShortcut(shortcut) {
      const lang = usual(shortcut.actor);
      return inLanguage(lang, handlersIn(lang).handleShortcut(shortcut));
    },
    handleEvent(event) {
      const lang = usual(event.actor);
      return inLanguage(lang, handlersIn(lang).handleEvent(event));
    },
    checkSubmission: (submission, answered) => handlersIn(usual(submission.actor)).checkSubmission(submission, answered),
    home(actor) {
      const lang = usual(actor);
      return inLanguage(lang, handlersIn(lang).home(actor));
    },
  };
}

const longestFirst = new WeakMap<Messages, { key: CommandWord; word: string }[]>();

/** "lista preparación" -> "list preparación": a command's own word typed in the language, as the feature reads it. */
export function inEnglishWords(text: string, messages: Messages, accepted: readonly CommandWord[] = COMMAND_WORDS): string {
  const trimmed = text.trimStart();
  const lower = trimmed.toLowerCase();
  // Longest first: "exporter mes données" is "export me", not "export" followed by "mes données".
  let words = longestFirst.get(messages);
  if (!words) {
    words = COMMAND_WORDS.flatMap((key) => messages.commandWords[key].map((word) => ({ key, word }))).sort((a, b) => b.word.length - a.word.length);
    longestFirst.set(messages, words);
  }
  for (const { key, word } of words) {
    if (!lower.startsWith(word) || (lower.length > word.length && !/\s/.test(lower[word.length]!))) continue;
    if (!accepted.includes(key)) return text;
    if (key === 'list' && trimmed.slice(word.length).trim().split(/\s+/).length > MAX_WORDS_AFTER_LIST) return text;
    return ENGLISH_WORD[key] + trimmed.slice(word.length);
  }
  return text;
}
