import type { AssembledBot } from '../../src/bot/assemble-bot';
import { cleanUserText } from '../../src/base/clean-user-text';
import { MAX_QUERY_CHARS, sourceLine } from '../../src/tip';

export interface TipResult { id: string; kind: string; title: string; section: string; page: number; score: number; confident: boolean }

export function searchTips(bot: AssembledBot, query: string, limit: number): TipResult[] {
  const { guide, search } = bot.parts;
  const cleaned = cleanUserText(query, MAX_QUERY_CHARS);
  if (!cleaned.hasWords) return [];
  return search.search(cleaned.text, { limit }).map(({ item, score, confident }) => {
    const section = guide.sectionOf(item);
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      section: `${section.number}. ${section.title} › ${item.source.part}`,
      page: item.source.page,
      score: Math.round(score * 1000) / 1000,
      confident,
    };
  });
}

export function formatTipsForHumans(bot: AssembledBot, results: TipResult[]): string {
  const m = bot.messages.tip;
  if (!results.length) return `${m.notCovered}\nBrowse everything with \`engage-bot tip list\`.`;
  // A guess is never printed as the guide's advice: the nearest items are named, without a citation.
  if (!results[0]!.confident) return `${m.unsure}\n${results.map((r) => `  - ${r.title}  (engage-bot tip ${r.id})`).join('\n')}`;
  return results
    .filter((r) => r.confident)
    .map((r, i) => {
      const item = bot.parts.guide.get(r.id)!;
      const steps = item.steps.map((s, n) => `     ${n + 1}. ${s}`).join('\n');
      const ideas = item.ideas.length ? `\n   ${m.ideas}:\n${item.ideas.map((s) => `     - ${s}`).join('\n')}` : '';
      return `${i + 1}. ${item.title}  [${r.kind}, ${r.id}]\n   ${item.summary}\n   ${m.tryThis}:\n${steps}${ideas}\n   ${sourceLine(bot.parts, item)}`;
    })
    .join('\n\n');
}
