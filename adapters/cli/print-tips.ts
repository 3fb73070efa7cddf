import type { Bot } from '../../src/core/create-bot';
import { cleanUserText } from '../../src/text/clean-user-text';
import { sourceLine } from '../../src/commands/tip/render-guide-item';
import { MAX_QUERY_CHARS } from '../../src/commands/tip/handle-tip-command';

export interface TipResult { id: string; kind: string; title: string; section: string; page: number; score: number }

export function searchTips(bot: Bot, query: string, limit: number): TipResult[] {
  const { guide, search } = bot.context;
  const cleaned = cleanUserText(query, MAX_QUERY_CHARS);
  if (!cleaned.hasWords) return [];
  return search.search(cleaned.text, { limit }).map(({ item, score }) => {
    const section = guide.sectionOf(item);
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      section: `${section.number}. ${section.title} › ${item.source.part}`,
      page: item.source.page,
      score: Math.round(score * 1000) / 1000,
    };
  });
}

export function formatTipsForHumans(bot: Bot, results: TipResult[]): string {
  if (!results.length) return 'No match in the guide. Try other everyday words, or `engage-bot tip list`.';
  return results
    .map((r, i) => {
      const item = bot.context.guide.get(r.id)!;
      const steps = item.steps.map((s, n) => `     ${n + 1}. ${s}`).join('\n');
      return `${i + 1}. ${item.title}  [${r.kind}, ${r.id}]\n   ${item.summary}\n   Try this:\n${steps}\n   ${sourceLine(bot.context, item)}`;
    })
    .join('\n\n');
}
