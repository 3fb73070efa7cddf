import { itemName } from '../guide/name-item';
import type { TipContext } from './tip-context';
import type { Actor } from '../base/incoming';
import type { Block } from '../base/reply';
import { pickTipOfTheDay } from './pick-tip-of-the-day';
import { TIP_ACTIONS, sourceLine } from './render-guide-item';

export async function tipOfTheDayHomeSection(ctx: TipContext, actor: Actor): Promise<Block[]> {
  const tip = pickTipOfTheDay(ctx.guide, ctx.clock.now(), actor.timeZone);
  return [
    { type: 'heading', text: ctx.messages.tip.ofTheDay },
    { type: 'text', text: itemName(tip, ctx.lang) },
    { type: 'text', text: tip.summary },
    { type: 'context', text: sourceLine(ctx, tip) },
    { type: 'actions', buttons: [{ action: TIP_ACTIONS.show, label: ctx.messages.tip.openTip, value: tip.id }] },
  ];
}
