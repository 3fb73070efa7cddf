import type { Block, Reply } from '../../src/base/reply';

// A button marked `sharesHere` posts into the conversation it sits in. Where nobody but the person
// would see that post (their direct chat with the bot, the Home tab, the console), the button only
// promises something it cannot do: each adapter calls this where it knows it is in such a place.

function withoutSharing(block: Block): Block | undefined {
  if (block.type !== 'actions' || !block.buttons.some((b) => b.sharesHere)) return block;
  const buttons = block.buttons.filter((b) => !b.sharesHere);
  return buttons.length ? { ...block, buttons } : undefined;
}

/** The reply without its `sharesHere` buttons (a row left empty goes too); the same reply when it has none. */
export function leaveOutShareButtons(reply: Reply): Reply {
  const hasOne = reply.blocks.some((b) => b.type === 'actions' && b.buttons.some((button) => button.sharesHere));
  if (!hasOne) return reply;
  return { ...reply, blocks: reply.blocks.map(withoutSharing).filter((b): b is Block => b !== undefined) };
}
