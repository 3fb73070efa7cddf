import type { Reply } from '../../src/base/reply';
import type { OverflowStore } from '../../src/storage/create-overflow-store';
import type { SlackPrompts } from './load-slack-prompts';
import type { Localised } from '../../src/base/load-prompts';
import type { Clock } from '../../src/base/clock';
import { isLang, type Lang } from '../../src/base/language';
import { LIMITS, moreBlocks, pageBlocks, renderMessage, type SlackBlock } from './render-block-kit';

// What does not fit one Slack message or one modal's metadata goes to the core's overflow store:
// sealed, kept a day under the person it is shown to (so forget me reaches it), and fetched back by
// the "more" button or the modal's submission. Lookups carry the tenant id from the verified
// payload: another workspace's button finds nothing.
//
// A modal opened by a slash command also keeps that command's response_url here, never in the
// modal's private_metadata: whoever holds the address can post into the conversation for half an hour.

export const MORE_ACTION = 'slack-adapter.more';
const INLINE = 'm:';
const STORED = 'r:';
/** Slack honours a response_url for 30 minutes; a minute's margin covers clocks and slow submissions. */
const ANSWER_URL_LIFE_MS = 29 * 60_000;

export interface SlackMessage { text: string; blocks: SlackBlock[] }
/** Who sees the message; no user for messages the bot sends on its own. */
export interface SlackShownTo { tenantId: string; userId?: string }

/** A modal's form state and, while it can still be used, where its answer goes. */
export interface SlackFormState {
  metadata: string;
  /** The response_url of the command that opened the modal; absent once expired or for anyone else. */
  answerUrl?: string;
}

/** What is kept for a modal that has somewhere to answer. */
interface KeptForm { form: string; answerUrl: string; answerBy: string; userId?: string }

const isKeptForm = (v: unknown): v is KeptForm =>
  typeof v === 'object' && v !== null && typeof (v as KeptForm).form === 'string' && typeof (v as KeptForm).answerUrl === 'string' && typeof (v as KeptForm).answerBy === 'string';

export interface SlackPager {
  /** A reply as one Slack message; overflow is kept and a "more" button ends the page. */
  message(shownTo: SlackShownTo, reply: Pick<Reply, 'text' | 'blocks' | 'lang'>): Promise<SlackMessage>;
  /** The next page behind a "more" button, or undefined when it expired or belongs elsewhere. */
  nextPage(shownTo: SlackShownTo, ref: string): Promise<SlackMessage | undefined>;
  /**
   * Form metadata as private_metadata (at most 3,000 characters), and back. With `answerUrl` (the
   * response_url of the command that opened the form) both are kept sealed and only a reference travels.
   */
  encodeMetadata(shownTo: SlackShownTo, metadata: string, answerUrl?: string): Promise<string>;
  /** `submittedBy` is the verified submitter: a kept answerUrl is theirs only. */
  decodeMetadata(submittedBy: SlackShownTo, privateMetadata: string): Promise<SlackFormState | undefined>;
}

const isPage = (v: unknown): v is SlackMessage =>
  typeof v === 'object' && v !== null && typeof (v as SlackMessage).text === 'string' && Array.isArray((v as SlackMessage).blocks);

export function createSlackPager(overflow: OverflowStore, prompts: Localised<SlackPrompts>, clock: Clock): SlackPager {
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
    async encodeMetadata(shownTo, value, answerUrl) {
      if (answerUrl) {
        const kept: KeptForm = { form: value, answerUrl, answerBy: new Date(clock.now().getTime() + ANSWER_URL_LIFE_MS).toISOString(), ...(shownTo.userId ? { userId: shownTo.userId } : {}) };
        return `${STORED}${await overflow.keep(inSlack(shownTo), kept)}`;
      }
      if (INLINE.length + value.length <= LIMITS.privateMetadata) return `${INLINE}${value}`;
      return `${STORED}${await overflow.keep(inSlack(shownTo), value)}`;
    },
    async decodeMetadata(submittedBy, privateMetadata) {
      if (privateMetadata.startsWith(INLINE)) return { metadata: privateMetadata.slice(INLINE.length) };
      if (!privateMetadata.startsWith(STORED)) return undefined;
      const stored = await overflow.find(inSlack({ tenantId: submittedBy.tenantId }), privateMetadata.slice(STORED.length));
      if (typeof stored === 'string') return { metadata: stored };
      if (!isKeptForm(stored)) return undefined;
      // Too late for Slack, or someone else's command: the answer goes to the submitter's DM instead.
      const usable = Date.parse(stored.answerBy) > clock.now().getTime() && stored.userId === submittedBy.userId;
      return { metadata: stored.form, ...(usable ? { answerUrl: stored.answerUrl } : {}) };
    },
  };
}
