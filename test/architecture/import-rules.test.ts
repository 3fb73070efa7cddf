import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The floors of src/ (docs/architecture.md): the ground floor imports nothing of the project; the
// libraries beside it (storage, crypto, config, guide, language) import only the ground floor and each other;
// a feature imports those and other features' public entry (their index.ts), never their files and
// never the bot; the bot wires everything. And nothing in src/ knows a chat platform, so a new one
// is a folder under adapters/, not a rewrite.
const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const GROUND = 'base';
const LIBRARIES = new Set(['storage', 'crypto', 'config', 'guide', 'language']);
const FEATURES = new Set(['tip', 'remind', 'debrief', 'engagement', 'privacy', 'help']);
const TOP = 'bot';
const PLATFORM = /(?:from\s+|require\(\s*|import\(\s*)['"](@slack\/[^'"]*|botbuilder[^'"]*|botframework[^'"]*|express|adaptivecards[^'"]*|@microsoft\/[^'"]*|(?:\.\.\/)+adapters\/[^'"]*)['"]/g;
const RELATIVE = /(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry)) yield path;
  }
}

/** Why `from` (a file) may not import `to` (a resolved path), or undefined when it may. */
function offence(from: string, to: string): string | undefined {
  const [floor] = relative(SRC, from).split('/');
  const target = relative(SRC, to);
  if (target.startsWith('..')) return 'reaches outside src/';
  const [toFloor, ...rest] = target.split('/');
  if (toFloor === floor) return undefined;
  if (floor === GROUND) return 'the ground floor imports nothing of the project';
  if (floor === TOP) return undefined;
  if (toFloor === TOP) return 'only the composition above may import the bot';
  if (LIBRARIES.has(floor!)) return LIBRARIES.has(toFloor!) || toFloor === GROUND ? undefined : 'a library imports no feature';
  if (FEATURES.has(floor!) && FEATURES.has(toFloor!) && !(rest.length === 0 || (rest.length === 1 && /^index(\.ts)?$/.test(rest[0]!)))) {
    return `another feature's internals (import '${toFloor}' from its index.ts)`;
  }
  if (!FEATURES.has(floor!)) return `${floor}/ is not a known floor: add it to docs/architecture.md and this test`;
  return undefined;
}

const files = [...sources(SRC)];

test('src/ holds only the known floors', () => {
  const floors = new Set(files.map((f) => relative(SRC, f).split('/')[0]));
  expect([...floors].filter((f) => f !== GROUND && f !== TOP && !LIBRARIES.has(f!) && !FEATURES.has(f!))).toEqual([]);
});

test('every import in src/ respects the floors', () => {
  const offences: string[] = [];
  for (const file of files) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(RELATIVE)) {
      const why = offence(file, resolve(dirname(file), spec!));
      if (why) offences.push(`${relative(ROOT, file)} imports ${spec}: ${why}`);
    }
  }
  expect(offences).toEqual([]);
});

test('nothing in src/ imports a platform SDK, the web framework or an adapter', () => {
  const offences: string[] = [];
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(PLATFORM)) offences.push(`${relative(ROOT, file)} imports ${match[1]}`);
  }
  expect(offences).toEqual([]);
});

test('the checks catch each forbidden form', () => {
  const at = (p: string) => join(SRC, p);
  expect(offence(at('base/reply.ts'), at('remind/index.ts'))).toMatch(/ground floor/);
  expect(offence(at('debrief/x.ts'), at('bot/create-bot.ts'))).toMatch(/bot/);
  expect(offence(at('debrief/x.ts'), at('remind/render-reminder.ts'))).toMatch(/internals/);
  expect(offence(at('debrief/x.ts'), at('remind'))).toBeUndefined();
  expect(offence(at('storage/x.ts'), at('debrief/index.ts'))).toMatch(/library/);
  expect(offence(at('bot/x.ts'), at('remind/render-reminder.ts'))).toBeUndefined();
  for (const s of ["import { App } from '@slack/bolt';", "const b = require('botbuilder');", "import express from 'express';", "import { x } from '../../adapters/slack/app';"]) {
    expect([...s.matchAll(PLATFORM)]).toHaveLength(1);
  }
});
