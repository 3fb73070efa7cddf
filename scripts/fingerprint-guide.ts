// Writes test/guide/guide-fingerprint.json: what the tests need to know of the guide without holding
// its text (it is all rights reserved and never committed). For every run of RUN_WORDS consecutive
// words, a short hash (the copy check: a sentence of ours that shares a run is copied); for every
// heading (a short line, or a bold label such as a team's name), a hash (titles must quote them).
// Run it when the guide text changes:  npx tsx scripts/fingerprint-guide.ts [path/to/guide.txt]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
export const RUN_WORDS = 10;
/** Hex digits kept per hash: 40 bits, so a false "copied" among ~10^5 runs checked stays near 10^-3. */
export const HASH_HEX = 10;
export const MAX_HEADING_WORDS = 20;

// The same word rule as shared/tools/check-guide-copy.mjs, so both checks agree.
export const words = (s: string): string[] => s.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').match(/[a-z0-9']+/g) || [];
export const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, HASH_HEX);

export interface GuideFingerprint { about: string; runWords: number; headings: string[]; runs: string[] }

export function fingerprint(guideText: string): GuideFingerprint {
  const all = words(guideText);
  const runs = new Set<string>();
  for (let i = 0; i + RUN_WORDS <= all.length; i++) runs.add(hash(all.slice(i, i + RUN_WORDS).join(' ')));
  const headings = new Set<string>();
  for (const line of guideText.split('\n')) {
    const w = words(line.replace(/^→\s*/, ''));
    if (w.length && w.length <= MAX_HEADING_WORDS) headings.add(hash(w.join(' ')));
    for (const [, bold] of line.matchAll(/\*\*([^*]+?)\*\*/g)) {
      const b = words(bold!);
      if (b.length && b.length <= MAX_HEADING_WORDS) headings.add(hash(b.join(' ')));
    }
  }
  return { about: 'Hashes of the guide (see scripts/fingerprint-guide.mjs); not its text.', runWords: RUN_WORDS, headings: [...headings].sort(), runs: [...runs].sort() };
}

export const FINGERPRINT_PATH = join(root, 'test', 'guide', 'guide-fingerprint.json');

if (require.main === module) {
  const source = process.argv[2] ?? [process.env.SHARED_DIR, join(root, '..', 'shared')].filter((d): d is string => Boolean(d)).map((d) => join(d, 'guide', 'effective-engagement-guide.txt')).find(existsSync);
  if (!source) {
    console.error('The guide text was not found: pass its path, or set SHARED_DIR.');
    process.exit(2);
  }
  const fp = fingerprint(readFileSync(source, 'utf8'));
  writeFileSync(FINGERPRINT_PATH, `${JSON.stringify(fp).replace(/","/g, '",\n"')}\n`);
  console.log(`wrote ${FINGERPRINT_PATH}: ${fp.runs.length} runs, ${fp.headings.length} headings`);
}
