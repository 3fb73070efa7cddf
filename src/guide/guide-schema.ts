import { z } from 'zod';

// The guide as data. Headings are quoted exactly (they are how people and citations find an item);
// every other sentence is the project's own words (see README "Content").

export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case slugs').max(64);

export const itemKinds = ['tip', 'characteristic', 'barrier', 'team', 'format', 'term', 'topic'] as const;
export const ItemKind = z.enum(itemKinds);
export type ItemKind = z.infer<typeof ItemKind>;

export const tipCategories = ['Strategy', 'Preparation', 'Tactics and Approach'] as const;

const sentence = (min: number, max: number) => z.string().trim().min(min).max(max);

export const GuideSource = z.strictObject({
  /** Section number in the guide's own contents (1 Key Terms ... 4 Practical Tips). */
  section: z.number().int().min(1).max(4),
  /** The heading of the part of that section the item sits in, e.g. "Strategy". */
  part: sentence(3, 80),
  /** Page, estimated from the section start pages the guide's contents give. */
  page: z.number().int().min(1).max(60),
});

export const FormatOption = z.strictObject({ id: slug, label: sentence(2, 60) });

export const GuideItem = z.strictObject({
  id: slug,
  kind: ItemKind,
  title: sentence(2, 120),
  /** Tips: Strategy / Preparation / Tactics and Approach. */
  category: z.enum(tipCategories).optional(),
  summary: sentence(40, 700),
  /** What the guide itself advises, in the project's words: only what the guide says. */
  steps: z.array(sentence(10, 300)).min(2).max(4),
  /**
   * The project's own suggestions, shown apart under their own label so nobody attributes them to
   * the guide (a number, a cadence, a template the guide does not give).
   */
  ideas: z.array(sentence(10, 300)).max(3).default([]),
  source: GuideSource,
  keywords: z.array(sentence(2, 40)).min(3).max(40),
  synonyms: z.array(sentence(3, 120)).min(3).max(40),
  /** Cross-links: for a tip, the characteristics and barriers it helps with; any kind may link. */
  links: z.array(slug).max(20).default([]),
  /** Formats only: the choices a debrief offers for this dimension. */
  options: z.array(FormatOption).min(2).max(8).optional(),
  /** In a translated guide only (localise-guide.ts): the heading in that language, shown beside `title`. */
  label: sentence(2, 150).optional(),
});
export type GuideItem = z.infer<typeof GuideItem>;

export const GuideFile = z.strictObject({ items: z.array(GuideItem).min(1) });

export const GuideSection = z.strictObject({
  number: z.number().int().min(1).max(4),
  title: sentence(3, 80),
  page: z.number().int().min(1).max(60),
  about: sentence(20, 400),
  parts: z.array(sentence(3, 80)).default([]),
  /** In a translated guide only: the section's title in that language, shown beside `title`. */
  label: sentence(3, 80).optional(),
});
export const SectionsFile = z.strictObject({ sections: z.array(GuideSection).length(4) });
export type GuideSection = z.infer<typeof GuideSection>;
