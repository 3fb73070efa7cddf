import { loadDebriefPrompts } from '../../src/debrief/load-debrief-prompts';
import { CHARACTERISTIC_IDS, bandFor, combineRatings, scoreBar, scoreRatings, weakestCharacteristics, type Rating, type Ratings } from '../../src/debrief/score-debrief';
import { loadGuide } from '../../src/guide/load-guide';

const scoring = loadDebriefPrompts().scoring;
const ratings = (...values: Rating[]): Ratings => Object.fromEntries(CHARACTERISTIC_IDS.map((id, i) => [id, values[i] ?? 'na'])) as Ratings;

describe('debrief scoring (pure)', () => {
  test('the stable characteristic ids are exactly the guide’s ten, in guide order', () => {
    expect(loadGuide().ofKind('characteristic').map((c) => c.id)).toEqual([...CHARACTERISTIC_IDS]);
  });

  test('(rating - 1) x 25 per answered characteristic, rounded mean, n/a left out', () => {
    const r = scoreRatings(ratings(5, 4, 3, 2, 1, 'na', 'na', 'na', 'na', 'na'), scoring);
    expect(r.perCharacteristic['scope-goals']).toBe(100);
    expect(r.perCharacteristic['focused']).toBe(0);
    expect(r.perCharacteristic['right-format']).toBeUndefined();
    expect(r.score).toBe(50); // (100+75+50+25+0)/5
    expect(r.band?.id).toBe('mixed');
    // 4,4,5 -> 75,75,100 -> 83.33 -> 83
    expect(scoreRatings(ratings(4, 4, 5), scoring).score).toBe(83);
    // 2,3 -> 25,50 -> 37.5 -> 38 (rounds half up)
    expect(scoreRatings(ratings(2, 3), scoring).score).toBe(38);
  });

  test('all n/a: no score and no band, nothing weak', () => {
    const r = scoreRatings(ratings(), scoring);
    expect(r.score).toBeUndefined();
    expect(r.band).toBeUndefined();
    expect(weakestCharacteristics(r)).toEqual([]);
  });

  test('bands: strong >= 75, mixed 50-74, weak < 50', () => {
    expect(bandFor(100, scoring).id).toBe('strong');
    expect(bandFor(75, scoring).id).toBe('strong');
    expect(bandFor(74, scoring).id).toBe('mixed');
    expect(bandFor(50, scoring).id).toBe('mixed');
    expect(bandFor(49, scoring).id).toBe('weak');
    expect(bandFor(0, scoring).id).toBe('weak');
  });

  test('weakest: up to three lowest, ties in guide order, a perfect score never counts as weak', () => {
    const r = scoreRatings(ratings(5, 2, 3, 2, 5, 1, 'na', 4, 5, 5), scoring);
    expect(weakestCharacteristics(r)).toEqual([
      { id: 'right-format', score: 0 }, { id: 'people-process', score: 25 }, { id: 'mutual-learning', score: 25 },
    ]);
    expect(weakestCharacteristics(scoreRatings(ratings(5, 5, 4), scoring))).toEqual([{ id: 'respectful', score: 75 }]);
  });

  test('combined: mean per characteristic over those who rated it, then the mean of those', () => {
    const c = combineRatings([ratings(5, 1), ratings(3, 'na'), ratings(4, 'na')], scoring);
    expect(c.perCharacteristic['scope-goals']).toBe(75); // 100, 50, 75
    expect(c.perCharacteristic['people-process']).toBe(0); // only one rated it
    expect(c.score).toBe(38); // (75 + 0) / 2 = 37.5
    expect(combineRatings([ratings(), ratings()], scoring).score).toBeUndefined();
  });

  test('bars have ten cells', () => {
    expect(scoreBar(0)).toBe('░░░░░░░░░░');
    expect(scoreBar(75)).toBe('████████░░');
    expect(scoreBar(100)).toBe('██████████');
  });
});
