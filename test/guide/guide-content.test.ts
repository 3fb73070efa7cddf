import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGuide, GUIDE_FILES } from '../../src/guide/load-guide';
import { GuideFile } from '../../src/guide/guide-schema';
import { PROMPTS_DIR } from '../../src/base/load-prompts';
import { FINGERPRINT_PATH, fingerprint, hash, words, type GuideFingerprint } from '../../scripts/fingerprint-guide';
import { findGuideText } from '../helpers/shared-dir';

const guide = loadGuide();
// The guide's text is never in the repository: these checks run on its fingerprint (hashes of its
// headings and of every 10-word run), so they pass on any clone.
const fp = JSON.parse(readFileSync(FINGERPRINT_PATH, 'utf8')) as GuideFingerprint;
const runs = new Set(fp.runs);
const headings = new Set(fp.headings);

describe('the guide as data', () => {
  test('has every item the guide has, by kind and by part', () => {
    const count = (kind: string) => guide.items.filter((i) => i.kind === kind).length;
    expect({
      tip: count('tip'), characteristic: count('characteristic'), barrier: count('barrier'),
      team: count('team'), format: count('format'), term: count('term'), topic: count('topic'),
    }).toEqual({ tip: 37, characteristic: 10, barrier: 16, team: 16, format: 5, term: 5, topic: 3 });
    const tipsIn = (category: string) => guide.ofKind('tip').filter((t) => t.category === category && t.source.part === category).length;
    expect([tipsIn('Strategy'), tipsIn('Preparation'), tipsIn('Tactics and Approach')]).toEqual([17, 9, 11]);
  });

  test('characteristics carry the stable ids the debrief stores', () => {
    expect(guide.ofKind('characteristic').map((c) => c.id)).toEqual([
      'scope-goals', 'people-process', 'respectful', 'mutual-learning', 'focused',
      'right-format', 'inclusive', 'timely', 'feedback-loops', 'sustained',
    ]);
  });

  test('ids are unique across every file', () => {
    const ids = GUIDE_FILES.flatMap((f) => GuideFile.parse(JSON.parse(readFileSync(join(PROMPTS_DIR, f), 'utf8'))).items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every cross-link resolves, and every characteristic and barrier has tips that help with it', () => {
    for (const item of guide.items) for (const link of item.links) expect(guide.get(link)).toBeDefined();
    const orphans = [...guide.ofKind('characteristic'), ...guide.ofKind('barrier')].filter((i) => guide.tipsFor(i.id).length === 0).map((i) => i.id);
    expect(orphans).toEqual([]);
    for (const tip of guide.ofKind('tip')) expect(tip.links.some((l) => ['characteristic', 'barrier'].includes(guide.get(l)!.kind))).toBe(true);
  });

  test('a broken link is a start-up error that names the item', () => {
    const { mkdtempSync, cpSync, writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
    const dir = mkdtempSync(join(require('node:os').tmpdir(), 'prompts-'));
    try {
      cpSync(PROMPTS_DIR, dir, { recursive: true });
      const file = join(dir, 'guide', 'tips-strategy.json');
      const data = JSON.parse(readFileSync(file, 'utf8'));
      data.items[0].links = ['no-such-item'];
      writeFileSync(file, JSON.stringify(data));
      expect(() => loadGuide(dir)).toThrow(`"${data.items[0].id}" links to "no-such-item", which does not exist`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('titles quote the guide’s headings exactly', () => {
    const missing = guide.items.filter((i) => !headings.has(hash(words(i.title).join(' ')))).map((i) => `${i.id}: ${i.title}`);
    expect(missing).toEqual([]);
  });

  test('no sentence is copied from the guide: no line of prompts/, src/ or adapters/ shares a 10-word run', () => {
    const copied = projectLines().filter(({ text }) => {
      const w = words(text);
      if (headings.has(hash(w.join(' ')))) return false; // a quoted heading
      for (let i = 0; i + fp.runWords <= w.length; i++) if (runs.has(hash(w.slice(i, i + fp.runWords).join(' ')))) return true;
      return false;
    });
    expect(copied.map((c) => `${c.file}:${c.line}`)).toEqual([]);
  });

  test('the check catches a copied sentence', () => {
    // A heading line is allowed; the same words inside a longer sentence of ours would be too, so the
    // proof uses runs only: any 10 consecutive words of the guide, as hashed, must be found.
    expect(fp.runs.length).toBeGreaterThan(10000);
    expect(headings.has(hash(words('Be targeted in outreach when initiating engagement').join(' ')))).toBe(true);
    expect(headings.has(hash(words('Be targeted in outreach when starting engagement').join(' ')))).toBe(false);
  });

  const guideText = findGuideText();
  (guideText ? test : test.skip)(`the fingerprint matches the guide text${guideText ? '' : ' (skipped: no guide text beside this clone; set SHARED_DIR)'}`, () => {
    const fresh = fingerprint(guideText!);
    expect(fresh.runs).toEqual(fp.runs);
    expect(fresh.headings).toEqual(fp.headings);
  });

  test('pages fall inside the section they cite', () => {
    const nextStart = new Map(guide.sections.map((s, i) => [s.number, guide.sections[i + 1]?.page ?? 60]));
    for (const item of guide.items) {
      const section = guide.sectionOf(item);
      expect(item.source.page).toBeGreaterThanOrEqual(section.page);
      expect(item.source.page).toBeLessThanOrEqual(nextStart.get(section.number)!);
    }
  });
});

/** Every line of the project's own content and code, as the copy check reads it. */
function projectLines(): { file: string; line: number; text: string }[] {
  const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  const root = join(__dirname, '..', '..');
  const out: { file: string; line: number; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(json|md|ts|js|mjs|txt|ya?ml)$/.test(name)) {
        readFileSync(path, 'utf8').split('\n').forEach((text, i) => out.push({ file: path.slice(root.length + 1), line: i + 1, text }));
      }
    }
  };
  for (const dir of ['prompts', 'src', 'adapters']) walk(join(root, dir));
  expect(out.length).toBeGreaterThan(1000);
  return out;
}
