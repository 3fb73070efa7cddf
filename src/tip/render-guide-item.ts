import type { Block, Button, Reply } from '../base/reply';
import type { TipContext } from './tip-context';
import type { GuideItem } from '../guide/guide-schema';
import { fillTemplate } from '../base/fill-template';
import { isolate } from '../base/language';
import { itemShortName } from '../guide/name-item';

export const TIP_ACTIONS = {
  show: 'tip.show',
  another: 'tip.another',
  feedback: 'tip.feedback',
  share: 'tip.share',
  list: 'tip.list',
} as const;

export function sourceLine(ctx: TipContext, item: GuideItem): string {
  const section = ctx.guide.sectionOf(item);
  const m = ctx.messages.tip;
  return fillTemplate(m.source, {
    guideShort: m.guideShort,
    section: section.number,
    // The guide's own headings, as citations need them; inside Arabic, isolated to keep their order.
    sectionTitle: isolate(section.title, ctx.lang),
    part: isolate(item.source.part, ctx.lang),
    page: item.source.page,
  });
}

export interface ItemReplyOptions {
  /** Other matches to offer as one-click buttons (at most two are shown). */
  alsoMatching?: GuideItem[];
  /** Value for the "another tip" button; omitted when there is nothing else to offer. */
  anotherValue?: string;
  /** A line above the item, e.g. "Tip of the day" or a note that the query was shortened. */
  preface?: string;
  shareable: boolean;
}

/** One guide item as a neutral reply: what it says, what to try, where it comes from, what next. */
export function renderGuideItem(ctx: TipContext, item: GuideItem, opts: ItemReplyOptions): Reply {
  const m = ctx.messages.tip;
  const category = item.category ? ctx.guide.partLabel(item.category) : '';
  const kind = item.kind === 'tip' ? `${m.kindLabel.tip} · ${category}` : m.kindLabel[item.kind];
  const blocks: Block[] = [];
  if (opts.preface) blocks.push({ type: 'context', text: opts.preface });
  // In another language the heading is its translation, and the guide's own heading is quoted under it.
  blocks.push(
    { type: 'heading', text: itemShortName(item) },
    { type: 'context', text: item.label ? `${isolate(`“${item.title}”`, ctx.lang)} · ${kind}` : kind },
    { type: 'text', text: item.summary },
    { type: 'text', text: m.tryThis },
    { type: 'list', items: item.steps, ordered: true },
  );
  if (item.ideas.length) blocks.push({ type: 'text', text: m.ideas }, { type: 'list', items: item.ideas, ordered: false });
  if (item.options) {
    blocks.push({ type: 'fields', fields: [{ label: m.optionsLabel, value: item.options.map((o) => o.label).join(' · ') }] });
  }
  blocks.push({ type: 'context', text: sourceLine(ctx, item) });

  const next: Button[] = (opts.alsoMatching ?? []).slice(0, 2).map((other) => ({ action: TIP_ACTIONS.show, label: itemShortName(other), value: other.id }));
  if (next.length === 0 && item.kind !== 'tip') {
    // A characteristic or barrier is most useful with the tips that work on it.
    for (const tip of ctx.guide.tipsFor(item.id).slice(0, 2)) next.push({ action: TIP_ACTIONS.show, label: itemShortName(tip), value: tip.id });
  }
  if (opts.anotherValue !== undefined) next.push({ action: TIP_ACTIONS.another, label: m.anotherTip, value: opts.anotherValue });
  if (next.length) {
    blocks.push({ type: 'context', text: opts.alsoMatching?.length ? m.nextMatches : item.kind === 'tip' ? m.related : m.tipsThatHelp });
    blocks.push({ type: 'actions', buttons: next });
  }
  const closing: Button[] = [
    { action: TIP_ACTIONS.feedback, label: m.helpful, value: `${item.id}|up` },
    { action: TIP_ACTIONS.feedback, label: m.notHelpful, value: `${item.id}|down` },
  ];
  if (opts.shareable) closing.push({ action: TIP_ACTIONS.share, label: ctx.messages.tip.share, value: item.id, style: 'primary', sharesHere: true });
  blocks.push({ type: 'context', text: m.wasThisHelpful }, { type: 'actions', buttons: closing });

  return { text: `${itemShortName(item)} — ${item.summary}`, blocks, visibility: 'private' };
}
