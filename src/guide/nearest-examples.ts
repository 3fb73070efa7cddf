/**
 * BM25 over short example questions, each with a label (a guide item, or "outside the guide"): for
 * a question, the best-scoring example of every label. Every question asked runs it over some 2,700
 * examples; scores go into typed arrays made once, so a question allocates almost nothing (a
 * general search library made a result object per matching example, and the garbage they left
 * showed up as the slowest 1 % of questions in bench/bench-search.ts).
 *
 * Examples are a sentence each, so a term counts once per example (no term frequency).
 */
export interface NearestExamples {
  /** Best score per label for these (already analysed) terms; the array is reused by the next call. */
  best(terms: readonly string[]): Float64Array;
}

const K1 = 1.2;
const B = 0.75;

export function createNearestExamples(examples: readonly { label: number; terms: readonly string[] }[], labelCount: number): NearestExamples {
  const n = examples.length;
  const byTerm = new Map<string, number[]>();
  examples.forEach((example, i) => {
    for (const term of new Set(example.terms)) byTerm.set(term, [...(byTerm.get(term) ?? []), i]);
  });
  const avgLength = examples.reduce((sum, e) => sum + e.terms.length, 0) / Math.max(1, n);
  // The part of BM25 that depends only on the example: 1 / (tf + k1 * (1 - b + b * length / avg)) with tf = 1.
  const norm = Float64Array.from(examples, (e) => (K1 + 1) / (1 + K1 * (1 - B + (B * e.terms.length) / avgLength)));
  const postings = new Map([...byTerm].map(([term, ids]) => [term, { ids: Int32Array.from(ids), idf: Math.log(1 + (n - ids.length + 0.5) / (ids.length + 0.5)) }]));
  const labels = Int32Array.from(examples, (e) => e.label);

  const scores = new Float64Array(n);
  const touched = new Int32Array(n);
  const best = new Float64Array(labelCount);
  return {
    best(terms) {
      let count = 0;
      for (const term of terms) {
        const posting = postings.get(term);
        if (!posting) continue;
        for (const id of posting.ids) {
          if (scores[id] === 0) touched[count++] = id;
          scores[id] = scores[id]! + posting.idf * norm[id]!;
        }
      }
      best.fill(0);
      for (let i = 0; i < count; i++) {
        const id = touched[i]!;
        const label = labels[id]!;
        if (scores[id]! > best[label]!) best[label] = scores[id]!;
        scores[id] = 0;
      }
      return best;
    },
  };
}
