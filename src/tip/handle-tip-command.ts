import { PLATFORM_CAPABILITIES } from '../base/platforms';
import type { TipContext } from './tip-context';
import type { IncomingCommand } from '../base/incoming';
import { textReply, type Block, type Reply } from '../base/reply';
import type { GuideItem } from '../guide/guide-schema';
import { cleanUserText } from '../base/clean-user-text';
import { fillTemplate } from '../base/fill-template';
import { TIP_ACTIONS, renderGuideItem } from './render-guide-item';
import { listPart, listSections } from './list-guide';
import { itemShortName } from '../guide/name-item';
import { pickTipOfTheDay } from './pick-tip-of-the-day';

export const MAX_QUERY_CHARS = 500;
/** Matches beyond the first answer, offered as buttons; "another tip" continues after them. */
const SHOWN_ALONGSIDE = 2;

/** `/engage-tip [situation | list [part] | item-id]` */
export function handleTipCommand(ctx: TipContext, cmd: IncomingCommand): Reply {
  const shareable = PLATFORM_CAPABILITIES[cmd.actor.platform].share;
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
  return answerQuery(ctx, cleaned.text, 0, shareable, preface) ?? notCovered(ctx);
}

/**
 * The best match at `offset`, with the next two offered as buttons and "another tip" after those.
 * When the search is not sure, no item is presented as the answer: the nearest ones are offered to
 * choose from, without a citation, so a guess never looks like the guide's advice.
 */
export function answerQuery(ctx: TipContext, query: string, offset: number, shareable: boolean, preface?: string): Reply | undefined {
  const hits = ctx.search.search(query, { limit: offset + 1 + SHOWN_ALONGSIDE });
  const best = hits[offset];
  if (!best) return undefined;
  if (!hits[0]!.confident) return offerNearest(ctx, hits.map((h) => h.item), preface);
  const alongside = hits.slice(offset + 1, offset + 1 + SHOWN_ALONGSIDE).map((h) => h.item);
  const nextOffset = offset + 1 + SHOWN_ALONGSIDE;
  return renderGuideItem(ctx, best.item, {
    alsoMatching: alongside,
    anotherValue: encodeAnother(nextOffset, query),
    ...(preface ? { preface } : {}),
    shareable,
  });
}

function offerNearest(ctx: TipContext, items: GuideItem[], preface?: string): Reply {
  const m = ctx.messages.tip;
  const blocks: Block[] = [];
  if (preface) blocks.push({ type: 'context', text: preface });
  blocks.push(
    { type: 'text', text: m.unsure },
    { type: 'actions', buttons: items.slice(0, 1 + SHOWN_ALONGSIDE).map((item) => ({ action: TIP_ACTIONS.show, label: itemShortName(item), value: item.id })) },
    { type: 'context', text: m.unsureHint },
  );
  return { text: m.unsure, blocks, visibility: 'private' };
}

/** Nothing in the guide is close: say so, say what the guide is about, and show two ways in. */
export function notCovered(ctx: TipContext): Reply {
  const m = ctx.messages.tip;
  const [example1 = '', example2 = ''] = ctx.catalog.find((c) => c.name === 'engage-tip')?.examples ?? [];
  const next = fillTemplate(m.notCoveredTry, { example1, example2 });
  return {
    text: `${m.notCovered} ${next}`,
    blocks: [
      { type: 'text', text: m.notCovered },
      { type: 'context', text: next },
      { type: 'actions', buttons: [{ action: TIP_ACTIONS.list, label: ctx.messages.list.heading, value: '' }] },
    ],
    visibility: 'private',
  };
}

// Button values carry the query back so "another tip" needs no server-side session.
export const encodeAnother = (offset: number, query: string) => `${offset}|${query}`;
export function decodeAnother(value: string): { offset: number; query: string } | undefined {
  const match = /^(\d{1,3})\|(.{1,600})$/s.exec(value);
  return match ? { offset: Number(match[1]), query: match[2]! } : undefined;
}
