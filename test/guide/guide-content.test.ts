import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadGuide, GUIDE_FILES } from '../../src/guide/load-guide';
import { GuideFile } from '../../src/guide/guide-schema';
import { PROMPTS_DIR } from '../../src/core/load-prompts';
import { findSharedDir } from '../helpers/shared-dir';

const guide = loadGuide();
const SHARED = findSharedDir();
const GUIDE_TEXT = join(SHARED, 'guide', 'effective-engagement-guide.txt');

describe('the guide as data', () => {
  test('has every item the guide has, by kind and by part', () => {
    const count = (kind: string) => guide.items.filter((i) => i.kind === kind).length;
    expect({
      tip: count('tip'), characteristic: count('characteristic'), barrier: count('barrier'),
      team: count('team'), format: count('format'), term: count('term'),
    }).toEqual({ tip: 37, characteristic: 10, barrier: 16, team: 16, format: 5, term: 5 });
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

  const guideText = readFileSync(GUIDE_TEXT, 'utf8');
  const squash = (s: string) => s.replace(/[’‘]/g, "'").replace(/\*\*/g, '').replace(/\s+/g, ' ').toLowerCase();

  test('titles quote the guide’s headings exactly', () => {
    const text = squash(guideText);
    const missing = guide.items.filter((i) => !text.includes(squash(i.title))).map((i) => `${i.id}: ${i.title}`);
    expect(missing).toEqual([]);
  });

  test('no sentence is copied from the guide (copy check reports 0 copied runs)', () => {
    const tool = join(SHARED, 'tools', 'check-guide-copy.mjs');
    const run = spawnSync(process.execPath, [tool], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(run.stdout).toMatch(/copied_runs=0 /);
    expect(run.status).toBe(0);
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
