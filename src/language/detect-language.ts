import { z } from 'zod';
import { LANGUAGES, isLang, type Lang } from '../base/language';
import { promptsDirFor, readPromptJson } from '../base/load-prompts';
import { createBoundedMap } from '../base/create-bounded-map';

// Which of the bot's languages a question is written in, with tinyld, restricted to those five. It was
// the most accurate of the libraries that fit the bot's memory on the project's one-line questions
// (docs/languages.md, bench/measure-language-detection.mjs). Loaded on first use: its n-gram tables
// are most of its cost, and a bot asked only in the locale's language never needs them.
//
// On a few words any detector guesses: "schedule Acme consultation" reads as Portuguese to tinyld.
// So a language other than the one the person would otherwise get is taken only when the text shows
// more of that language's small words (its search stop words: articles, prepositions, pronouns) than
// of the other's. Arabic script needs no such evidence. The same small words spare most questions the
// library: when the person's usual language has as many of them as any other, the question is in it
// (tinyld costs a few hundred microseconds a question, several times the rest of a Slack request;
// docs/performance.md).

/** Below this many words a guess is too often wrong ("lista" is Spanish and Portuguese): the locale decides. */
export const MIN_WORDS_TO_DETECT = 3;

interface TinyLd {
  detect(text: string, options: { only: string[] }): string;
}
let tinyld: TinyLd | undefined;

const StopWords = z.object({ words: z.array(z.string()) });
const smallWords = new Map<Lang, ReadonlySet<string>>();
function smallWordsOf(lang: Lang): ReadonlySet<string> {
  let words = smallWords.get(lang);
  if (!words) smallWords.set(lang, (words = new Set(readPromptJson('search/stop-words.json', StopWords, promptsDirFor(lang)).words.map((w) => w.toLowerCase()))));
  return words;
}
const evidence = (lang: Lang, words: readonly string[]) => words.filter((w) => smallWordsOf(lang).has(w)).length;

/**
 * The language of `text`, or undefined when it is too short or the evidence too thin to move away from
 * `otherwise` (what the person would get without detection: their last language or their locale's).
 */
export function detectLanguage(text: string, otherwise: Lang = 'en'): Lang | undefined {
  // A few sentences say which language it is; a request may carry a megabyte of text.
  const sample = text.slice(0, SAMPLE_CHARS);
  // People in a coalition ask the same few questions (the search keeps its recent answers too).
  const key = `${otherwise}\u0000${sample}`;
  const known = recent.get(key);
  if (known !== undefined) return known ?? undefined;
  const found = detectUncached(sample, otherwise);
  recent.set(key, found ?? null);
  return found;
}

/** Recent texts and their language (null: could not tell), bounded: oldest out first. */
const recent = createBoundedMap<string, Lang | null>(2_000);
const SAMPLE_CHARS = 300;
/** Arabic when most of the letters are: an Arabic name inside an English sentence is not. */
const mostlyArabic = (text: string) => (text.match(/\p{Script=Arabic}/gu)?.length ?? 0) * 2 > (text.match(/\p{L}/gu)?.length ?? 0);

function detectUncached(text: string, otherwise: Lang): Lang | undefined {
  const words = (text.toLowerCase().match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []);
  if (words.length < MIN_WORDS_TO_DETECT) return undefined;
  const arabic = mostlyArabic(text);
  const counts = new Map(LANGUAGES.map((lang) => [lang, evidence(lang, words)]));
  const usual = counts.get(otherwise)!;
  if (!arabic) {
    const most = Math.max(...counts.values());
    // No small word of any language ("keeping confidential information confidential"): whatever the
    // library said, there would be no evidence to move on.
    if (most === 0) return undefined;
    if (usual === most) return otherwise;
  }
  tinyld ??= require('tinyld') as TinyLd;
  const found = tinyld.detect(text, { only: [...LANGUAGES] });
  if (!isLang(found)) return undefined;
  if (found === otherwise || (found === 'ar' && arabic)) return found;
  const forIt = counts.get(found)!;
  return forIt > 0 && forIt > usual ? found : undefined;
}
