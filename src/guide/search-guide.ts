import MiniSearch from 'minisearch';
import { stem } from 'porter2';
import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../core/load-prompts';
import type { Guide } from './load-guide';
import type { GuideItem, ItemKind } from './guide-schema';
import { createBoundedMap } from '../core/create-bounded-map';
import { createNearestExamples } from './nearest-examples';

// Ranking is MiniSearch's BM25+ with field boosts, fuzzy and prefix matching; what this file adds is
// the language side (stemming, stop words, the interchangeable-word groups and everyday phrasings in
// prompts/search/) and how sure an answer is. Tuning lives in SEARCH_TUNING, nowhere else.

export interface SearchHit {
  item: GuideItem;
  score: number;
  /** True only when the search is sure this item answers the question (see `weigh`). */
  confident: boolean;
}

export interface GuideSearch {
  search(query: string, options?: { limit?: number }): SearchHit[];
  /** Why the search is as sure as it is about a question (for tuning and tests; not cached). */
  weigh(query: string): Evidence;
}

export const SEARCH_TUNING = {
  boost: { title: 3, keywords: 2, synonyms: 2.5, summary: 1, steps: 0.6 },
  /**
   * Tips are the answer people want (what to do); characteristics and barriers follow as context;
   * teams, formats, terms and the section-2 topics answer when a question is about them.
   */
  kindBoost: { tip: 1.4, characteristic: 1, barrier: 1, team: 0.8, format: 0.8, term: 0.8, topic: 0.9 } as Record<ItemKind, number>,
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  prefix: (term: string) => term.length >= 4,
  /** How sure an answer is: see `weigh`. */
  /** Weight of the nearest example question against the item's own score (both relative to the best). */
  exampleWeight: 0.5,
  /**
   * Sure: the question's words are mostly explained by the best item (coverage, provided they say
   * something: a vague "how do we deal with them" explained in full is still vague) or many rare
   * ones are (mass), and no question the guide does not answer is as near (outside, relative to the nearest
   * example of an item). Unsure in between; none when an outside example is clearly nearer or almost
   * nothing is explained. Chosen on the tuning sets; figures in the README.
   */
  confidence: { sureCoverage: 0.45, sureMinMass: 2.5, sureMass: 6, unsureCoverage: 0.15, outsideUnsure: 0.9, outsideNone: 1.1, alongside: 0.85 },
} as const;

/** Prefix of the token standing for a group of interchangeable words; no real word starts with it. */
const CONCEPT = '~';

const StopWords = z.strictObject({ about: z.string(), words: z.array(z.string().min(1)) });
const Phrasings = z.strictObject({
  about: z.string(),
  /** More ways people describe each item's situation, by item id; indexed with the item's synonyms. */
  items: z.record(z.string(), z.array(z.string().min(3).max(200)).min(1)),
});
const OutOfScope = z.strictObject({
  about: z.string(),
  groups: z.array(z.strictObject({ topic: z.string().min(2), questions: z.array(z.string().min(2).max(200)).min(3) })).min(1),
});
const TermGroups = z.strictObject({
  about: z.string(),
  // One plain word per entry: a hyphenated entry would be split and each part would join the group.
  phrases: z.array(z.string().min(1)).default([]),
  groups: z.array(z.array(z.string().regex(/^[\p{L}\p{N}]+$/u, 'one word per entry, no spaces or hyphens')).min(2)),
});

// British -ise spellings meet American -ize ones before stemming ("organisation" = "organization").
const americanise = (word: string) =>
  word.length > 5 ? word.replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1').replace(/yse$/, 'yze') : word;

