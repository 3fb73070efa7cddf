import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../../src/base/logger';
import type { Reply } from '../../src/base/reply';
import type { SlackPager, SlackShownTo } from './create-slack-pager';
import { renderHome, renderModal, type SlackBlock } from './render-block-kit';
import { postToResponseUrl } from './post-to-response-url';
import { leaveOutShareButtons } from '../shared/leave-out-share-buttons';

// A reply of the core on its way to Slack: in an acknowledgement, through response_url (the request's
// own, or the one a modal kept from the command that opened it), as a modal, on the App Home tab, or
// in the person's direct messages. Rendering is render-block-kit's; what does not fit one message is
// the pager's.

/** Where an answer to a click or a submission goes: the conversation it came from, else the person's DM. */
export interface ReplyTarget {
  client: webApi.WebClient;
  tenantId: string;
  userId: string;
  respond?: RespondFn;
  triggerId?: string;
  /** The response_url a modal kept from its slash command: the answer goes where the command was typed, else to the DM. */
  answerUrl?: string;
}

/** A message as an acknowledgement, a response_url post or (text and blocks) a chat.postMessage carries it. */
export interface SlackMessagePayload {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks?: SlackBlock[];
  replace_original?: boolean;
}

export interface SlackReplies {
  /** A reply as a message; `shownTo` is the person whose command or click it answers (overflow is filed under them). */
  message(shownTo: SlackShownTo, reply: Reply): Promise<SlackMessagePayload>;
  /** `answerUrl`: the opening command's response_url, kept (sealed, server-side) for the submission's answer. */
  openForm(client: webApi.WebClient, triggerId: string, shownTo: SlackShownTo, reply: Reply, answerUrl?: string): Promise<void>;
  uploadFile(client: webApi.WebClient, userId: string, file: NonNullable<Reply['file']>): Promise<void>;
  deliver(reply: Reply, at: ReplyTarget): Promise<void>;
  /** A message the adapter made itself (the next page behind "more"). */
  send(payload: SlackMessagePayload, at: ReplyTarget): Promise<void>;
  publishHome(client: webApi.WebClient, userId: string, home: Reply, trimmedHint: string): Promise<void>;
}

export function createSlackReplies(pager: SlackPager, logger: Logger): SlackReplies {
  /** Where the request came from (its response_url, or the one a modal kept); false when there is none or Slack refused. */
  const postWhereAsked = async (payload: SlackMessagePayload, at: ReplyTarget): Promise<boolean> => {
    if (at.respond) {
      await at.respond(payload as never);
      return true;
    }
    return at.answerUrl !== undefined && (await postToResponseUrl(at.answerUrl, payload, logger));
  };
  const postToDm = async ({ text, blocks }: Pick<SlackMessagePayload, 'text' | 'blocks'>, at: ReplyTarget) => {
    await at.client.chat.postMessage({ channel: at.userId, text, ...(blocks ? { blocks: blocks as never } : {}) });
  };

  const replies: SlackReplies = {
    async message(shownTo, reply) {
      return { response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', ...(await pager.message(shownTo, reply)) };
    },
    async openForm(client, triggerId, shownTo, reply, answerUrl) {
      const form = reply.form!;
      const view = renderModal(form, await pager.encodeMetadata(shownTo, form.metadata, answerUrl), reply.lang);
      await client.views.open({ trigger_id: triggerId, view: view as never });
    },
    // A file the core produced (a CSV export) goes to the person's direct messages as a real file.
    async uploadFile(client, userId, file) {
      try {
        const dm = await client.conversations.open({ users: userId });
        const channel = dm.channel?.id;
        if (!channel) return;
        await client.files.uploadV2({ channel_id: channel, filename: file.name, title: file.name, content: file.content });
      } catch (err) {
        logger.warn({ event: 'slack.file_failed', error: (err as Error)?.name, code: (err as { data?: { error?: string } })?.data?.error }, 'could not upload a file');
      }
    },
    async deliver(reply, at) {
      if (reply.form && at.triggerId) {
        await replies.openForm(at.client, at.triggerId, at, reply);
        return;
      }
      if (reply.file) await replies.uploadFile(at.client, at.userId, reply.file);
      const hasSomewhere = Boolean(at.respond || at.answerUrl);
      const asked = hasSomewhere ? { ...(await replies.message(at, reply)), replace_original: Boolean(reply.replaceOriginal) } : undefined;
      if (asked && (await postWhereAsked(asked, at))) return;
      // The DM is the person's chat with the bot alone: a button posting "here" would share with no one.
      const forDm = leaveOutShareButtons(reply);
      await postToDm(asked && forDm === reply ? asked : await replies.message(at, forDm), at);
    },
    async send(payload, at) {
      if (!(await postWhereAsked(payload, at))) await postToDm(payload, at);
    },
    async publishHome(client, userId, home, trimmedHint) {
      // Nobody else sees a person's Home tab: nothing there can be shared with a conversation.
      await client.views.publish({ user_id: userId, view: renderHome(leaveOutShareButtons(home), trimmedHint) as never });
    },
  };
  return replies;
}
