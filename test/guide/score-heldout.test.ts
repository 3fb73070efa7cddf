import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGuide } from '../../src/guide/load-guide';
import { createGuideSearch } from '../../src/guide/search-guide';

// Retrieval quality on held-out queries in everyday wording (test/guide/tip-queries-heldout.json).
// Same rule as shared/eval/score-tips.mjs: a hit when one of the top 3 titles is in `accept`.
// The floor sits a little below what the search reaches (0.955 over all 112 on 2026-11-27), so a
// change that makes everyday questions find their item less often fails here.
const HIT3_FLOOR = 0.93;

interface Case {
  q: string;
  accept: string[];
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();

describe('held-out everyday queries', () => {
  const { cases } = JSON.parse(readFileSync(join(__dirname, 'tip-queries-heldout.json'), 'utf8')) as { cases: Case[] };
  const search = createGuideSearch(loadGuide());
  const titles = new Set(loadGuide().items.map((i) => norm(i.title)));

  test('every accepted answer is a real guide heading', () => {
    const unknown = cases.flatMap((c) => c.accept).filter((a) => !titles.has(norm(a)));
    expect(unknown).toEqual([]);
  });

  test(`hit@3 is at least ${HIT3_FLOOR}`, () => {
    const misses = cases.filter((c) => {
      const top = search.search(c.q, { limit: 3 }).map((h) => norm(h.item.title));
      return !top.some((t) => c.accept.some((a) => norm(a) === t));
    });
    const hit3 = 1 - misses.length / cases.length;
    if (hit3 < HIT3_FLOOR) console.log(`hit@3 ${hit3.toFixed(3)}; misses:`, misses.map((m) => m.q));
    expect(hit3).toBeGreaterThanOrEqual(HIT3_FLOOR);
  });
});