export function createTermNormalizer(stopWords: Iterable<string>) {
  const stop = new Set([...stopWords].map((w) => w.toLowerCase()));
  const of = (raw: string): string | null => {
    const word = raw.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, '');
    if (!word || stop.has(word)) return null;
    if (!/[a-z0-9]/.test(word)) return null;
    return stem(americanise(word));
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

// Words are runs of letters, digits and apostrophes: hyphens split ("non-disclosure" is two words).
const splitWords = (text: string) => text.split(/[^\p{L}\p{N}'’]+/u).filter(Boolean);

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
const normalizeHeading = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function createGuideSearch(guide: Guide, dir = PROMPTS_DIR): GuideSearch {
  const normalize = createTermNormalizer(readPromptJson('search/stop-words.json', StopWords, dir).words);
  // Each interchangeable-word group becomes one concept token ("~" + its first word's stem), indexed
  // beside the word itself. A query word from a group searches for the concept only. Searching for
  // every word of the group instead made one group word count as many query terms (MiniSearch sums
  // them and multiplies by how many matched), so a single "trust" or "media" outweighed the rest of
  // the question; as one token the group also gets its own rarity (IDF), like any word.
  const terms = readPromptJson('search/term-synonyms.json', TermGroups, dir);
  const tokenize = createTokenizer(terms.phrases);
  const concepts = new Map<string, string[]>();
  for (const group of terms.groups) {
    const stems = group.map(normalize).filter((s): s is string => Boolean(s));
    const concept = CONCEPT + stems[0];
    for (const s of stems) if (!concepts.get(s)?.includes(concept)) concepts.set(s, [...(concepts.get(s) ?? []), concept]);
  }

  const phrasings = readPromptJson('search/phrasings.json', Phrasings, dir).items;
  for (const id of Object.keys(phrasings)) if (!guide.get(id)) throw new Error(`prompts/search/phrasings.json names "${id}", which is no guide item`);
  const outside = readPromptJson('search/out-of-scope.json', OutOfScope, dir).groups.flatMap((g) => g.questions);
  const byId = new Map(guide.items.map((d) => [d.id, d]));

  // Items as whole documents: what each says, its keywords and every way of asking for it.
  const texts = guide.items.map((d) => ({
    id: d.id,
    title: d.title,
    keywords: d.keywords.join(' ; '),
    synonyms: [...d.synonyms, ...(phrasings[d.id] ?? [])].join(' ; '),
    summary: d.summary,
    steps: [...d.steps, ...d.ideas].join(' '),
  }));
  const items = new MiniSearch<(typeof texts)[number]>({
    fields: ['title', 'keywords', 'synonyms', 'summary', 'steps'],
    tokenize,
    // Indexed: the word's stem (so typos and prefixes still find it) and the concepts it belongs to.
    processTerm: (term) => {
      const s = normalize(term);
      return s ? [s, ...(concepts.get(s) ?? [])] : null;
    },
    searchOptions: {
      boost: SEARCH_TUNING.boost,
      // Concept tokens are matched exactly: they are not words a person could mistype.
      fuzzy: (term) => !term.startsWith(CONCEPT) && SEARCH_TUNING.fuzzy(term),
      prefix: (term) => !term.startsWith(CONCEPT) && SEARCH_TUNING.prefix(term),
      combineWith: 'OR',
      // Questions arrive analysed once (see `analyse`), as the terms to look up, space-separated.
      tokenize: (terms) => terms.split(' '),
      processTerm: (term) => term,
      boostDocument: (id) => SEARCH_TUNING.kindBoost[byId.get(String(id))!.kind],
    },
  });
  items.addAll(texts);

  /** A question as the search sees it: each word's stem, or its concept when it belongs to a group. */
  const analyse = (query: string) => [...new Set(tokenize(query).flatMap((word) => {
    const s = normalize(word);
    return s ? (concepts.get(s) ?? [s]) : [];
  }))];

  // Every example question on its own, labelled with its item (by position) or as outside the guide.
  // A question is compared with questions of the same length and kind here, so "the nearest example
  // is one the guide does not answer" means the same thing whatever the question.
  const OUTSIDE_LABEL = guide.items.length;
  const examples = createNearestExamples(
    [
      ...guide.items.flatMap((d, label) => [d.title, ...d.synonyms, ...(phrasings[d.id] ?? [])].map((q) => ({ label, terms: analyse(q) }))),
      ...outside.map((q) => ({ label: OUTSIDE_LABEL, terms: analyse(q) })),
    ],
    OUTSIDE_LABEL + 1,
  );
  const labelOf = new Map(guide.items.map((d, label) => [d.id, label]));
  const rarity = createRarity(texts.map((t) => new Set(analyse(Object.values(t).slice(1).join(' ')))));
  // Two items can share a heading (the key term and the team both called "Stakeholder engagement").
  const byHeading = new Map<string, GuideItem[]>();
  for (const item of guide.items) {
    const key = normalizeHeading(item.title);
    byHeading.set(key, [...(byHeading.get(key) ?? []), item]);
  }

  /** Items ranked on both indexes (each score relative to its index's best), and the evidence. */
  const rank = (query: string) => {
    const terms = analyse(query);
    const joined = terms.join(' ');
    const found = joined ? items.search(joined) : [];
    const nearest = examples.best(terms);
    const outsideScore = nearest[OUTSIDE_LABEL]!;
    const itemTop = found[0]?.score ?? 0;
    let exampleTop = 0;
    for (let label = 0; label < OUTSIDE_LABEL; label++) exampleTop = Math.max(exampleTop, nearest[label]!);
    const w = SEARCH_TUNING.exampleWeight;
    const ranked = found
      .map((r) => ({ id: String(r.id), queryTerms: r.queryTerms, score: r.score / itemTop + (exampleTop ? (w * nearest[labelOf.get(String(r.id))!]!) / exampleTop : 0) }))
      .sort((a, b) => b.score - a.score);
    return { ranked, evidence: weigh({ items: ranked, itemTop, exampleTop, outside: outsideScore }, terms, rarity) };
  };

  const searchUncached = (query: string, limit: number): SearchHit[] => {
    const { ranked, evidence } = rank(query);
    // Quoting a heading is how people cite the guide: those items come first, whatever their kind.
    const idMatch = guide.get(query.trim().toLowerCase());
    const exact = byHeading.get(normalizeHeading(query)) ?? (idMatch ? [idMatch] : []);
    if (exact.length > 0) {
      const top = (ranked[0]?.score ?? 1) + 1;
      const first = exact.map((item) => ({ item, score: top, confident: true }));
      const rest = ranked.filter((r) => !exact.some((e) => e.id === r.id)).map((r) => ({ item: byId.get(r.id)!, score: r.score, confident: false }));
      return [...first, ...rest].slice(0, limit);
    }
    if (evidence.verdict === 'none') return [];
    const top = ranked[0]!.score;
    return ranked.slice(0, limit).map((r, i) => ({
      item: byId.get(r.id)!,
      score: r.score,
      confident: evidence.verdict === 'sure' && (i === 0 || r.score >= top * SEARCH_TUNING.confidence.alongside),
    }));
  };

  // The guide does not change while the bot runs, so a question asked before has the same answer.
  // People in a coalition ask the same few questions, so recent answers are kept (see
  // docs/performance.md for what a search costs). Bounded: oldest out first.
  const recent = createBoundedMap<string, SearchHit[]>(RECENT_QUERIES);
  return {
    search(query, { limit = 5 } = {}) {
      const key = `${limit}\u0000${query}`;
      const hits = recent.get(key) ?? searchUncached(query, limit);
      recent.set(key, hits); // asked again: the newest, last to leave
      return hits.map((h) => ({ ...h })); // callers get their own copies; the cache stays as computed
    },
    weigh: (query) => rank(query).evidence,
  };
}

/** How much each word tells: log-scaled rarity over the guide's items; a word no item uses tells the most. */
function createRarity(docTerms: Set<string>[]) {
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

/**
 * How sure the best match is. BM25 scores alone cannot tell a right answer from a confident wrong
 * one (an off-topic question still shares a word or two with some item), so the verdict also asks
 * how much of the question the best item explains: the share of the question's words, weighted by
 * how rare they are, that it matched. Words no item uses ("excel", "banana") weigh the most, so a
 * question made of them is not explained however well its one guide word matched.
 */
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
    outsideRatio >= c.outsideNone ? 'none'
      : outsideRatio >= c.outsideUnsure ? 'unsure'
        : (coverage >= c.sureCoverage && mass >= c.sureMinMass) || mass >= c.sureMass ? 'sure'
          : coverage >= c.unsureCoverage ? 'unsure' : 'none';
  return { verdict, ...base, coverage, mass };
}

/** Distinct recent questions whose answers are kept (a few hundred KB at most). */
export const RECENT_QUERIES = 1000;
