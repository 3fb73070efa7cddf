// The languages the bot speaks, and how a platform's locale ("es-LA", "pt_BR.UTF-8", "ar-SA") maps to
// one of them. English is the language of the guide: its headings are quoted in English everywhere.

export const LANGUAGES = ['en', 'es', 'fr', 'pt', 'ar'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The language of a BCP 47 tag or a POSIX locale; undefined for "C", "POSIX" or one we do not speak. */
export function languageOfLocale(locale: string | undefined): Lang | undefined {
  const primary = /^([a-z]{2,3})(?:[-_.@]|$)/i.exec(locale?.trim() ?? '')?.[1]?.toLowerCase();
  return isLang(primary) ? primary : undefined;
}

export const isRightToLeft = (lang: Lang): boolean => lang === 'ar';

/**
 * The locale Intl formats with. Arabic keeps Western digits, as the bot's examples, ids and the times
 * people type use them, and many Arab countries (the Maghreb) write them so.
 */
export const intlLocale = (lang: Lang): string => (lang === 'ar' ? 'ar-u-nu-latn' : lang);

// Unicode bidirectional controls: an English heading or a command inside Arabic text is isolated so it
// keeps its own order and does not reorder the sentence around it (Slack, Teams and terminals all
// apply the Unicode bidi algorithm to each line).
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
const RIGHT_TO_LEFT_MARK = '\u200f';

/** Text from another language set inside a sentence of `lang`: isolated when `lang` is right to left. */
export const isolate = (text: string, lang: Lang): string => (isRightToLeft(lang) ? `${FIRST_STRONG_ISOLATE}${text}${POP_DIRECTIONAL_ISOLATE}` : text);

/** Text of `lang` whose lines may start with a Latin word (a command, a heading): each line's direction set from its start. */
export const linesIn = (text: string, lang: Lang): string =>
  isRightToLeft(lang) ? text.split('\n').map((line) => (line && !line.startsWith(RIGHT_TO_LEFT_MARK) ? `${RIGHT_TO_LEFT_MARK}${line}` : line)).join('\n') : text;

/** Items named one after another ("Human Rights, Legal"), with the language's own comma. */
export const listIn = (items: readonly string[], lang: Lang): string => items.join(lang === 'ar' ? '، ' : ', ');
