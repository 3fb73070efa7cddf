import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'engage-bot.js');
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30000 });

describe('engage-bot CLI', () => {
  // The bin runs dist/engage-bot.js; a checkout edited since `npm install` must not run old code.
  test('a source newer than the bundle is bundled again before the bin runs', () => {
    const bundle = join(ROOT, 'dist', 'engage-bot.js');
    expect(run(['help']).status).toBe(0);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(bundle, anHourAgo, anHourAgo); // as if every source had been edited since
    const r = run(['help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^engage-bot — /);
    const rebuilt = statSync(bundle).mtimeMs;
    expect(rebuilt).toBeGreaterThan(anHourAgo.getTime() + 60_000);
    expect(run(['help']).status).toBe(0); // up to date now: runs without building again
    expect(statSync(bundle).mtimeMs).toBe(rebuilt);
  });

  test('tip --json prints {id, kind, title, lang, section, page, score, confident}', () => {
    const r = run(['tip', '--json', '--limit', '2', 'they', 'want', 'an', 'NDA']);
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout);
    expect(results).toHaveLength(2);
    expect(Object.keys(results[0]).sort()).toEqual(['confident', 'id', 'kind', 'lang', 'page', 'score', 'section', 'title']);
    expect(results[0].lang).toBe('en');
    expect(results[0].section).toMatch(/^\d\. /);
  });

  test('tip in Spanish: with --lang es, and a Spanish question without it; the English heading stays as the title', () => {
    const asked = run(['tip', '--json', '--limit', '1', 'nos piden firmar un acuerdo de confidencialidad antes de la reunión']);
    const [first] = JSON.parse(asked.stdout);
    expect(first).toMatchObject({ lang: 'es', label: expect.any(String), title: expect.stringMatching(/^[A-Z][A-Za-z -]+$/) });
    const words = run(['tip', '--lang', 'es', 'nos', 'piden', 'firmar', 'un', 'NDA']);
    expect(words.status).toBe(0);
    expect(words.stdout).toMatch(/Lo que recomienda la guía|Fuente: guía de BSR/);
    const refused = run(['tip', '--lang', 'xx', 'hola']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--lang takes one of en, es, fr, pt, ar/);
  });

  test('tip --stdin answers one JSON line per input line, blank and junk lines included', () => {
    const r = run(['tip', '--json', '--limit', '3', '--stdin'], 'stay on topic\n\n😀\nour contact left the company\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0][0].id).toBe('stay-on-topic');
    expect(lines[1]).toEqual([]);
    expect(lines[2]).toEqual([]);
    expect(lines[3].length).toBeGreaterThan(0);
  });

  test('tip in words prints the advice with its source', () => {
    const r = run(['tip', 'investor', 'pressure']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/What the guide suggests:/);
    expect(r.stdout).toMatch(/Source: BSR guide, section \d/);
  });

  test('a question the guide does not answer: [] in JSON, and an honest sentence in words', () => {
    const json = run(['tip', '--json', 'how', 'do', 'I', 'make', 'a', 'pivot', 'table', 'in', 'excel']);
    expect(JSON.parse(json.stdout)).toEqual([]);
    const words = run(['tip', 'how', 'do', 'I', 'make', 'a', 'pivot', 'table', 'in', 'excel']);
    expect(words.stdout).toMatch(/I don’t think the guide covers that/);
    expect(words.stdout).not.toMatch(/Source:/);
  });

  test('tip list prints the guide’s contents, as the chat does', () => {
    const r = run(['tip', 'list']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Practical Tips and Best Practices/);
  });

  test('a bad --limit is a clear usage error', () => {
    const r = run(['tip', '--limit', 'lots', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--limit takes a whole number/);
  });

  test('start with no credentials and no terminal exits 2 and says which variables to set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'engage-start-'));
    try {
      const r = run(['start'], '', { STORE_URL: `sqlite://${join(dir, 'x.sqlite')}` });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/SLACK_BOT_TOKEN/);
      expect(r.stderr).toMatch(/MICROSOFT_APP_ID/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a configuration mistake exits 2 naming the variable', () => {
    const r = run(['start'], '', { PORT: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
  });
});
