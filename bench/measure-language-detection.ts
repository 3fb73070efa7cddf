#!/usr/bin/env node
// Which language-detection library to use on one-line questions (docs/languages.md): each candidate,
// restricted to the five languages the bot speaks, on the project's evaluation questions
// (test/guide/eval/, and ../shared/eval/ when present), whose language is known; then the bot's own
// choice (tinyld checked against each language's small words, src/language/detect-language.ts) for a
// person whose language would otherwise be English. The candidates other than tinyld are not
// dependencies:  npm i --no-save franc-min eld  then  npx tsx bench/measure-language-detection.ts
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { detectLanguage } from '../src/language/detect-language';

async function main() {

const questions: { lang: string; q: string }[] = [];
for (const file of readdirSync('test/guide/eval').filter((f) => /^(es|fr|pt|ar)-/.test(f))) {
  const { lang, cases } = JSON.parse(readFileSync(`test/guide/eval/${file}`, 'utf8'));
  for (const c of cases) questions.push({ lang, q: c.q });
}
for (const file of ['../shared/eval/tips-dev.json', '../shared/eval/tips-off-topic-dev.json']) {
  if (existsSync(file)) for (const c of JSON.parse(readFileSync(file, 'utf8')).cases) questions.push({ lang: 'en', q: c.q });
}

const ISO3: Record<string, string> = { eng: 'en', spa: 'es', fra: 'fr', por: 'pt', arb: 'ar' };
const candidates: Record<string, (q: string) => string | undefined> = {};
// @ts-ignore optional: not a dependency
try { const { franc } = await import('franc-min'); candidates['franc-min'] = (q) => ISO3[franc(q, { only: Object.keys(ISO3), minLength: 1 })]; } catch { /* not installed */ }
for (const build of ['tinyld', 'tinyld/light']) {
  try { const tinyld = require(build); candidates[build] = (q) => tinyld.detect(q, { only: ['en', 'es', 'fr', 'pt', 'ar'] }); } catch { /* not installed */ }
}
try {
  // @ts-ignore optional: not a dependency
  const { eld } = await import('eld/small');
  eld.setLanguageSubset?.(['en', 'es', 'fr', 'pt', 'ar']);
  candidates.eld = (q) => eld.detect(q).language;
} catch { /* not installed */ }

candidates['bot (tinyld + small words, otherwise English)'] = (q) => detectLanguage(q, 'en') ?? 'en';

console.log(`questions: ${questions.length} (${['en', 'es', 'fr', 'pt', 'ar'].map((l) => `${l} ${questions.filter((x) => x.lang === l).length}`).join(', ')})`);
for (const [name, detect] of Object.entries(candidates)) {
  const wrong = { all: 0, short: 0 };
  let shortCount = 0;
  const started = process.hrtime.bigint();
  for (const { lang, q } of questions) {
    const got = detect(q);
    const short = q.length < 40;
    if (short) shortCount++;
    if (got !== lang) { wrong.all++; if (short) wrong.short++; if (process.argv.includes('--verbose')) console.log(`  ${name}: ${lang} read as ${got || '?'}: ${q}`); }
  }
  const us = Number(process.hrtime.bigint() - started) / 1000 / questions.length;
  console.log(`${name}: right ${(1 - wrong.all / questions.length).toFixed(3)} overall, ${(1 - wrong.short / shortCount).toFixed(3)} under 40 characters (${shortCount}), ${us.toFixed(0)} µs per question`);
}
}

void main();
