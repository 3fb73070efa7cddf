import type { AssembledBot } from '../../src/bot/assemble-bot';
import { cleanUserText } from '../../src/base/clean-user-text';
import type { Lang } from '../../src/base/language';
import { itemName } from '../../src/guide/name-item';
import { detectLanguage } from '../../src/language/detect-language';
import { MAX_QUERY_CHARS, sourceLine } from '../../src/tip';

/** `title` is the guide's English heading (what citations and evaluations match); `label`, its translation. */
export interface TipResult { id: string; kind: string; title: string; label?: string; lang: Lang; section: string; page: number; score: number; confident: boolean }

/** `lang`: --lang when given; otherwise the question's own language, else the terminal's, else English. */
export function searchTips(bot: AssembledBot, query: string, limit: number, lang?: Lang, fallback: Lang = 'en'): TipResult[] {
  const cleaned = cleanUserText(query, MAX_QUERY_CHARS);
  if (!cleaned.hasWords) return [];
  const asked = lang ?? detectLanguage(cleaned.text, fallback) ?? fallback;
  const { guide, search } = bot.partsIn(asked);
  return search.search(cleaned.text, { limit }).map(({ item, score, confident }) => {
    const section = guide.sectionOf(item);
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      ...(item.label ? { label: item.label } : {}),
      lang: asked,
      section: `${section.number}. ${section.title} › ${item.source.part}`,
      page: item.source.page,
      score: Math.round(score * 1000) / 1000,
      confident,
    };
  });
}

export function formatTipsForHumans(bot: AssembledBot, results: TipResult[], lang: Lang): string {
  const parts = bot.partsIn(results[0]?.lang ?? lang);
  const m = parts.messages.tip;
  if (!results.length) return `${m.notCovered}\nBrowse everything with \`engage-bot tip list\`.`;
  // A guess is never printed as the guide's advice: the nearest items are named, without a citation.
  if (!results[0]!.confident) return `${m.unsure}\n${results.map((r) => `  - ${r.label ?? r.title}  (engage-bot tip ${r.id})`).join('\n')}`;
  return results
    .filter((r) => r.confident)
    .map((r, i) => {
      const item = parts.guide.get(r.id)!;
      const steps = item.steps.map((s, n) => `     ${n + 1}. ${s}`).join('\n');
      const ideas = item.ideas.length ? `\n   ${m.ideas}:\n${item.ideas.map((s) => `     - ${s}`).join('\n')}` : '';
      return `${i + 1}. ${itemName(item, parts.lang)}  [${r.kind}, ${r.id}]\n   ${item.summary}\n   ${m.tryThis}:\n${steps}${ideas}\n   ${sourceLine(parts, item)}`;
    })
    .join('\n\n');
}
