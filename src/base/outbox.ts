import type { Reply } from './reply';

// Messages the bot sends on its own (reminders, debrief invitations) leave through this port;
// each platform adapter implements it. The core never calls a platform API directly.

/** Where to deliver: a person (direct message) or a channel/conversation, on one platform. */
export interface DeliveryTarget {
  platform: 'slack' | 'teams' | 'console';
  tenantId: string;
  userId?: string;
  channelId?: string;
}

export type DeliveryResult =
  | { ok: true; messageId: string }
  /** permanent: do not retry (user gone, app uninstalled, 403/404). retryAfterMs: the platform said when. */
  | { ok: false; permanent: boolean; reason: string; retryAfterMs?: number };

export interface Outbox {
  send(target: DeliveryTarget, reply: Reply): Promise<DeliveryResult>;
}
