import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { findPackageRoot } from './package-root';
import { isLang, type Lang } from './language';
import { registerTemplate } from './fill-template';

// Every user-facing word lives in prompts/ as JSON; it is validated here, at start-up and in tests,
// so a typo in a template is a start-up error, not a broken message in front of a user (and every
// template's ICU syntax is compiled by test/base/every-language.test.ts). English is prompts/ itself;
// each other language is the same file set in prompts/<lang>/ (es, fr, pt, ar), validated by the same
// schemas when the language is first used and by the tests, so a missing key in any language fails.

export const PROMPTS_DIR = join(findPackageRoot(), 'prompts');

/** Where a language's files are, under a prompts directory (English: the directory itself). */
export const promptsDirFor = (lang: Lang, dir = PROMPTS_DIR): string => (lang === 'en' ? dir : join(dir, lang));

/** The language a prompts directory holds: its name for prompts/<lang>/, otherwise English. */
export const languageOfPromptsDir = (dir: string): Lang => {
  const name = basename(dir);
  return name !== 'en' && isLang(name) ? name : 'en';
};

const line = z.string().min(1).max(600);
const words = z.array(z.string().trim().toLowerCase().min(1).max(40)).max(6);

/** The words after a command that name one of its actions; each language lists its own for each. */
export const COMMAND_WORDS = ['help', 'list', 'history', 'schedule', 'export', 'forgetMe', 'exportMe', 'home'] as const;
export type CommandWord = (typeof COMMAND_WORDS)[number];

export const Messages = z.strictObject({
  guideName: line,
  tip: z.strictObject({
    tryThis: line, ideas: line, openTip: line, source: line, guideShort: line,
    kindLabel: z.strictObject({ tip: line, characteristic: line, barrier: line, team: line, format: line, term: line, topic: line }),
    related: line, tipsThatHelp: line, optionsLabel: line, nextMatches: line, anotherTip: line,
    helpful: line, notHelpful: line, wasThisHelpful: line, ofTheDay: line, ofTheDayHint: line,
    notCovered: line, notCoveredTry: line, unsure: line, unsureHint: line, emptyAfterCleaning: line, trimmed: line, unknownId: line,
    thanksHelpful: line, thanksNotHelpful: line, noMore: line, share: line,
  }),
  list: z.strictObject({
    heading: line, section: line, partLine: line, partHeading: line, itemLine: line, hint: line,
    unknownPart: line, partButton: line,
  }),
  help: z.strictObject({ heading: line, intro: line, commandLine: line, examplesLabel: line, scope: line, privacy: line, languages: line }),
  errors: z.strictObject({ unknownCommand: line, internal: line, unknownAction: line }),
  /** What people type after a command in this language, read as the English word (see route-by-language). */
  commandWords: z.strictObject(Object.fromEntries(COMMAND_WORDS.map((w) => [w, words])) as Record<CommandWord, typeof words>),
});
export type Messages = z.infer<typeof Messages>;

export function readPromptJson<T>(relativePath: string, schema: z.ZodType<T>, dir = PROMPTS_DIR): T {
  const path = join(dir, relativePath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${shownPath(dir, relativePath)} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${shownPath(dir, relativePath)} is invalid at ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  const lang = languageOfPromptsDir(dir);
  forEachString(parsed.data, (text) => registerTemplate(text, lang));
  return parsed.data;
}

/** "prompts/es/messages.json": where a file is, as a person fixing it would look for it. */
const shownPath = (dir: string, relativePath: string) => relative(dirname(PROMPTS_DIR), join(dir, relativePath)) || relativePath;

function forEachString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') {
    if (value.includes('{')) visit(value);
  } else if (Array.isArray(value)) value.forEach((v) => forEachString(v, visit));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) forEachString(v, visit);
}

/** Something read from prompts/ in each language, on first use and then kept. */
export type Localised<T> = (lang: Lang) => T;

export function inEveryLanguage<T>(load: (dir: string) => T, dir = PROMPTS_DIR): Localised<T> {
  const loaded = new Map<Lang, T>();
  return (lang) => {
    let value = loaded.get(lang);
    if (value === undefined) loaded.set(lang, (value = load(promptsDirFor(lang, dir))));
    return value;
  };
}

export const loadMessages = (dir = PROMPTS_DIR): Messages => readPromptJson('messages.json', Messages, dir);
