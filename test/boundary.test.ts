import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The core must stay platform-neutral so a new chat platform (or botbuilder's successor) is one
// new folder under adapters/, not a rewrite.
const ROOT = join(__dirname, '..');
const FORBIDDEN = /(?:from\s+|require\(\s*|import\(\s*)['"](@slack\/[^'"]*|botbuilder[^'"]*|botframework[^'"]*|express|adaptivecards[^'"]*|@microsoft\/[^'"]*|(?:\.\.\/)+adapters\/[^'"]*)['"]/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|js|mjs|cjs)$/.test(entry)) yield path;
  }
}

test('nothing in src/ imports a platform SDK, the web framework or an adapter', () => {
  const offences: string[] = [];
  const files = [...sources(join(ROOT, 'src'))];
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(FORBIDDEN)) offences.push(`${relative(ROOT, file)} imports ${match[1]}`);
  }
  expect(offences).toEqual([]);
});

test('the boundary check itself catches each forbidden form', () => {
  const samples = [
    "import { App } from '@slack/bolt';",
    "const b = require('botbuilder');",
    "import express from 'express';",
    "import { x } from '../../adapters/slack/app';",
  ];
  for (const s of samples) expect([...s.matchAll(FORBIDDEN)]).toHaveLength(1);
});
