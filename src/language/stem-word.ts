import { stem as porter2 } from 'porter2';
import type { Lang } from '../base/language';

// One stemmer per language: Porter2 for English (as before languages), Snowball's for the others
// through @orama/stemmers. Each is loaded on first use, so a bot nobody asks in Arabic never loads it.

type Stemmer = (word: string) => string;

// British -ise spellings meet American -ize ones before stemming ("organisation" = "organization").
const americanise = (word: string) =>
  word.length > 5 ? word.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1').replace(/yse$/, 'yze') : word;

const SNOWBALL: Record<Exclude<Lang, 'en'>, string> = { es: 'spanish', fr: 'french', pt: 'portuguese', ar: 'arabic' };
const loaded = new Map<Lang, Stemmer>();

export function stemmerFor(lang: Lang): Stemmer {
  let stemmer = loaded.get(lang);
  if (!stemmer) {
    if (lang === 'en') stemmer = (word) => porter2(americanise(word));
    else {
      const { stemmer: snowball } = require(`@orama/stemmers/${SNOWBALL[lang]}`) as { stemmer: Stemmer };
      // Snowball leaves the alef of a feminine plural ("شركات" -> "شركا", "الشركة" -> "شرك"): dropped.
      stemmer = lang === 'ar' ? (word) => snowball(withoutArabicPrefix(normaliseArabic(word))).replace(/(?<=..)ا$/u, '') : snowball;
    }
    loaded.set(lang, stemmer);
  }
  return stemmer;
}

// Snowball's Arabic stemmer leaves "wa-" (and) before the article: "والمنظمات" kept its "وال". Those
// prefixes are taken first, as Larkey's light stemmer (Light10) does; a word keeps at least 3 letters.
const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
export function withoutArabicPrefix(word: string): string {
  for (const prefix of ARABIC_PREFIXES) if (word.startsWith(prefix) && word.length - prefix.length >= 3) return word.slice(prefix.length);
  return word;
}

/**
 * Arabic is written with or without short vowels, with several forms of alef and with ta marbuta or
 * ha at a word's end, depending on the writer and the keyboard: one form of each, before stemming.
 */
export const normaliseArabic = (word: string): string =>
  word
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // short vowels, shadda, tatweel
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef with madda / hamza / wasla -> alef
    .replace(/\u0649/g, '\u064a') // alef maqsura -> ya
    .replace(/\u0629/g, '\u0647'); // ta marbuta -> ha
