import { createReplayTable, digestKey } from '../../src/storage/create-replay-table';

const T0 = Date.parse('2026-11-27T12:00:00Z');
const key = (i: number) => `request:slack:${i.toString(36)}-${(i * 2654435761 >>> 0).toString(16)}`;

describe('the replay table (requests remembered outside the JS heap)', () => {
  test('120,000 distinct keys are each taken once, through every growth of the table', () => {
    const table = createReplayTable(1_000_000);
    let taken = 0;
    for (let i = 0; i < 120_000; i++) if (table.claim(key(i), T0 + 600_000, T0)) taken++;
    expect(taken).toBe(120_000);
    let again = 0;
    for (let i = 0; i < 120_000; i++) if (table.claim(key(i), T0 + 600_000, T0)) again++;
    expect(again).toBe(0);
    expect(table.size(T0)).toBe(120_000);
    expect(table.droppedUntil).toBe(0);
  });

  test('agrees with a Map over random claims, expiries and the passing of time', () => {
    const table = createReplayTable(1_000_000);
    const model = new Map<string, number>();
    const disagreements: number[] = [];
    let now = T0;
    let seed = 42;
    const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
    for (let step = 0; step < 60_000; step++) {
      now += Math.floor(random() * 40);
      const k = key(Math.floor(random() * 3_000));
      const expires = now + 1 + Math.floor(random() * 5_000);
      const live = (model.get(k) ?? 0) > now;
      // Collected, not asserted per step: 120,000 expect() calls took seconds on their own.
      if (table.has(k, now) !== live || table.claim(k, expires, now) === live) disagreements.push(step);
      if (!live) model.set(k, expires);
    }
    expect(disagreements).toEqual([]);
    expect(table.size(now)).toBe([...model.values()].filter((e) => e > now).length);
  });

  test('at its limit it keeps the newest half and says until when a miss proves nothing', () => {
    const table = createReplayTable(1_000);
    for (let i = 0; i < 1_200; i++) expect(table.claim(key(i), T0 + 600_000 + i, T0)).toBe(true);
    expect(table.droppedUntil).toBeGreaterThan(T0 + 600_000);
    expect(table.size(T0)).toBeLessThanOrEqual(1_000);
    for (let i = 1_000; i < 1_200; i++) expect(table.has(key(i), T0)).toBe(true); // the newest stay
    expect(table.has(key(0), T0)).toBe(false); // the oldest went
    expect(table.droppedUntil).toBeLessThan(T0 + 600_000 + 1_000);
  });

  test('keys that differ only by trailing NULs or their length do not share a digest', () => {
    const [a, b, c] = [new Uint32Array(4), new Uint32Array(4), new Uint32Array(4)];
    digestKey('a', a);
    digestKey('a\0', b);
    digestKey('a\0\0\0\0\0\0\0\0', c);
    expect([...a]).not.toEqual([...b]);
    expect([...b]).not.toEqual([...c]);
  });
});
