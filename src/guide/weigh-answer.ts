import { SEARCH_TUNING } from './search-tuning';

/** How much each word tells: log-scaled rarity over the guide's items; a word no item uses tells the most. */
export function createRarity(docTerms: Set<string>[]) {
  const df = new Map<string, number>();
  for (const terms of docTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docTerms.length;
  const unknown = Math.log(1 + n);
  return (term: string) => {
    const count = df.get(term);
    return count ? Math.log(1 + n / count) : unknown;
  };
}

export type Verdict = 'sure' | 'unsure' | 'none';

export interface Evidence {
  verdict: Verdict;
  /** Best item's raw score on the item index. */
  itemTop: number;
  /** Best example question of an item, and best example of a question the guide does not answer. */
  exampleTop: number;
  outside: number;
  /** Share of the question's rarity-weighted words that the best item matched, and their sum. */
  coverage: number;
  mass: number;
}

interface Ranked { items: readonly { queryTerms: string[] }[]; itemTop: number; exampleTop: number; outside: number }

/**
 * How sure the best match is. BM25 scores alone cannot tell a right answer from a confident wrong
 * one (an off-topic question still shares a word or two with some item), so the verdict weighs two
 * more things: whether the nearest example question is one the guide does not answer, and how much
 * of the question the best item explains (the share of its words, weighted by rarity, that the item
 * matched; words no item uses, such as "excel" or "banana", weigh the most).
 */
export function weigh(r: Ranked, terms: readonly string[], rarity: (term: string) => number): Evidence {
  const best = r.items[0];
  const base = { itemTop: r.itemTop, exampleTop: r.exampleTop, outside: r.outside };
  if (!best || terms.length === 0) return { verdict: 'none', ...base, coverage: 0, mass: 0 };
  const c = SEARCH_TUNING.confidence;
  const total = terms.reduce((sum, t) => sum + rarity(t), 0);
  // MiniSearch reports the query terms after processing (concept tokens included).
  const matched = new Set(best.queryTerms);
  const mass = terms.filter((t) => matched.has(t)).reduce((sum, t) => sum + rarity(t), 0);
  const coverage = total ? mass / total : 0;
  const outsideRatio = r.exampleTop ? r.outside / r.exampleTop : r.outside ? Infinity : 0;
  const verdict: Verdict =
    // An outside question nearer than any item's, but the items explain many rare words of it: a
    // question that borrows an off-topic one's words ("artificial intelligence") may still be the
    // guide's. Offered as a choice, never as the answer.
    outsideRatio >= c.outsideNone ? (mass >= c.sureMass ? 'unsure' : 'none')
      : outsideRatio >= c.outsideUnsure ? 'unsure'
        : (coverage >= c.sureCoverage && mass >= c.sureMinMass) || mass >= c.sureMass ? 'sure'
          : coverage >= c.unsureCoverage ? 'unsure' : 'none';
  return { verdict, ...base, coverage, mass };
}

