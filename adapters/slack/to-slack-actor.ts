import type { webApi } from '@slack/bolt';
import type { Actor } from '../../src/base/incoming';
import type { TimeZoneLookup } from './create-time-zone-cache';

export type SlackActorOf = (client: webApi.WebClient, tenantId: string, userId: string) => Promise<Actor>;

/**
 * Who is asking: the workspace and the person from Slack's verified payload, and their time zone
 * (users.info, cached) so reminders fall at their hour; without one the core uses UTC.
 */
export function createSlackActors(timeZoneOf: TimeZoneLookup): SlackActorOf {
  return async (client, tenantId, userId) => {
    const timeZone = await timeZoneOf(client, tenantId, userId);
    return { platform: 'slack', tenantId, userId, ...(timeZone ? { timeZone } : {}) };
  };
}
