import type { BlockAction, BlockElementAction, EnvelopedEvent, MessageShortcut, SlashCommand, ViewStateValue, ViewSubmitAction } from '@slack/bolt';
import type { ChannelLink, Mention } from '../../src/base/incoming';
import { readSlackLinks, readSlackMessageText } from './read-slack-links';
import { coreActionId } from './render-block-kit';

// Bolt's typed payloads in, the few fields the core needs out. Slack signed them, but a signed body is
// not a well-formed one (check-slack-shape.ts lets only the shapes listened to through): the types say
// what Slack sends, the checks here what arrived.

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Where a click or a submission came from: the workspace and the person, from the verified payload. */
export interface SlackOrigin {
  tenantId: string;
  userId: string;
}

/**
 * The command's name without its slash, what was typed with Slack's links read out of it, and the
 * response_url that answers in the conversation where it was typed.
 */
export function readCommand(command: SlashCommand): { name: string; text: string; mentions: Mention[]; channels: ChannelLink[]; responseUrl?: string } {
  const responseUrl = text(command.response_url);
  return { name: command.command.replace(/^\//, ''), ...readSlackLinks(text(command.text) ?? ''), ...(responseUrl ? { responseUrl } : {}) };
}

function originOf(body: Pick<BlockAction | ViewSubmitAction, 'team' | 'user'>): SlackOrigin | undefined {
  const tenantId = text(body.team?.id) ?? text(body.user?.team_id);
  const userId = text(body.user?.id);
  return tenantId && userId ? { tenantId, userId } : undefined;
}

export interface SlackClick extends SlackOrigin {
  /** The core's action id (the per-message suffix taken off) and the value it minted. */
  actionId: string;
  /** The Slack action id as it came, for the adapter's own buttons ("more"). */
  slackActionId: string;
  value: string;
  /** A button on the App Home tab: the tab is published again after it. */
  onHome: boolean;
  hasResponseUrl: boolean;
  triggerId?: string;
}

/** A button or a menu choice; undefined when the payload lacks who clicked what. */
export function readClick(body: BlockAction, action: BlockElementAction): SlackClick | undefined {
  const origin = originOf(body);
  const slackActionId = text(action.action_id);
  if (!origin || !slackActionId) return undefined;
  const picked = 'selected_option' in action ? text(action.selected_option?.value) : undefined;
  const value = ('value' in action ? text(action.value) : undefined) ?? picked ?? '';
  const triggerId = text(body.trigger_id);
  return {
    ...origin,
    actionId: coreActionId(slackActionId),
    slackActionId,
    value,
    onHome: body.view?.type === 'home',
    hasResponseUrl: Boolean(text(body.response_url)),
    ...(triggerId ? { triggerId } : {}),
  };
}

export interface SlackSubmission extends SlackOrigin {
  formId: string;
  values: Record<string, string | string[] | undefined>;
  /** The modal's input blocks, in order: where field errors can be shown. */
  blockIds: string[];
  privateMetadata: string;
}

/** A modal's answers, one per input block (each block holds one input, whatever its action id). */
export function readSubmission(body: ViewSubmitAction): SlackSubmission | undefined {
  const origin = originOf(body);
  if (!origin) return undefined;
  const state: unknown = body.view.state?.values;
  const blocks = state && typeof state === 'object' ? (state as Record<string, unknown>) : {};
  const values: Record<string, string | string[] | undefined> = {};
  for (const [blockId, inputs] of Object.entries(blocks)) {
    values[blockId] = readInputValue(inputs && typeof inputs === 'object' ? Object.values(inputs)[0] : undefined);
  }
  return { ...origin, formId: body.view.callback_id, values, blockIds: Object.keys(blocks), privateMetadata: text(body.view.private_metadata) ?? '' };
}

/** What Slack sends back for one input, whatever its element type, as the core expects it. */
function readInputValue(state: unknown): string | string[] | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as ViewStateValue;
  if (typeof s.value === 'string') return s.value;
  if (typeof s.selected_date === 'string') return s.selected_date;
  if (typeof s.selected_time === 'string') return s.selected_time;
  if (s.selected_option && typeof s.selected_option.value === 'string') return s.selected_option.value;
  if (Array.isArray(s.selected_options)) return s.selected_options.map((o) => (o as { value?: unknown } | null)?.value).filter((v): v is string => typeof v === 'string');
  return undefined;
}

export interface SlackMessageShortcut extends SlackOrigin {
  /** The shortcut's callback_id: the core's shortcut name. */
  callbackId: string;
  triggerId: string;
  channelId: string;
  messageTs: string;
  /** The message's words as the person read them (Slack's link syntax read out). */
  text: string;
  hasResponseUrl: boolean;
}

/** A message shortcut ("…" on a message); undefined when the payload lacks who, where or which message. */
export function readMessageShortcut(body: MessageShortcut): SlackMessageShortcut | undefined {
  const tenantId = text(body.team?.id) ?? text(body.user?.team_id);
  const userId = text(body.user?.id);
  const channelId = text(body.channel?.id);
  const messageTs = text(body.message_ts) ?? text(body.message?.ts);
  const callbackId = text(body.callback_id);
  const triggerId = text(body.trigger_id);
  if (!tenantId || !userId || !channelId || !messageTs || !callbackId || !triggerId) return undefined;
  return {
    tenantId, userId, callbackId, triggerId, channelId, messageTs,
    text: readSlackMessageText(text(body.message?.text) ?? ''),
    hasResponseUrl: Boolean(text(body.response_url)),
  };
}

/** Which installation an uninstall or a revoked token is about. */
export function readInstallation(body: EnvelopedEvent): { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean } {
  const teamId = text(body.team_id);
  const enterpriseId = text(body.enterprise_id);
  return { ...(teamId ? { teamId } : {}), ...(enterpriseId ? { enterpriseId } : {}), isEnterpriseInstall: Boolean(body.is_enterprise_install) };
}
