import type { BotContext } from '../../core/bot-context';
import type { IncomingCommand } from '../../core/incoming';
import { textReply, type Reply } from '../../core/reply';
import { cleanUserText } from '../../text/clean-user-text';
import { fillTemplate } from '../../text/fill-template';
import { renderGuideItem } from './render-guide-item';
import { listPart, listSections } from './list-guide';
import { pickTipOfTheDay } from './pick-tip-of-the-day';

export const MAX_QUERY_CHARS = 500;
/** Matches beyond the first answer, offered as buttons; "another tip" continues after them. */
const SHOWN_ALONGSIDE = 2;

/** `/engage-tip [situation | list [part] | item-id]` */
export function handleTipCommand(ctx: BotContext, cmd: IncomingCommand): Reply {
  const shareable = cmd.actor.platform !== 'console';
  const cleaned = cleanUserText(cmd.text, MAX_QUERY_CHARS);
  const example = ctx.catalog.find((c) => c.name === 'engage-tip')?.examples[0] ?? '';
  if (!cleaned.text) {
    const item = pickTipOfTheDay(ctx.guide, ctx.clock.now(), cmd.actor.timeZone);
    const reply = renderGuideItem(ctx, item, { preface: ctx.messages.tip.ofTheDay, shareable });
    reply.blocks.push({ type: 'context', text: fillTemplate(ctx.messages.tip.ofTheDayHint, { example }) });
    return reply;
  }
  if (!cleaned.hasWords) return textReply(fillTemplate(ctx.messages.tip.emptyAfterCleaning, { example }));

  const [first, ...rest] = cleaned.text.split(' ');
  if (first!.toLowerCase() === 'list') return rest.length ? listPart(ctx, rest.join(' ')) : listSections(ctx);
  const byId = rest.length === 0 ? ctx.guide.get(first!.toLowerCase()) : undefined;
  if (byId) return renderGuideItem(ctx, byId, { shareable });

  const preface = cleaned.trimmed ? fillTemplate(ctx.messages.tip.trimmed, { max: MAX_QUERY_CHARS }) : undefined;
  return answerQuery(ctx, cleaned.text, 0, shareable, preface) ?? textReply(fillTemplate(ctx.messages.tip.noMatch, { example }));
}

/** The best match at `offset`, with the next two offered as buttons and "another tip" after those. */
export function answerQuery(ctx: BotContext, query: string, offset: number, shareable: boolean, preface?: string): Reply | undefined {
  const hits = ctx.search.search(query, { limit: offset + 1 + SHOWN_ALONGSIDE });
  const best = hits[offset];
  if (!best) return undefined;
  const alongside = hits.slice(offset + 1, offset + 1 + SHOWN_ALONGSIDE).map((h) => h.item);
  const nextOffset = offset + 1 + SHOWN_ALONGSIDE;
  return renderGuideItem(ctx, best.item, {
    alsoMatching: alongside,
    anotherValue: encodeAnother(nextOffset, query),
    ...(preface ? { preface } : {}),
    shareable,
  });
}

// Button values carry the query back so "another tip" needs no server-side session.
export const encodeAnother = (offset: number, query: string) => `${offset}|${query}`;
export function decodeAnother(value: string): { offset: number; query: string } | undefined {
  const match = /^(\d{1,3})\|(.{1,600})$/s.exec(value);
  return match ? { offset: Number(match[1]), query: match[2]! } : undefined;
}
