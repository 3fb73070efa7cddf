import type { ItemKind } from './guide-schema';

// Every weight and threshold of the guide search, chosen on the tuning sets (docs/search.md).
export const SEARCH_TUNING = {
  boost: { title: 3, keywords: 2, synonyms: 2.5, summary: 1, steps: 0.6 },
  /**
   * Tips are the answer people want (what to do); characteristics and barriers follow as context;
   * teams, formats, terms and the section-2 topics answer when a question is about them.
   */
  kindBoost: { tip: 1.4, characteristic: 1, barrier: 1, team: 0.8, format: 0.8, term: 0.8, topic: 0.9 } as Record<ItemKind, number>,
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  prefix: (term: string) => term.length >= 4,
  /**
   * Weight of the nearest example question against the item's own score (both relative to the best).
   * Higher in the translated guides: their everyday phrasings were written in the language, while the
   * item text is a translation of ours, further from how people there put it (docs/languages.md).
   */
  exampleWeight: { en: 0.5, translated: 1.2 },
  /**
   * How sure an answer is (weigh-answer.ts). Sure: the best item explains most of the question's
   * words (coverage, provided they say something: a vague "how do we deal with them" explained in
   * full is still vague) or many rare ones (mass), and no question the guide does not answer is as
   * near (outside, relative to the nearest example of an item). None when an outside example is
   * clearly nearer or almost nothing is explained; unsure in between.
   */
  confidence: { sureCoverage: 0.45, sureMinMass: 2.5, sureMass: 6, unsureCoverage: 0.15, outsideUnsure: 0.9, outsideNone: 1.1, alongside: 0.85 },
} as const;

