import type { Activity, CloudAdapter } from 'botbuilder';
import type { DeliveryResult, DeliveryTarget, Outbox } from '../../src/base/outbox';
import type { Logger } from '../../src/base/logger';
import type { ConversationRefStore, StoredRef } from './store-conversation-refs';
import type { TeamsPrompts } from './load-teams-prompts';
import type { Localised } from '../../src/base/load-prompts';
import { toTeamsActivity } from './to-teams-activity';
import { leaveOutShareButtons } from '../shared/leave-out-share-buttons';

export interface TeamsOutboxDeps {
  adapter: CloudAdapter;
  /** Must equal MICROSOFT_APP_ID when auth is on ('' when TEAMS_LOCAL=1). */
  appId: string;
  refs: ConversationRefStore;
  prompts: Localised<TeamsPrompts>;
  logger: Logger;
}

/** 403 (blocked, bot disabled) and 404 (conversation gone: uninstalled) will not get better. */
const PERMANENT = new Set([400, 401, 403, 404, 410]);

/** The Outbox, and a way to send a message already drawn for Teams (a form drawn again with its problems). */
export interface TeamsOutbox extends Outbox {
  sendActivity(target: DeliveryTarget, activity: Partial<Activity>): Promise<DeliveryResult>;
}

/** Reminders and invitations: sent later into a conversation the person (or team) already has with the bot. */
export function createTeamsOutbox({ adapter, appId, refs, prompts, logger }: TeamsOutboxDeps): TeamsOutbox {
  async function deliver(target: DeliveryTarget, draw: (ref: StoredRef) => Partial<Activity>): Promise<DeliveryResult> {
    if (target.platform !== 'teams') return { ok: false, permanent: true, reason: `not a Teams target (${target.platform})` };
    const ref = target.channelId
      ? await refs.getForConversation(target.tenantId, target.channelId)
      : target.userId ? await refs.getForUser(target.tenantId, target.userId) : undefined;
    if (!ref) return { ok: false, permanent: true, reason: 'no conversation reference: the person has not talked to the bot yet or removed it' };

    let messageId: string | undefined;
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(appId, ref, async (ctx) => {
        // The continuation activity carries a made-up id; left in place it would thread the
        // message under a reply that does not exist.
        delete (ctx.activity as { id?: string }).id;
        try {
          messageId = (await ctx.sendActivity(draw(ref)))?.id;
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure ??= err;
    }
    // The SDK can resolve without having sent anything (a failed token fetch goes to
    // onTurnError): only an id from the Connector counts as delivered.
    const result: DeliveryResult = messageId ? { ok: true, messageId } : classifyFailure(failure);
    logger.info({ event: 'teams.proactive', ok: result.ok, ...(result.ok ? {} : { permanent: result.permanent, status: statusOf(failure) }), tenantId: target.tenantId }, 'proactive send');
    if (!result.ok && result.permanent && statusOf(failure) === 404 && ref.conversation?.id) {
      await refs.forgetConversation(target.tenantId, ref.conversation.id, target.userId);
    }
    return result;
  }

  return {
    // In a personal chat nobody else would see what a "share here" button posts: it is left out.
    send: (target, reply) => deliver(target, (ref) => toTeamsActivity(ref.conversation?.conversationType === 'personal' ? leaveOutShareButtons(reply) : reply, prompts)),
    sendActivity: (target, activity) => deliver(target, () => activity),
  };
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  const status = e?.statusCode ?? e?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function retryAfterOf(err: unknown, now = Date.now()): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } } } | undefined)?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export function classifyFailure(err: unknown): DeliveryResult & { ok: false } {
  if (err === undefined) return { ok: false, permanent: false, reason: 'nothing was sent (the Bot Connector could not be reached or refused the bot’s token)' };
  const status = statusOf(err);
  if (status !== undefined && PERMANENT.has(status)) return { ok: false, permanent: true, reason: `Teams answered ${status}` };
  const retryAfterMs = retryAfterOf(err);
  const reason = status !== undefined ? `Teams answered ${status}` : `network error (${(err as Error)?.name ?? 'Error'})`;
  return { ok: false, permanent: false, reason, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

