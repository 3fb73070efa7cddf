import { loadGuide } from '../../src/guide/load-guide';
import type { GuideItem } from '../../src/guide/guide-schema';
import { createGuideSearch, createTermNormalizer } from '../../src/guide/search-guide';

const guide = loadGuide();
const search = createGuideSearch(guide);
const top = (q: string) => search.search(q, { limit: 3 }).map((h) => h.item.id);

describe('guide search', () => {
  test('an exact heading returns that item first, for every item of every kind', () => {
    const sameHeading = (item: GuideItem) =>
      guide.items.filter((other) => other.title.toLowerCase() === item.title.toLowerCase()).length;
    // An item whose heading another item shares comes within the items sharing it.
    const wrong = guide.items
      .filter((item) => !top(item.title).slice(0, sameHeading(item)).includes(item.id))
      .map((i) => i.id);
    expect(wrong).toEqual([]);
  });

  test('a heading shared by two items returns both, in guide order', () => {
    expect(top('Stakeholder engagement').slice(0, 2)).toEqual(['term-stakeholder-engagement', 'team-stakeholder-engagement']);
  });

  test('headings typed loosely (case, trailing period, curly quotes) still come first', () => {
    expect(top('STAY ON TOPIC.')[0]).toBe('stay-on-topic');
    expect(top('Don’t focus on perfection')[0]).toBe('dont-focus-on-perfection');
  });

  test('an item id finds the item', () => {
    expect(top('be-strategic-about-ndas')[0]).toBe('be-strategic-about-ndas');
  });

  test('typos are forgiven (fuzzy matching)', () => {
    expect(top('sharehloder resolutons')).toContain('use-shareholder-resolutions');
    expect(top('non-disclosure agreemnt')).toEqual(expect.arrayContaining([expect.stringMatching(/nda|non-disclosure/)]));
  });

  test('British and American spellings meet', () => {
    const normalize = createTermNormalizer([]);
    expect(normalize('organisations')).toBe(normalize('organizations'));
    expect(normalize('criticise')).toBe(normalize('criticize'));
  });

  test('prefixes match while someone is still typing a word', () => {
    expect(top('sharehold')).toContain('use-shareholder-resolutions');
  });

  test('only tips, characteristics and barriers answer free text', () => {
    for (const q of ['trust and safety team', 'content policy', 'stakeholder']) {
      for (const hit of search.search(q, { limit: 10 })) {
        if (hit.item.title.toLowerCase() !== q) expect(['tip', 'characteristic', 'barrier']).toContain(hit.item.kind);
      }
    }
  });

  test('nothing searchable gives nothing, never an error', () => {
    for (const q of ['', '   ', '😀😀😀', '?!…', 'the and of', 'لماذا لا ترد الشركة']) expect(() => search.search(q)).not.toThrow();
    expect(search.search('😀😀😀')).toEqual([]);
  });

  test('scores are ranked, highest first', () => {
    const hits = search.search('they never told us what happened after our feedback', { limit: 10 });
    expect(hits.length).toBeGreaterThan(2);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });
});
