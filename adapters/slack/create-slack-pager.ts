import { randomUUID } from 'node:crypto';
import type { Reply } from '../../src/core/reply';
import type { Storage } from '../../src/storage/open-storage';
import type { SlackPrompts } from './load-slack-prompts';
import { LIMITS, moreBlocks, pageBlocks, renderMessage, type SlackBlock } from './render-block-kit';

// What does not fit one Slack message or one modal's metadata is kept on the bot's storage for a
// day, under the workspace's id, and fetched back by the "more" button or the modal's submission.
// Keys carry the tenant id from the verified payload: another workspace's key finds nothing.

export const MORE_ACTION = 'slack-adapter.more';
const KEEP_MS = 24 * 60 * 60 * 1000;
const INLINE = 'm:';
const STORED = 'r:';

export interface SlackMessage { text: string; blocks: SlackBlock[] }

export interface SlackPager {
  /** A reply as one Slack message; overflow is stored and a "more" button ends the page. */
  message(tenantId: string, reply: Pick<Reply, 'text' | 'blocks'>): Promise<SlackMessage>;
  /** The next page behind a "more" button, or undefined when it expired or belongs elsewhere. */
  nextPage(tenantId: string, id: string): Promise<SlackMessage | undefined>;
  /** Form metadata as private_metadata (at most 3,000 characters), and back. */
  encodeMetadata(tenantId: string, metadata: string): Promise<string>;
  decodeMetadata(tenantId: string, privateMetadata: string): Promise<string | undefined>;
}

export function createSlackPager(storage: Storage, prompts: SlackPrompts): SlackPager {
  const pages = storage.namespace<{ text: string; blocks: SlackBlock[] }>('slack-pages');
  const metadata = storage.namespace<string>('slack-metadata');

  const withMore = async (tenantId: string, text: string, page: SlackBlock[], overflow: SlackBlock[]): Promise<SlackMessage> => {
    if (!overflow.length) return { text, blocks: page };
    const id = randomUUID();
    await pages.set(`${tenantId}:${id}`, { text, blocks: overflow }, KEEP_MS);
    return { text, blocks: [...page, ...moreBlocks(prompts.moreHint, prompts.more, MORE_ACTION, id)] };
  };

  return {
    async message(tenantId, reply) {
      const { text, blocks, overflow } = renderMessage(reply);
      return withMore(tenantId, text, blocks, overflow);
    },
    async nextPage(tenantId, id) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const stored = await pages.get(`${tenantId}:${id}`);
      if (!stored) return undefined;
      const { page, overflow } = pageBlocks(stored.blocks);
      return withMore(tenantId, stored.text, page, overflow);
    },
    async encodeMetadata(tenantId, value) {
      if (INLINE.length + value.length <= LIMITS.privateMetadata) return `${INLINE}${value}`;
      const id = randomUUID();
      await metadata.set(`${tenantId}:${id}`, value, KEEP_MS);
      return `${STORED}${id}`;
    },
    async decodeMetadata(tenantId, privateMetadata) {
      if (privateMetadata.startsWith(INLINE)) return privateMetadata.slice(INLINE.length);
      if (privateMetadata.startsWith(STORED)) return metadata.get(`${tenantId}:${privateMetadata.slice(STORED.length)}`);
      return undefined;
    },
  };
}
