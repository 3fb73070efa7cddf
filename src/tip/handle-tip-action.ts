import { PLATFORM_CAPABILITIES } from '../base/platforms';
import type { TipContext } from './tip-context';
import type { IncomingAction } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import { cleanUserText } from '../base/clean-user-text';
import { TIP_ACTIONS, renderGuideItem } from './render-guide-item';
import { MAX_QUERY_CHARS, answerQuery, decodeAnother } from './handle-tip-command';
import { listPart, listSections } from './list-guide';

/** Button clicks on tip answers. Values are untrusted: anything malformed gets `undefined` (ignored). */
export async function handleTipAction(ctx: TipContext, action: IncomingAction): Promise<Reply | undefined> {
  const shareable = PLATFORM_CAPABILITIES[action.actor.platform].share;
  switch (action.action) {
    case TIP_ACTIONS.show: {
      const item = ctx.guide.get(action.value);
      return item && renderGuideItem(ctx, item, { shareable });
    }
    case TIP_ACTIONS.share: {
      const item = ctx.guide.get(action.value);
      return item && { ...renderGuideItem(ctx, item, { shareable: false }), visibility: 'channel' };
    }
    case TIP_ACTIONS.list: {
      const part = cleanUserText(action.value, 80).text;
      return part ? listPart(ctx, part) : listSections(ctx);
    }
    case TIP_ACTIONS.another: {
      const decoded = decodeAnother(action.value);
      if (!decoded) return undefined;
      const query = cleanUserText(decoded.query, MAX_QUERY_CHARS).text;
      const reply = query ? answerQuery(ctx, query, decoded.offset, shareable) : undefined;
      if (reply) return reply;
      // Past the last match: something different rather than a dead end.
      const tips = ctx.guide.ofKind('tip');
      const fallback = tips[decoded.offset % tips.length]!;
      return renderGuideItem(ctx, fallback, { preface: ctx.messages.tip.noMore, shareable });
    }
    case TIP_ACTIONS.feedback: {
      const [itemId, vote] = action.value.split('|');
      const item = itemId ? ctx.guide.get(itemId) : undefined;
      if (!item || (vote !== 'up' && vote !== 'down')) return undefined;
      await ctx.tipFeedback.record(action.actor, item.id, vote, ctx.clock.now());
      ctx.logger.info({ event: 'tip.feedback', itemId: item.id, vote }, 'tip feedback recorded');
      return textReply(vote === 'up' ? ctx.messages.tip.thanksHelpful : ctx.messages.tip.thanksNotHelpful);
    }
    default:
      return undefined;
  }
}
