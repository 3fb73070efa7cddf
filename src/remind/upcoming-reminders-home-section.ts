import type { RemindContext } from './remind-context';
import type { Actor } from '../base/incoming';
import type { Block } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { describeInZone } from '../base/zoned-time';
import { REMIND_ACTIONS, whoWords } from './render-reminder';

const SHOWN = 5;

/** The person's next few reminders on their home view, each with a way to cancel it. */
export async function upcomingRemindersHomeSection(ctx: RemindContext, actor: Actor): Promise<Block[]> {
  const m = ctx.reminderMessages;
  const upcoming = await ctx.reminders.listActive(actor);
  const blocks: Block[] = [{ type: 'heading', text: m.home.heading }];
  if (!upcoming.length) return [...blocks, { type: 'context', text: m.home.empty }];
  const now = ctx.clock.now();
  blocks.push({ type: 'list', items: upcoming.slice(0, SHOWN).map((r) => fillTemplate(m.list.item, {
    when: describeInZone(new Date(r.dueAt), r.timeZone, now, ctx.lang), what: r.text, who: whoWords(m, r), id: r.id, repeat: '',
  })) });
  blocks.push({ type: 'actions', buttons: upcoming.slice(0, SHOWN).map((r) => ({ action: REMIND_ACTIONS.cancel, label: fillTemplate(m.list.cancelButton, { id: r.id }), value: r.id })) });
  if (upcoming.length > SHOWN) blocks.push({ type: 'context', text: fillTemplate(m.home.more, { count: upcoming.length - SHOWN }) });
  return blocks;
}
