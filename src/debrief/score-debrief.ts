import type { DebriefPrompts } from './load-debrief-prompts';

// Pure scoring, defined in prompts/debrief.json ("scoring") and explained in the README:
// each answered characteristic scores (rating - 1) x pointsPerStep (0-100 on a 1-5 scale);
// "doesn't apply" is left out; the engagement score is the rounded mean of the answered ones.

/** Stored, exported and used as form ids on every platform: never rename. */
export const CHARACTERISTIC_IDS = [
  'scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused',
  'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained',
] as const;
export type CharacteristicId = (typeof CHARACTERISTIC_IDS)[number];
export type Rating = 1 | 2 | 3 | 4 | 5 | 'na';
export type Ratings = Record<CharacteristicId, Rating>;
export type Scoring = DebriefPrompts['scoring'];
export type Band = Scoring['bands'][number];

export interface DebriefScore {
  /** Undefined when every characteristic was "doesn't apply". */
  score?: number;
  band?: Band;
  /** 0-100 per characteristic; undefined when not applicable (or, combined, nobody rated it). */
  perCharacteristic: Record<CharacteristicId, number | undefined>;
}

export const bandFor = (score: number, scoring: Scoring): Band => scoring.bands.find((b) => score >= b.min) ?? scoring.bands.at(-1)!;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function finish(exact: Record<CharacteristicId, number | undefined>, scoring: Scoring): DebriefScore {
  const answered = CHARACTERISTIC_IDS.map((id) => exact[id]).filter((x): x is number => x !== undefined);
  const perCharacteristic = Object.fromEntries(
    CHARACTERISTIC_IDS.map((id) => [id, exact[id] === undefined ? undefined : Math.round(exact[id]!)]),
  ) as DebriefScore['perCharacteristic'];
  if (!answered.length) return { perCharacteristic };
  const score = Math.round(mean(answered));
  return { score, band: bandFor(score, scoring), perCharacteristic };
}

/** One respondent's answers. */
export function scoreRatings(ratings: Ratings, scoring: Scoring): DebriefScore {
  const exact = Object.fromEntries(
    CHARACTERISTIC_IDS.map((id) => [id, ratings[id] === 'na' ? undefined : (ratings[id] - 1) * scoring.pointsPerStep]),
  ) as Record<CharacteristicId, number | undefined>;
  return finish(exact, scoring);
}

/**
 * Several respondents: each characteristic is the mean of the scores of those who rated it; the
 * engagement score is the rounded mean of those characteristic means (so one talkative respondent
 * does not outweigh a characteristic nobody else could judge).
 */
export function combineRatings(all: readonly Ratings[], scoring: Scoring): DebriefScore {
  const exact = Object.fromEntries(
    CHARACTERISTIC_IDS.map((id) => {
      const scores = all.map((r) => r[id]).filter((r): r is Exclude<Rating, 'na'> => r !== 'na').map((r) => (r - 1) * scoring.pointsPerStep);
      return [id, scores.length ? mean(scores) : undefined];
    }),
  ) as Record<CharacteristicId, number | undefined>;
  return finish(exact, scoring);
}

/** The two or three weakest answered characteristics (lowest first, guide order on ties); a perfect 100 is never "weak". */
export function weakestCharacteristics(result: DebriefScore, max = 3): { id: CharacteristicId; score: number }[] {
  return CHARACTERISTIC_IDS
    .map((id) => ({ id, score: result.perCharacteristic[id] }))
    .filter((x): x is { id: CharacteristicId; score: number } => x.score !== undefined && x.score < 100)
    .sort((a, b) => a.score - b.score)
    .slice(0, max);
}

/** A ten-cell text bar, readable in every client and in a screen reader's plain text. */
export const scoreBar = (score: number) => '█'.repeat(Math.round(score / 10)) + '░'.repeat(10 - Math.round(score / 10));
