import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { cardProblems } from './card-validator';

// The Bot Framework SDK is retired upstream: a later move to its successor must touch one folder.
const ROOT = join(__dirname, '..', '..', '..');
const BOT_FRAMEWORK = /(?:from\s+|require\(\s*|import\(\s*)['"](botbuilder[^'"]*|botframework[^'"]*)['"]/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.') || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry)) yield path;
  }
}

// The benchmark's reference, botbuilder as its samples set it up, measures the SDK itself: a move
// to the successor replaces it too. It is the one file outside adapters/teams/ allowed to.
const BENCH_REFERENCE = join('bench', 'create-bare-cloud-adapter.ts');

test('botbuilder and botframework-* are imported only inside adapters/teams/ (and the bench\'s bare reference)', () => {
  const inside = `adapters${sep}teams${sep}`;
  const offences: string[] = [];
  let teamsImports = 0;
  let referenceImports = 0;
  for (const dir of ['src', 'adapters', 'scripts', 'bin', 'bench']) {
    let files: string[];
    try { files = [...sources(join(ROOT, dir))]; } catch { continue; }
    for (const file of files) {
      const rel = relative(ROOT, file);
      for (const match of readFileSync(file, 'utf8').matchAll(BOT_FRAMEWORK)) {
        if (rel.startsWith(inside)) teamsImports += 1;
        else if (rel === BENCH_REFERENCE) referenceImports += 1;
        else offences.push(`${rel} imports ${match[1]}`);
      }
    }
  }
  expect(offences).toEqual([]);
  expect(teamsImports).toBeGreaterThan(3);
  expect(referenceImports).toBe(1);
  expect([..."import { CloudAdapter } from 'botbuilder'; require('botframework-connector')".matchAll(BOT_FRAMEWORK)]).toHaveLength(2);
});

test('the card validator reports what the official parser dislikes', () => {
  expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'ok', wrap: true }] })).toEqual([]);
  expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }).join()).toMatch(/Unknown element type/);
  expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }).join()).toMatch(/Duplicate/i);
});
