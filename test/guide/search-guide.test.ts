import { loadGuide } from '../../src/guide/load-guide';
import type { GuideItem } from '../../src/guide/guide-schema';
import { RECENT_QUERIES, createGuideSearch } from '../../src/guide/search-guide';
import { createTermNormalizer } from '../../src/guide/analyse-text';

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

  test('company teams, formats and key terms are reachable from free text', () => {
    expect(top('who handles content moderation there?')).toEqual(expect.arrayContaining([expect.stringMatching(/^team-(trust-and-safety|content-policy)$/)]));
    expect(top('what is the Chatham House rule')).toContain('format-confidentiality');
    expect(top('what does rightsholder mean')).toContain('term-rightsholder');
  });

  test('litigation words reach the legal-risk item first', () => {
    for (const q of ['we want to sue them', 'we are suing the platform', 'lawsuit', 'court case against the company', 'we are considering legal action', 'litigation']) {
      expect([q, top(q)[0]]).toEqual([q, 'increased-legal-risk']);
    }
  });

  test('false friends pull in nothing unrelated', () => {
    // "un" is an article in Spanish and French; "left out" is not staff leaving.
    expect(top('¿dónde compro un coche?')).not.toContain('involve-the-un');
    expect(top('c’est un problème')).not.toContain('involve-the-un');
    expect(top('we were left out of the consultation')).not.toContain('high-turnover');
    expect(top('should we take this to the UN special rapporteur')[0]).toBe('involve-the-un');
    expect(top('our contact at the company just left')).toContain('high-turnover');
  });

  test('a question the guide does not answer gets no confident answer', () => {
    for (const q of ['how do I make a pivot table in excel', 'thanks!', 'good morning', 'what is the weather in Nairobi', 'how do I write a grant proposal']) {
      expect([q, search.search(q, { limit: 3 }).filter((h) => h.confident).map((h) => h.item.id)]).toEqual([q, []]);
    }
  });

  test('a question the guide answers gets a confident first answer', () => {
    for (const q of ['they want us to sign an NDA before the meeting', 'our contact at the company just left', 'we never heard back after the consultation']) {
      expect([q, search.search(q, { limit: 3 })[0]?.confident]).toEqual([q, true]);
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

  describe('recent answers are kept', () => {
    const ids = (hits: { item: GuideItem; score: number; confident: boolean }[]) => hits.map((h) => `${h.item.id}@${h.score}@${h.confident}`);

    test('a repeated question gets exactly the answer a fresh index gives', () => {
      const s = createGuideSearch(guide);
      const q = 'they never replied to our letter';
      const first = ids(s.search(q, { limit: 3 }));
      expect(ids(s.search(q, { limit: 3 }))).toEqual(first);
      expect(ids(createGuideSearch(guide).search(q, { limit: 3 }))).toEqual(first);
    });

    test('the limit is part of the question: a longer list is not cut to an earlier short one', () => {
      const s = createGuideSearch(guide);
      const q = 'they never told us what happened after our feedback';
      expect(s.search(q, { limit: 1 })).toHaveLength(1);
      expect(s.search(q, { limit: 5 }).length).toBeGreaterThan(1);
    });

    test('a caller changing its results does not change the next answer', () => {
      const s = createGuideSearch(guide);
      const q = 'escalate a takedown request';
      const before = ids(s.search(q));
      const mine = s.search(q);
      mine[0]!.score = -1;
      mine.reverse();
      expect(ids(s.search(q))).toEqual(before);
    });

    test('past the bound, the oldest question is searched again, with the same answer', () => {
      const s = createGuideSearch(guide);
      const fresh = createGuideSearch(guide);
      const oldest = 'prepare for a meeting with a platform';
      const expected = ids(fresh.search(oldest));
      s.search(oldest);
      for (let i = 0; i <= RECENT_QUERIES; i++) s.search(`coalition ${i}`);
      expect(ids(s.search(oldest))).toEqual(expected);
      expect(ids(s.search(`coalition ${RECENT_QUERIES}`))).toEqual(ids(fresh.search(`coalition ${RECENT_QUERIES}`)));
    });
  });
});
