import { isolate, type Lang } from '../base/language';
import type { GuideItem, GuideSection } from './guide-schema';

// How an item is named to a reader. In English, by its heading. In another language, by the
// heading's translation, with the guide's own heading quoted beside it wherever there is room, since
// every citation points to the English guide; on a button, where there is no room, by the translation.

/** In a sentence or a line: "Sé específico al buscar contactos (“Be targeted in outreach…”)". */
export const itemName = (item: GuideItem, lang: Lang): string =>
  item.label ? `${item.label} (${isolate(`“${item.title}”`, lang)})` : item.title;

/** On a button or a form field: the heading in the reader's language. */
export const itemShortName = (item: GuideItem): string => item.label ?? item.title;

/** A section of the guide, named the same way. */
export const sectionName = (section: GuideSection, lang: Lang): string =>
  section.label ? `${section.label} (${isolate(`“${section.title}”`, lang)})` : section.title;
