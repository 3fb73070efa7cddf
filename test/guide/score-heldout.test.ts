import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGuide } from '../../src/guide/load-guide';
import { createGuideSearch } from '../../src/guide/search-guide';

// Retrieval quality on question sets written by people who never saw the search, its phrasings or
// its tuning (docs/search.md has every figure and how each set was split). Same rule as
// shared/eval/score-tips.mjs: a hit when one of the top 3 titles is in `accept`. Each floor sits a
// little below what the search reaches, so a change that makes people's questions find their item
// less often, or that answers off-topic questions confidently, fails here.

interface Case {
  q: string;
  accept: string[];
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();
const read = (file: string) => (JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as { cases: Case[] }).cases;
const guide = loadGuide();
const search = createGuideSearch(guide);
const titles = new Set(guide.items.map((i) => norm(i.title)));

describe.each([
  ['tip-queries-heldout.json', 0.93],
  ['eval/everyday-tune.json', 0.93],
  ['eval/everyday-holdout.json', 0.93],
])('everyday questions in %s', (file, floor) => {
  const cases = read(file);

  test('every accepted answer is a real guide heading', () => {
    const unknown = cases.flatMap((c) => c.accept).filter((a) => !titles.has(norm(a)));
    expect(unknown).toEqual([]);
  });

  test(`hit@3 is at least ${floor}`, () => {
    const misses = cases.filter((c) => {
      const top = search.search(c.q, { limit: 3 }).map((h) => norm(h.item.title));
      return !top.some((t) => c.accept.some((a) => norm(a) === t));
    });
    const hit3 = 1 - misses.length / cases.length;
    if (hit3 < floor) console.log(`hit@3 ${hit3.toFixed(3)}; misses:`, misses.map((m) => m.q));
    expect(hit3).toBeGreaterThanOrEqual(floor);
  });
});

describe('questions the guide does not answer', () => {
  const confidentShare = (cases: { q: string }[]) =>
    cases.filter((c) => search.search(c.q, { limit: 3 }).some((h) => h.confident)).length / cases.length;

  test('at most 10 % of off-topic questions get a confident answer', () => {
    expect(confidentShare([...read('eval/off-topic-tune.json'), ...read('eval/off-topic-holdout.json')])).toBeLessThanOrEqual(0.1);
  });

  test('while at least 90 % of everyday questions still do', () => {
    expect(confidentShare([...read('eval/everyday-tune.json'), ...read('eval/everyday-holdout.json')])).toBeGreaterThanOrEqual(0.9);
  });
});
