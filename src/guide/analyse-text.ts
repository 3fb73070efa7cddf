import { z } from 'zod';
import { languageOfPromptsDir, PROMPTS_DIR, readPromptJson } from '../base/load-prompts';
import { createBoundedMap } from '../base/create-bounded-map';
import type { Lang } from '../base/language';
import { normaliseArabic, stemmerFor } from '../language/stem-word';

// How the search reads text, the guide's and questions alike: words, stems in the text's language
// (British and American spellings meet), stop words, names of several words, and groups of
// interchangeable words (prompts/search/, and prompts/<lang>/search/ for each other language).

/** Prefix of the token standing for a group of interchangeable words; no real word starts with it. */
export const CONCEPT = '~';

const StopWords = z.strictObject({ about: z.string(), words: z.array(z.string().min(1)) });
const TermGroups = z.strictObject({
  about: z.string(),
  // One plain word per entry: a hyphenated entry would be split and each part would join the group.
  phrases: z.array(z.string().min(1)).default([]),
  groups: z.array(z.array(z.string().regex(/^[\p{L}\p{N}]+$/u, 'one word per entry, no spaces or hyphens')).min(2)),
});

const FRENCH_ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’](?=\p{L})/u;
const withoutAccents = (word: string) => word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/**
 * A word's stem, or null for a stop word. English drops accents first (its stemmer knows none);
 * Spanish, French and Portuguese stem the word as written (their stemmers read the accents:
 * "organização" and "organizações" meet), then drop them. `bare`: stem the word without its accents,
 * as it is when typed without them ("organizacao"); the guide's words are indexed both ways, so a
 * question typed either way finds them. "l’entreprise": an elided article is a stop word of its own.
 */
export function createTermNormalizer(stopWords: Iterable<string>, lang: Lang = 'en', bare = false) {
  const stem = stemmerFor(lang);
  // Arabic is compared in one written form (normaliseArabic): a stop word with or without hamza is one.
  const plain = (w: string) => (lang === 'ar' ? normaliseArabic(w) : withoutAccents(w));
  const stop = new Set([...stopWords].map((w) => plain(w.toLowerCase())));
  const of = (raw: string): string | null => {
    const lower = (lang === 'fr' ? raw.toLowerCase().replace(FRENCH_ELISION, '') : raw.toLowerCase()).replace(/[’']/g, '');
    const word = lang === 'en' || bare ? withoutAccents(lower) : lower;
    if (!word || stop.has(plain(word))) return null;
    if (!(lang === 'en' ? /[a-z0-9]/ : /[\p{L}\p{N}]/u).test(word)) return null;
    return lang === 'en' ? stem(word) : withoutAccents(stem(word));
  };
  // The guide and its example questions repeat a small vocabulary many times over: each word is
  // stemmed once, which halves the index build at start-up (bench/bench-search.ts). Bounded, since
  // questions bring new words.
  const known = createBoundedMap<string, string | null>(20_000);
  return (raw: string): string | null => {
    let result = known.get(raw);
    if (result === undefined) known.set(raw, (result = of(raw)));
    return result;
  };
}

// Words are runs of letters, digits, marks and apostrophes: hyphens split ("non-disclosure" is two
// words); Arabic short vowels and shadda are marks, part of the word they sit on.
const splitWords = (text: string) => text.split(/[^\p{L}\p{M}\p{N}'’]+/u).filter(Boolean);

/**
 * Names made of several words ("trust and safety") are one word to the search, in the guide and in
 * questions alike; otherwise their parts match unrelated items ("trust" the team name is not trust
 * between people).
 */
export function createTokenizer(phrases: readonly string[]) {
  // "UN" in capitals is the United Nations; "un" is an article in Spanish, French and Portuguese.
  const withNames = (text: string) => text.replace(/(?<![\p{L}\p{N}])U\.?N\.?(?![\p{L}\p{N}])/gu, ' United Nations ');
  if (phrases.length === 0) return (text: string) => splitWords(withNames(text));
  const escape = (p: string) => splitWords(p).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
  const joined = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text: string) => splitWords(withNames(text).replace(joined, (m) => splitWords(m).join('')));
}

export interface Analyser {
  /** A text as the search sees it: each word's stem, or its concepts when it belongs to a group. */
  analyse(text: string): string[];
  /** For indexing: the words of a text, then each word's terms (its stem and concepts, or none). */
  tokenize(text: string): string[];
  termsOf(word: string): string[] | null;
}

export function createAnalyser(dir = PROMPTS_DIR): Analyser {
  const lang = languageOfPromptsDir(dir);
  const stopWords = readPromptJson('search/stop-words.json', StopWords, dir).words;
  const normalize = createTermNormalizer(stopWords, lang);
  const normalizeBare = lang === 'en' || lang === 'ar' ? undefined : createTermNormalizer(stopWords, lang, true);
  /** A word's stems: as written, and (Latin-script languages) as typed without accents. */
  const stemsOf = (word: string): string[] => {
    const s = normalize(word);
    if (!s) return [];
    const b = normalizeBare?.(word);
    return b && b !== s ? [s, b] : [s];
  };
  // Each interchangeable-word group becomes one concept token ("~" + its first word's stem), indexed
  // beside the word itself. A query word from a group searches for the concept only. Searching for
  // every word of the group instead made one group word count as many query terms (MiniSearch sums
  // them and multiplies by how many matched), so a single "trust" or "media" outweighed the rest of
  // the question; as one token the group also gets its own rarity (IDF), like any word.
  const terms = readPromptJson('search/term-synonyms.json', TermGroups, dir);
  const tokenize = createTokenizer(terms.phrases);
  const concepts = new Map<string, string[]>();
  for (const group of terms.groups) {
    const stems = group.flatMap(stemsOf);
    if (stems.length === 0) continue;
    const concept = CONCEPT + stems[0];
    for (const s of stems) if (!concepts.get(s)?.includes(concept)) concepts.set(s, [...(concepts.get(s) ?? []), concept]);
  }

  const termsOf = (word: string) => {
    const stems = stemsOf(word);
    if (stems.length === 0) return null;
    return [...new Set([...stems, ...stems.flatMap((s) => concepts.get(s) ?? [])])];
  };
  return {
    tokenize,
    termsOf,
    // A question word from a group is looked up as the concept alone (see above); a word of the
    // guide is indexed as itself and as its concepts, so typos and prefixes still find it.
    analyse: (text) => [...new Set(tokenize(text).flatMap((word) => {
      const s = normalize(word);
      return s ? (concepts.get(s) ?? [s]) : [];
    }))],
  };
}
