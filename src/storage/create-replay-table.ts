// The requests seen in the last few minutes, kept where the garbage collector does not look. A Map of
// key strings made every remembered request a heap object that each young-generation collection
// copied and each full one marked again, which slowed every request once many were remembered
// (docs/performance.md, item 8). Here a key is reduced to
// a 128-bit digest in typed arrays (24 bytes a slot, outside the JS heap), in an open-addressing
// table with linear probing. Expired slots are reused in place and dropped when the table is rebuilt.

const MIN_SLOTS = 1 << 14;
/** Rebuilt (grown, or cleared of expired entries) before more than half the slots are in use. */
const MAX_LOAD = 0.5;

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;
const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
const fmix = (h: number) => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
};

/** Two code units from `at` as one word; past the end, zeros (the length is mixed in at the end). */
const word = (key: string, at: number) =>
  (at < key.length ? key.charCodeAt(at) : 0) | ((at + 1 < key.length ? key.charCodeAt(at + 1) : 0) << 16);

/**
 * MurmurHash3's x86 128-bit mixing over the key's UTF-16 code units, two to a word, into `out`. Not a
 * cryptographic hash: it only has to tell apart keys that callers derive from verified signatures.
 */
export function digestKey(key: string, out: Uint32Array): void {
  let h1 = 0x9747b28c, h2 = 0x9747b28c, h3 = 0x9747b28c, h4 = 0x9747b28c;
  const length = key.length;
  for (let i = 0; i < length; i += 8) {
    let k1 = word(key, i), k2 = word(key, i + 2), k3 = word(key, i + 4), k4 = word(key, i + 6);
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2); h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3); h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4); h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1); h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  h1 ^= length; h2 ^= length; h3 ^= length; h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0; h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  h1 = fmix(h1); h2 = fmix(h2); h3 = fmix(h3); h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0; h2 = (h2 + h1) | 0; h3 = (h3 + h1) | 0; h4 = (h4 + h1) | 0;
  out[0] = h1; out[1] = h2; out[2] = h3; out[3] = h4;
}

export interface ReplayTable {
  /** Whether `key` is remembered and unexpired at `now`. */
  has(key: string, now: number): boolean;
  /** Remembers `key` until `expires` unless it already is unexpired; true when it was not. */
  claim(key: string, expires: number, now: number): boolean;
  /** Unexpired entries currently held (counted; for tests and benchmarks). */
  size(now: number): number;
  /** The latest expiry among the unexpired entries let go because `maxEntries` was reached (0: none). */
  readonly droppedUntil: number;
}

/** How many slots expire later than `after`. */
function countAfter(expires: Float64Array, after: number): number {
  let n = 0;
  for (let i = 0; i < expires.length; i++) if (expires[i]! > after) n++;
  return n;
}

/**
 * The expiry at or before which entries go when the table is rebuilt: `now` (only expired ones)
 * while well below the limit, so that the rebuild that follows is many insertions away; else the
 * one that keeps the newest half of `maxEntries`.
 */
function cutoffFor(expires: Float64Array, now: number, maxEntries: number): number {
  const live = countAfter(expires, now);
  if (live <= (maxEntries * 3) / 4) return now;
  const sorted = new Float64Array(live);
  for (let i = 0, n = 0; i < expires.length; i++) if (expires[i]! > now) sorted[n++] = expires[i]!;
  sorted.sort();
  return sorted[live - Math.floor(maxEntries / 2) - 1]!;
}

/**
 * At most `maxEntries` entries: reaching that, a rebuild keeps the newest half and raises
 * `droppedUntil`, so the caller knows a miss before then proves nothing.
 */
export function createReplayTable(maxEntries: number): ReplayTable {
  const digest = new Uint32Array(4);
  let slots = MIN_SLOTS;
  let words = new Uint32Array(slots * 4);
  let expires = new Float64Array(slots); // 0: empty; <= now: expired, reusable
  let used = 0;
  let droppedUntil = 0;

  /** The slot holding the digest, or -1; `free` receives the first reusable slot before it (or -1). */
  let free = -1;
  const find = (now: number): number => {
    const mask = slots - 1;
    free = -1;
    for (let i = digest[0]! & mask; ; i = (i + 1) & mask) {
      const e = expires[i]!;
      if (e === 0) {
        if (free < 0) free = i;
        return -1;
      }
      const w = i * 4;
      if (words[w] === digest[0] && words[w + 1] === digest[1] && words[w + 2] === digest[2] && words[w + 3] === digest[3]) return i;
      if (free < 0 && e <= now) free = i;
    }
  };

  const put = (i: number, expiry: number) => {
    if (expires[i] === 0) used++;
    const w = i * 4;
    words[w] = digest[0]!; words[w + 1] = digest[1]!; words[w + 2] = digest[2]!; words[w + 3] = digest[3]!;
    expires[i] = expiry;
  };

  /** Copies the unexpired entries into a table sized for them, letting go of the oldest near `maxEntries`. */
  const rebuild = (now: number) => {
    const cutoff = cutoffFor(expires, now, maxEntries);
    if (cutoff > now) droppedUntil = Math.max(droppedUntil, cutoff);
    const live = countAfter(expires, cutoff);
    let size = MIN_SLOTS;
    while (size * MAX_LOAD < live * 1.5 + 1) size *= 2; // a third full at most
    const [oldSlots, oldWords, oldExpires] = [slots, words, expires];
    slots = size;
    words = new Uint32Array(size * 4);
    expires = new Float64Array(size);
    used = 0;
    for (let i = 0; i < oldSlots; i++) {
      if (oldExpires[i]! <= cutoff) continue;
      const w = i * 4;
      digest[0] = oldWords[w]!; digest[1] = oldWords[w + 1]!; digest[2] = oldWords[w + 2]!; digest[3] = oldWords[w + 3]!;
      find(now);
      put(free, oldExpires[i]!);
    }
  };

  return {
    has(key, now) {
      digestKey(key, digest);
      const i = find(now);
      return i >= 0 && expires[i]! > now;
    },
    claim(key, expiry, now) {
      digestKey(key, digest);
      const i = find(now);
      if (i >= 0 && expires[i]! > now) return false;
      // Its own expired slot, unless a reusable one comes before it on the way.
      if (free < 0) free = i;
      // A new slot would overfill the table (or the entry limit): rebuild, then look again.
      if (expires[free] === 0 && (used + 1 > slots * MAX_LOAD || used + 1 > maxEntries)) {
        rebuild(now);
        digestKey(key, digest);
        find(now);
      }
      put(free, expiry);
      return true;
    },
    size: (now) => countAfter(expires, now),
    get droppedUntil() { return droppedUntil; },
  };
}
