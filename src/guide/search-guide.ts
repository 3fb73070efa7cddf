import MiniSearch from 'minisearch';
import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';
import type { Guide } from './load-guide';
import type { GuideItem } from './guide-schema';
import { createBoundedMap } from '../base/create-bounded-map';
import { CONCEPT, createAnalyser, type Analyser } from './analyse-text';
import { createNearestExamples } from './nearest-examples';
import { SEARCH_TUNING } from './search-tuning';
import { createRarity, weigh, type Evidence } from './weigh-answer';

// Items are ranked by MiniSearch's BM25+ (field boosts, fuzzy and prefix matching) over what each
// item says and every way of asking for it, plus how near the question is to an item's example
// questions. How sure the answer is comes from weigh-answer.ts; how text is read, from
// analyse-text.ts; every weight, from search-tuning.ts.

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

const Phrasings = z.strictObject({
  about: z.string(),
  /** More ways people describe each item's situation, by item id; indexed with the item's synonyms. */
  items: z.record(z.string(), z.array(z.string().min(3).max(200)).min(1)),
  /** Other languages: each item's keywords in that language (English has them in the item). */
  keywords: z.record(z.string(), z.array(z.string().min(2).max(40)).min(1)).optional(),
});
const OutOfScope = z.strictObject({
  about: z.string(),
  groups: z.array(z.strictObject({ topic: z.string().min(2), questions: z.array(z.string().min(2).max(200)).min(3) })).min(1),
});
const normalizeHeading = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function createGuideSearch(guide: Guide, dir = PROMPTS_DIR): GuideSearch {
  const { analyse, tokenize, termsOf } = createAnalyser(dir);
  const { items: phrasings, keywords = {} } = readPromptJson('search/phrasings.json', Phrasings, dir);
  for (const id of [...Object.keys(phrasings), ...Object.keys(keywords)]) if (!guide.get(id)) throw new Error(`${dir}/search/phrasings.json names "${id}", which is no guide item`);
  if (guide.lang !== 'en') for (const item of guide.items) if (!phrasings[item.id] || !keywords[item.id]) throw new Error(`${dir}/search/phrasings.json has no phrasings or keywords for "${item.id}"`);
  const outside = readPromptJson('search/out-of-scope.json', OutOfScope, dir).groups.flatMap((g) => g.questions);
  const byId = new Map(guide.items.map((d) => [d.id, d]));

  const texts = itemTexts(guide, phrasings, keywords);
  const items = indexItems(texts, byId, tokenize, termsOf);
  const OUTSIDE_LABEL = guide.items.length;
  const examples = indexExamples(guide, phrasings, outside, analyse);
  const labelOf = new Map(guide.items.map((d, label) => [d.id, label]));
  const rarity = createRarity(texts.map((t) => new Set(analyse(Object.values(t).slice(1).join(' ')))));
  // Two items can share a heading (the key term and the team both called "Stakeholder engagement").
  const byHeading = new Map<string, GuideItem[]>();
  for (const item of guide.items) {
    for (const key of new Set([item.title, item.label ?? item.title].map(normalizeHeading))) byHeading.set(key, [...(byHeading.get(key) ?? []), item]);
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
    const w = guide.lang === 'en' ? SEARCH_TUNING.exampleWeight.en : SEARCH_TUNING.exampleWeight.translated;
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
  // People in a coalition ask the same few questions, so recent answers are kept (what a first-time
  // question costs: bench/bench-search.ts). Bounded: oldest out first.
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

type Phrasings = z.infer<typeof Phrasings>['items'];

/** Items as whole documents: what each says, its keywords and every way of asking for it. */
function itemTexts(guide: Guide, phrasings: Phrasings, keywords: Record<string, string[]>) {
  return guide.items.map((d) => ({
    id: d.id,
    // A translated guide: the heading in the language, and the English one people may quote.
    title: d.label ? `${d.label} ; ${d.title}` : d.title,
    keywords: [...d.keywords, ...(keywords[d.id] ?? [])].join(' ; '),
    synonyms: [...d.synonyms, ...(phrasings[d.id] ?? [])].join(' ; '),
    summary: d.summary,
    steps: [...d.steps, ...d.ideas].join(' '),
  }));
}

function indexItems(texts: ReturnType<typeof itemTexts>, byId: Map<string, GuideItem>, tokenize: Analyser['tokenize'], termsOf: Analyser['termsOf']) {
  // Every term the index holds. A question's term found here is matched as it is: typo and prefix
  // matching are for words the guide does not use as typed, and walking the index for the near
  // misses of a word it does use was most of a query's time in the larger translated indexes
  // (docs/performance.md, Search).
  const known = new Set<string>();
  const items = new MiniSearch<(typeof texts)[number]>({
    fields: ['title', 'keywords', 'synonyms', 'summary', 'steps'],
    tokenize,
    // Indexed: the word's stem (so typos and prefixes still find it) and the concepts it belongs to.
    processTerm: (word) => {
      const terms = termsOf(word);
      for (const term of terms ?? []) known.add(term);
      return terms;
    },
    searchOptions: {
      boost: SEARCH_TUNING.boost,
      // Concept tokens are matched exactly: they are not words a person could mistype.
      fuzzy: (term) => !term.startsWith(CONCEPT) && !known.has(term) && SEARCH_TUNING.fuzzy(term),
      prefix: (term) => !term.startsWith(CONCEPT) && !known.has(term) && SEARCH_TUNING.prefix(term),
      combineWith: 'OR',
      // Questions arrive analysed once (see `analyse`), as the terms to look up, space-separated.
      tokenize: (terms) => terms.split(' '),
      processTerm: (term) => term,
      boostDocument: (id) => SEARCH_TUNING.kindBoost[byId.get(String(id))!.kind],
    },
  });
  items.addAll(texts);
  return items;
}

/**
 * Every example question on its own, labelled with its item (by position in the guide) or, past the
 * last item, as outside the guide. A question is compared with questions of the same length and
 * kind here, so "the nearest example is one the guide does not answer" means the same thing
 * whatever the question.
 */
function indexExamples(guide: Guide, phrasings: Phrasings, outside: readonly string[], analyse: Analyser['analyse']) {
  const outsideLabel = guide.items.length;
  return createNearestExamples(
    [
      ...guide.items.flatMap((d, label) => [d.title, ...(d.label ? [d.label] : []), ...d.synonyms, ...(phrasings[d.id] ?? [])].map((q) => ({ label, terms: analyse(q) }))),
      ...outside.map((q) => ({ label: outsideLabel, terms: analyse(q) })),
    ],
    outsideLabel + 1,
  );
}

/** Distinct recent questions whose answers are kept (a few hundred KB at most). */
export const RECENT_QUERIES = 1000;
