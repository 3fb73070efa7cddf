import { z } from 'zod';
import type { Lang } from '../base/language';
import { readPromptJson } from '../base/load-prompts';
import { slug } from './guide-schema';
import type { GuideItem, GuideSection } from './guide-schema';
import type { Guide } from './load-guide';

// The guide in another language: the same items, links and sources, with each item's words from
// prompts/<lang>/guide/items.json. The headings stay in English (`title`), quoted as the guide has
// them, because every citation points to the English guide; the translation of a heading is its
// `label`, shown beside it. Every item must be translated, with as many steps and ideas as in English,
// or loading fails: no item falls back to English unannounced.

// A quarter more room than English's limits (guide-schema.ts): Spanish, French, Portuguese and
// Arabic say the same thing in more characters. Teams' card size is checked per language in tests.
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const ItemWords = z.strictObject({
  label: text(2, 150),
  summary: text(40, 900),
  steps: z.array(text(10, 400)).min(2).max(4),
  ideas: z.array(text(10, 400)).max(3).default([]),
  options: z.record(slug, text(2, 80)).optional(),
});
const GuideWords = z.strictObject({
  about: z.string(),
  /** Labels of the guide's part headings (and tip categories), by English heading. */
  parts: z.record(z.string(), text(2, 80)),
  sections: z.record(z.string(), z.strictObject({ label: text(3, 80), about: text(20, 400) })),
  items: z.record(slug, ItemWords),
});

export function localiseGuide(english: Guide, lang: Lang, dir: string): Guide {
  const words = readPromptJson('guide/items.json', GuideWords, dir);
  const where = `prompts/${lang}/guide/items.json`;
  for (const id of Object.keys(words.items)) if (!english.get(id)) throw new Error(`${where} translates "${id}", which is no guide item`);
  const items = english.items.map((item) => translateItem(item, words.items[item.id], where));
  const sections = english.sections.map((s): GuideSection => {
    const t = words.sections[String(s.number)];
    if (!t) throw new Error(`${where} has no words for section ${s.number}`);
    return { ...s, label: t.label, about: t.about };
  });
  const partLabels = new Map(Object.entries(words.parts));
  for (const part of new Set([...english.sections.flatMap((s) => s.parts), ...items.flatMap((i) => (i.category ? [i.category] : []))])) {
    if (!partLabels.has(part)) throw new Error(`${where} has no label for the part "${part}"`);
  }
  return reindex(english, items, sections, lang, (part) => partLabels.get(part) ?? part);
}

function translateItem(item: GuideItem, t: z.infer<typeof ItemWords> | undefined, where: string): GuideItem {
  if (!t) throw new Error(`${where} has no translation of "${item.id}"`);
  if (t.steps.length !== item.steps.length) throw new Error(`${where}: "${item.id}" has ${t.steps.length} steps, English ${item.steps.length}`);
  if (t.ideas.length !== item.ideas.length) throw new Error(`${where}: "${item.id}" has ${t.ideas.length} ideas, English ${item.ideas.length}`);
  const options = item.options?.map((o) => {
    const label = t.options?.[o.id];
    if (!label) throw new Error(`${where}: "${item.id}" has no label for the option "${o.id}"`);
    return { id: o.id, label };
  });
  // Keywords and example questions in this language come from prompts/<lang>/search/phrasings.json.
  return { ...item, label: t.label, summary: t.summary, steps: t.steps, ideas: t.ideas, keywords: [], synonyms: [], ...(options ? { options } : {}) };
}

/** The English guide's structure (links, tips for each item, sections) over the translated items. */
function reindex(english: Guide, items: GuideItem[], sections: GuideSection[], lang: Lang, partLabel: (part: string) => string): Guide {
  const byId = new Map(items.map((i) => [i.id, i]));
  const mine = (list: readonly GuideItem[]) => list.map((i) => byId.get(i.id)!);
  const sectionByNumber = new Map(sections.map((s) => [s.number, s]));
  return {
    lang,
    items,
    sections,
    get: (id) => byId.get(id),
    ofKind: (kind) => mine(english.ofKind(kind)),
    related: (id) => mine(english.related(id)),
    tipsFor: (id) => mine(english.tipsFor(id)),
    sectionOf: (item) => sectionByNumber.get(item.source.section)!,
    partLabel,
  };
}
