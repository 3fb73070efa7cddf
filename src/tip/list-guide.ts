import type { Block, Reply } from '../base/reply';
import type { TipContext } from './tip-context';
import { fillTemplate } from '../base/fill-template';
import { TIP_ACTIONS } from './render-guide-item';
import { isolate } from '../base/language';
import { itemName, sectionName } from '../guide/name-item';

/** Parts people can list, in guide order, each with the words that name it. */
function parts(ctx: TipContext) {
  return ctx.guide.sections.flatMap((s) =>
    s.parts.map((part) => ({ part, section: s, items: ctx.guide.items.filter((i) => i.source.section === s.number && i.source.part === part) })),
  );
}

// Accents and case aside: "preparacion" finds "Preparación", "strategy" finds "Strategy".
const simplify = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A part as the reader names it: its translation, with the guide's heading beside it. */
const partName = (ctx: TipContext, part: string) => {
  const label = ctx.guide.partLabel(part);
  return label === part ? part : `${label} (${isolate(`“${part}”`, ctx.lang)})`;
};

export function listSections(ctx: TipContext): Reply {
  const m = ctx.messages.list;
  const all = parts(ctx);
  const blocks: Block[] = [{ type: 'heading', text: m.heading }];
  for (const s of ctx.guide.sections) {
    blocks.push({ type: 'text', text: fillTemplate(m.section, { number: s.number, title: sectionName(s, ctx.lang), page: s.page, about: s.about }) });
    blocks.push({
      type: 'list',
      items: all.filter((p) => p.section === s).map((p) => fillTemplate(m.partLine, { part: partName(ctx, p.part), count: p.items.length })),
    });
  }
  blocks.push({ type: 'context', text: m.hint });
  const tipParts = all.filter((p) => p.section.number === 4 || p.section.number === 3);
  blocks.push({ type: 'actions', buttons: tipParts.map((p) => ({ action: TIP_ACTIONS.list, label: fillTemplate(m.partButton, { part: ctx.guide.partLabel(p.part) }), value: p.part })) });
  return { text: m.heading, blocks, visibility: 'private' };
}

/** "strategy", "tactics", "barriers", "roles" … match the part whose heading contains those words. */
export function listPart(ctx: TipContext, name: string): Reply {
  const m = ctx.messages.list;
  const wanted = simplify(name);
  const all = parts(ctx);
  // A part is found by its English heading or by its name in the reader's language.
  const names = (p: (typeof all)[number]) => [simplify(p.part), simplify(ctx.guide.partLabel(p.part))];
  const found = all.find((p) => names(p).includes(wanted)) ?? all.find((p) => wanted.length >= 3 && names(p).some((n) => n.includes(wanted)))
    ?? all.find((p) => wanted.length >= 3 && names(p).some((n) => wanted.split(' ').every((w) => n.split(' ').some((x) => x.startsWith(w.replace(/s$/, ''))))));
  if (!found) {
    const text = fillTemplate(m.unknownPart, { part: name, parts: all.map((p) => ctx.guide.partLabel(p.part)).join(', ') });
    return { text, blocks: [{ type: 'text', text }], visibility: 'private' };
  }
  const heading = fillTemplate(m.partHeading, { part: ctx.guide.partLabel(found.part), count: found.items.length });
  return {
    text: heading,
    blocks: [
      { type: 'heading', text: heading },
      { type: 'list', items: found.items.map((i) => fillTemplate(m.itemLine, { title: itemName(i, ctx.lang), id: i.id })) },
      { type: 'context', text: m.hint },
    ],
    visibility: 'private',
  };
}
