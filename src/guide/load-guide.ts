import { GuideFile, GuideItem, ItemKind, SectionsFile, GuideSection } from './guide-schema';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';
import type { Lang } from '../base/language';

export const GUIDE_FILES = [
  'guide/key-terms.json',
  'guide/formats.json',
  'guide/teams.json',
  'guide/topics.json',
  'guide/characteristics.json',
  'guide/barriers.json',
  'guide/tips-strategy.json',
  'guide/tips-preparation.json',
  'guide/tips-tactics.json',
] as const;

export interface Guide {
  /** The language of its words (localise-guide.ts); its headings (`title`) are English in every one. */
  readonly lang: Lang;
  readonly items: readonly GuideItem[];
  readonly sections: readonly GuideSection[];
  get(id: string): GuideItem | undefined;
  ofKind(kind: ItemKind): readonly GuideItem[];
  /** Items linked to or from this one, in guide order. Links are stored once and read both ways. */
  related(id: string): readonly GuideItem[];
  /** Tips for this characteristic or barrier: those it names first, then those that name it. */
  tipsFor(id: string): readonly GuideItem[];
  sectionOf(item: GuideItem): GuideSection;
  /** A part heading ("Strategy") as this language names it (English: the heading itself). */
  partLabel(part: string): string;
}

/** Loads and cross-checks the guide. Any broken reference is a start-up error naming the item. */
export function loadGuide(dir = PROMPTS_DIR): Guide {
  const { sections } = readPromptJson('guide/sections.json', SectionsFile, dir);
  const items = GUIDE_FILES.flatMap((file) => readPromptJson(file, GuideFile, dir).items);

  const byId = new Map<string, GuideItem>();
  for (const item of items) {
    if (byId.has(item.id)) throw new Error(`guide item id "${item.id}" is used twice`);
    byId.set(item.id, item);
  }
  const sectionByNumber = new Map(sections.map((s) => [s.number, s]));
  const linked = new Map<string, Set<string>>(items.map((i) => [i.id, new Set<string>()]));
  for (const item of items) {
    if (item.kind === 'tip' && !item.category) throw new Error(`tip "${item.id}" has no category`);
    if ((item.kind === 'format') !== Boolean(item.options)) throw new Error(`"${item.id}": options belong to formats only`);
    const section = sectionByNumber.get(item.source.section);
    if (!section?.parts.includes(item.source.part)) {
      throw new Error(`"${item.id}" cites part "${item.source.part}", which section ${item.source.section} does not have`);
    }
    for (const target of item.links) {
      if (!byId.has(target)) throw new Error(`"${item.id}" links to "${target}", which does not exist`);
      if (target === item.id) throw new Error(`"${item.id}" links to itself`);
      linked.get(item.id)!.add(target);
      linked.get(target)!.add(item.id);
    }
  }
  const order = new Map(items.map((item, index) => [item.id, index]));
  const inGuideOrder = (ids: Iterable<string>) =>
    [...ids].map((id) => byId.get(id)!).sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const relatedById = new Map([...linked].map(([id, set]) => [id, inGuideOrder(set)]));
  // An item's own links name its best tips first, in the order it gives; tips that link to it follow
  // in guide order. The debrief leads with the first of these for a weak characteristic.
  const tipsById = new Map(
    items.map((item) => {
      const chosen = item.links.map((id) => byId.get(id)!).filter((t) => t.kind === 'tip');
      const linking = items.filter((t) => t.kind === 'tip' && t.links.includes(item.id) && !chosen.includes(t));
      return [item.id, [...chosen, ...linking]];
    }),
  );
  const byKind = new Map<ItemKind, GuideItem[]>();
  for (const item of items) byKind.set(item.kind, [...(byKind.get(item.kind) ?? []), item]);

  return {
    lang: 'en',
    items,
    sections,
    get: (id) => byId.get(id),
    ofKind: (kind) => byKind.get(kind) ?? [],
    related: (id) => relatedById.get(id) ?? [],
    tipsFor: (id) => tipsById.get(id) ?? [],
    sectionOf: (item) => sectionByNumber.get(item.source.section)!,
    partLabel: (part) => part,
  };
}
