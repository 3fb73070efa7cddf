import { createNearestExamples } from '../../src/guide/nearest-examples';

const examples = createNearestExamples(
  [
    { label: 0, terms: ['nda', 'sign'] },
    { label: 0, terms: ['nda', 'secret', 'paper', 'sign', 'meeting'] },
    { label: 1, terms: ['money', 'pay'] },
    { label: 2, terms: ['pizza', 'order'] },
  ],
  3,
);

describe('nearest examples', () => {
  test('each label gets the score of its best example; labels nothing matched get 0', () => {
    const best = [...examples.best(['nda', 'sign'])];
    expect(best[0]).toBeGreaterThan(0);
    expect(best[1]).toBe(0);
    expect(best[2]).toBe(0);
  });

  test('a shorter example matching the same words scores higher (length normalisation)', () => {
    const short = createNearestExamples([{ label: 0, terms: ['nda', 'sign'] }, { label: 1, terms: ['nda', 'sign', 'a', 'b', 'c', 'd'] }], 2);
    const [a, b] = short.best(['nda', 'sign']);
    expect(a).toBeGreaterThan(b!);
  });

  test('a rarer word weighs more than a common one', () => {
    const index = createNearestExamples(
      [{ label: 0, terms: ['rare', 'x'] }, { label: 1, terms: ['common', 'y'] }, { label: 2, terms: ['common', 'z'] }],
      3,
    );
    const [rare] = index.best(['rare']);
    const [, common] = index.best(['common']);
    expect(rare).toBeGreaterThan(common!);
  });

  test('nothing carries over from one question to the next, and unknown words score nothing', () => {
    const first = [...examples.best(['pizza', 'order'])];
    expect(first[2]).toBeGreaterThan(0);
    expect([...examples.best(['money'])]).toEqual([0, expect.any(Number), 0]);
    expect([...examples.best(['zzz'])]).toEqual([0, 0, 0]);
    expect([...examples.best(['pizza', 'order'])]).toEqual(first);
  });
});
