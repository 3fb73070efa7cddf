import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES } from '../../src/base/language';
import { PROMPTS_DIR, promptsDirFor, loadMessages } from '../../src/base/load-prompts';
import { loadCommandCatalog } from '../../src/base/load-command-catalog';
import { loadReminderMessages } from '../../src/remind/load-reminder-messages';
import { loadDebriefPrompts } from '../../src/debrief';
import { loadEngagementPrompts } from '../../src/engagement';
import { loadPrivacyMessages } from '../../src/privacy';
import { loadSlackPrompts } from '../../adapters/slack/load-slack-prompts';
import { loadTeamsPrompts } from '../../adapters/teams/load-teams-prompts';
import { loadConsolePrompts } from '../../adapters/console/load-console-prompts';
import { loadGuide } from '../../src/guide/load-guide';
import { localiseGuide } from '../../src/guide/localise-guide';
import { fillTemplate, registerTemplate } from '../../src/base/fill-template';

// Every language has every file and every key (the schemas are strict: a missing or extra key fails
// to load), and each message has the same placeholders as English's: a translation that drops
// {company} or invents {empresa} would fail in front of a user.

const others = LANGUAGES.filter((l) => l !== 'en');
const FILES = ['messages', 'reminders', 'debrief', 'engagement', 'privacy', 'slack', 'teams', 'console', 'commands'] as const;
const loaders = [loadMessages, loadCommandCatalog, loadReminderMessages, loadDebriefPrompts, loadEngagementPrompts, loadPrivacyMessages, loadSlackPrompts, loadTeamsPrompts, loadConsolePrompts];

/** Argument names a message uses, at any depth (inside plural and select forms too). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: any[]) => {
    for (const n of nodes) {
      if (typeof n.value === 'string' && n.type !== 0) names.add(n.value);
      for (const option of Object.values(n.options ?? {}) as any[]) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as any[]);
  return [...names].sort();
}

/** Pairs of strings at the same place in two parsed files. */
function pairs(en: unknown, other: unknown, path = ''): [string, string, string][] {
  if (typeof en === 'string') return typeof other === 'string' ? [[path, en, other]] : [];
  if (Array.isArray(en)) return Array.isArray(other) && en.length === other.length && en.every((e) => typeof e !== 'string') ? en.flatMap((e, i) => pairs(e, other[i], `${path}[${i}]`)) : [];
  if (en && typeof en === 'object') return Object.entries(en).flatMap(([k, v]) => pairs(v, (other as Record<string, unknown>)?.[k], path ? `${path}.${k}` : k));
  return [];
}

describe.each(others)('prompts/%s', (lang) => {
  const dir = promptsDirFor(lang);

  test('every file loads with the same schema as English (no key missing, none extra)', () => {
    for (const load of loaders) expect(() => load(dir)).not.toThrow();
    expect(() => localiseGuide(loadGuide(), lang, dir)).not.toThrow();
  });

  test('every message has exactly the placeholders of its English original', () => {
    const problems: string[] = [];
    for (const file of FILES) {
      const en = JSON.parse(readFileSync(join(PROMPTS_DIR, `${file}.json`), 'utf8'));
      const other = JSON.parse(readFileSync(join(dir, `${file}.json`), 'utf8'));
      for (const [path, a, b] of pairs(en, other)) {
        if (a.includes('{') || b.includes('{')) {
          const want = argumentsOf(a).join(','), got = argumentsOf(b).join(',');
          if (want !== got) problems.push(`${file}.json ${path}: English has {${want}}, ${lang} has {${got}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('the command names are the same in every language; only their words change', () => {
    expect(loadCommandCatalog(dir).map((c) => c.name)).toEqual(loadCommandCatalog().map((c) => c.name));
  });

  test('the glossary names every term of the English list', () => {
    const glossary = JSON.parse(readFileSync(join(dir, 'glossary.json'), 'utf8')).terms as Record<string, string>;
    for (const term of ['civil society', 'stakeholder', 'rightsholder', 'trust and safety', 'human rights', 'commitment', 'follow-up', 'debrief']) {
      expect(glossary[term]).toEqual(expect.any(String));
    }
  });

  test('plural forms choose by the language’s own rules', () => {
    const m = loadPrivacyMessages(dir);
    for (const count of [0, 1, 2, 5, 11, 100]) expect(fillTemplate(m.forgotten, { count })).toContain(String(count));
  });
});

test('the five languages are exactly the folders in prompts/', () => {
  const folders = readdirSync(PROMPTS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && /^[a-z]{2}$/.test(d.name)).map((d) => d.name).sort();
  expect(folders).toEqual([...others].sort());
});

test('English counts read right for one and for many', () => {
  const m = loadPrivacyMessages();
  expect(fillTemplate(m.forgotten, { count: 1 })).toBe('Done. 1 record about you was erased from this workspace.');
  expect(fillTemplate(m.forgotten, { count: 3 })).toBe('Done. 3 records about you were erased from this workspace.');
});

test('a template is formatted in the rules of the language it was loaded in (Arabic: two, few, many)', () => {
  const template = '{count, plural, zero {لا شيء} one {واحد} two {اثنان} few {# قليلة} many {# كثيرة} other {# أخرى}}';
  // Unregistered, it is read with English's rules: only one and other.
  expect(fillTemplate(template, { count: 3 })).toBe('3 أخرى');
  registerTemplate(template, 'ar');
  expect([0, 1, 2, 3, 11, 100].map((count) => fillTemplate(template, { count }))).toEqual(['لا شيء', 'واحد', 'اثنان', '3 قليلة', '11 كثيرة', '100 أخرى']);
});

test('every template of every language compiles, and a plain one is filled as ICU would fill it', () => {
  const problems: string[] = [];
  const sample = (name: string) => (/count|max|min|day|days|score|length|section|page|number|first|last/.test(name) ? 3 : `‹${name}›`);
  for (const lang of LANGUAGES) {
    for (const file of FILES) {
      const strings: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') { if (v.includes('{')) strings.push(v); } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(JSON.parse(readFileSync(join(promptsDirFor(lang), `${file}.json`), 'utf8')));
      for (const template of strings) {
        try {
          const values = Object.fromEntries(argumentsOf(template).map((n) => [n, sample(n)]));
          const icu = new IntlMessageFormat(template, lang, undefined, { ignoreTag: true }).format(values);
          if (icu !== fillTemplate(template, values)) problems.push(`${lang}/${file}.json: "${template.slice(0, 60)}" fills differently`);
        } catch (err) {
          problems.push(`${lang}/${file}.json: "${template.slice(0, 60)}": ${(err as Error).message}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
});
