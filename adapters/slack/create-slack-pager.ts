import type { Reply } from '../../src/base/reply';
import type { OverflowStore } from '../../src/storage/create-overflow-store';
import type { SlackPrompts } from './load-slack-prompts';
import type { Localised } from '../../src/base/load-prompts';
import { isLang, type Lang } from '../../src/base/language';
import { LIMITS, moreBlocks, pageBlocks, renderMessage, type SlackBlock } from './render-block-kit';

// What does not fit one Slack message or one modal's metadata goes to the core's overflow store:
// sealed, kept a day under the person it is shown to (so forget me reaches it), and fetched back by
// the "more" button or the modal's submission. Lookups carry the tenant id from the verified
// payload: another workspace's button finds nothing.

export const MORE_ACTION = 'slack-adapter.more';
const INLINE = 'm:';
const STORED = 'r:';

export interface SlackMessage { text: string; blocks: SlackBlock[] }
/** Who sees the message; no user for messages the bot sends on its own. */
export interface SlackShownTo { tenantId: string; userId?: string }

export interface SlackPager {
  /** A reply as one Slack message; overflow is kept and a "more" button ends the page. */
  message(shownTo: SlackShownTo, reply: Pick<Reply, 'text' | 'blocks' | 'lang'>): Promise<SlackMessage>;
  /** The next page behind a "more" button, or undefined when it expired or belongs elsewhere. */
  nextPage(shownTo: SlackShownTo, ref: string): Promise<SlackMessage | undefined>;
  /** Form metadata as private_metadata (at most 3,000 characters), and back. */
  encodeMetadata(shownTo: SlackShownTo, metadata: string): Promise<string>;
  decodeMetadata(tenantId: string, privateMetadata: string): Promise<string | undefined>;
}

const isPage = (v: unknown): v is SlackMessage =>
  typeof v === 'object' && v !== null && typeof (v as SlackMessage).text === 'string' && Array.isArray((v as SlackMessage).blocks);

export function createSlackPager(overflow: OverflowStore, prompts: Localised<SlackPrompts>): SlackPager {
  const inSlack = (shownTo: SlackShownTo) => ({ platform: 'slack' as const, ...shownTo });

  // The rest of a page is kept with its language: the next "more" button is in the reply's language.
  const withMore = async (shownTo: SlackShownTo, text: string, page: SlackBlock[], rest: SlackBlock[], lang: Lang): Promise<SlackMessage> => {
    if (!rest.length) return { text, blocks: page };
    const ref = await overflow.keep(inSlack(shownTo), { text, blocks: rest, lang });
    const words = prompts(lang);
    return { text, blocks: [...page, ...moreBlocks(words.moreHint, words.more, MORE_ACTION, ref)] };
  };

  return {
    async message(shownTo, reply) {
      const { text, blocks, overflow: rest } = renderMessage(reply);
      return withMore(shownTo, text, blocks, rest, reply.lang ?? 'en');
    },
    async nextPage(shownTo, ref) {
      const stored = await overflow.find(inSlack(shownTo), ref);
      if (!isPage(stored)) return undefined;
      const { page, overflow: rest } = pageBlocks(stored.blocks);
      const lang = (stored as { lang?: unknown }).lang;
      return withMore(shownTo, stored.text, page, rest, isLang(lang) ? lang : 'en');
    },
    async encodeMetadata(shownTo, value) {
      if (INLINE.length + value.length <= LIMITS.privateMetadata) return `${INLINE}${value}`;
      return `${STORED}${await overflow.keep(inSlack(shownTo), value)}`;
    },
    async decodeMetadata(tenantId, privateMetadata) {
      if (privateMetadata.startsWith(INLINE)) return privateMetadata.slice(INLINE.length);
      if (!privateMetadata.startsWith(STORED)) return undefined;
      const stored = await overflow.find(inSlack({ tenantId }), privateMetadata.slice(STORED.length));
      return typeof stored === 'string' ? stored : undefined;
    },
  };
}
