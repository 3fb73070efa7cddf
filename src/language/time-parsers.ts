import type * as Chrono from 'chrono-node';
import { loadChrono } from '../base/load-chrono';
import type { Lang } from '../base/language';
import { portugueseTimes } from './portuguese-times';

// How times are read in each language: chrono-node's parser for it (Portuguese with what it lacks),
// then English's, since people mix ("el viernes at 10am" is rare, "next Monday" in a French
// sentence is not).

/**
 * Text as the time parsers can read it: chrono's Arabic knows "غداً" and "غدا" but not "غدًا" (the
 * tanween written before the alef), so Arabic short vowels, tanween and shadda are dropped first.
 * The words keep their meaning; only the marks most people leave out go.
 */
export const readableForTimes = (text: string, lang: Lang): string => (lang === 'ar' ? text.replace(/[\u064b-\u065f\u0670]/g, '') : text);

let portuguese: Chrono.Chrono | undefined;

/** The parsers to try, in order: the language's own, then English's. */
export function timeParsersFor(lang: Lang): Chrono.Chrono[] {
  const chrono = loadChrono();
  if (lang === 'en') return [chrono.casual];
  const own = lang === 'pt' ? (portuguese ??= portugueseTimes(chrono)) : chrono[lang].casual;
  return [own, chrono.casual];
}
