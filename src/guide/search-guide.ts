import MiniSearch from 'minisearch';
import { stem } from 'porter2';
import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../core/load-prompts';
import type { Guide } from './load-guide';
import type { GuideItem, ItemKind } from './guide-schema';
import { createBoundedMap } from '../core/create-bounded-map';

// Ranking is MiniSearch's BM25+ with field boosts, fuzzy and prefix matching; what this file adds is
// the language side: stemming (British and American spellings meet), stop words, and the
// interchangeable-word groups in prompts/search/. Tuning lives in SEARCH_TUNING, nowhere else.

export interface SearchHit {
  item: GuideItem;
  score: number;
}

export interface GuideSearch {
  search(query: string, options?: { limit?: number }): SearchHit[];
}

/** Kinds a free-text question is answered with; teams, formats and terms are reached by id or list. */
export const SEARCHED_KINDS: readonly ItemKind[] = ['tip', 'characteristic', 'barrier'];

export const SEARCH_TUNING = {
  boost: { title: 3, keywords: 2, synonyms: 1.6, summary: 1, steps: 0.6 },
  /** Tips are the answer people want (what to do); characteristics and barriers follow as context. */
  kindBoost: { tip: 1.4, characteristic: 1, barrier: 1, team: 0.8, format: 0.8, term: 0.8 } as Record<ItemKind, number>,
  fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  prefix: (term: string) => term.length >= 4,
} as const;

/** Prefix of the token standing for a group of interchangeable words; no real word starts with it. */
const CONCEPT = '~';

const StopWords = z.strictObject({ about: z.string(), words: z.array(z.string().min(1)) });
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
  return (raw: string): string | null => {
    const word = raw.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, '');
    if (!word || stop.has(word)) return null;
    if (!/[a-z0-9]/.test(word)) return null;
    return stem(americanise(word));
  };
}

const splitWords = (text: string) => text.split(/[^\p{L}\p{N}'’-]+/u).flatMap((t) => t.split(/-+/)).filter(Boolean);

/**
 * Names made of several words ("trust and safety") are one word to the search, in the guide and in
 * questions alike; otherwise their parts match unrelated items ("trust" the team name is not trust
 * between people).
 */
export function createTokenizer(phrases: readonly string[]) {
  if (phrases.length === 0) return splitWords;
  const escape = (p: string) => splitWords(p).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
  const joined = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text: string) => splitWords(text.replace(joined, (m) => splitWords(m).join('')));
}
const normalizeHeading = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function createGuideSearch(guide: Guide, dir = PROMPTS_DIR, kinds = SEARCHED_KINDS): GuideSearch {
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

  const docs = guide.items.filter((item) => kinds.includes(item.kind));
  const index = new MiniSearch<{ id: string; title: string; keywords: string; synonyms: string; summary: string; steps: string }>({
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
      processTerm: (term) => {
        const s = normalize(term);
        if (!s) return null;
        return concepts.get(s) ?? s;
      },
      boostDocument: (id) => SEARCH_TUNING.kindBoost[byId.get(String(id))!.kind],
    },
  });
  const byId = new Map(docs.map((d) => [d.id, d]));
  index.addAll(
    docs.map((d) => ({
      id: d.id,
      title: d.title,
      keywords: d.keywords.join(' ; '),
      synonyms: d.synonyms.join(' ; '),
      summary: d.summary,
      steps: d.steps.join(' '),
    })),
  );
  // Two items can share a heading (the key term and the team both called "Stakeholder engagement").
  const byHeading = new Map<string, GuideItem[]>();
  for (const item of guide.items) {
    const key = normalizeHeading(item.title);
    byHeading.set(key, [...(byHeading.get(key) ?? []), item]);
  }

  // The guide does not change while the bot runs, so a question asked before has the same answer.
  // Searching costs ~0.12 ms (fuzzy and prefix matching over every term), which was the largest
  // share of a slash command's cost next to Bolt's own (bench/bench-slack.ts); people in a
  // coalition ask the same few questions, so recent answers are kept. Bounded: oldest out first.
  const recent = createBoundedMap<string, SearchHit[]>(RECENT_QUERIES);
  const searchUncached = (query: string, limit: number): SearchHit[] => {
    const hits = index.search(query).map((r) => ({ item: byId.get(String(r.id))!, score: r.score }));
    // Quoting a heading is how people cite the guide: those items come first, whatever their kind.
    const idMatch = guide.get(query.trim().toLowerCase());
    const exact = byHeading.get(normalizeHeading(query)) ?? (idMatch ? [idMatch] : []);
    if (exact.length > 0) {
      const top = (hits[0]?.score ?? 1) + 1;
      const first = exact.map((item) => ({ item, score: top }));
      return [...first, ...hits.filter((h) => !exact.includes(h.item))].slice(0, limit);
    }
    return hits.slice(0, limit);
  };

  return {
    search(query, { limit = 5 } = {}) {
      const key = `${limit}\u0000${query}`;
      const hits = recent.get(key) ?? searchUncached(query, limit);
      recent.set(key, hits); // asked again: the newest, last to leave
      return hits.map((h) => ({ ...h })); // callers get their own copies; the cache stays as computed
    },
  };
}

/** Distinct recent questions whose answers are kept (a few hundred KB at most). */
export const RECENT_QUERIES = 1000;
