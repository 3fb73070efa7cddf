import type { webApi } from '@slack/bolt';
import type { Actor } from '../../src/base/incoming';
import type { ProfileLookup } from './create-profile-cache';

export type SlackActorOf = (client: webApi.WebClient, tenantId: string, userId: string) => Promise<Actor>;

/**
 * Who is asking: the workspace and the person from Slack's verified payload, and their time zone and
 * language (users.info, cached) so reminders fall at their hour and answers come in their language.
 */
export function createSlackActors(profileOf: ProfileLookup): SlackActorOf {
  return async (client, tenantId, userId) => {
    const { timeZone, locale } = await profileOf(client, tenantId, userId);
    return { platform: 'slack', tenantId, userId, ...(timeZone ? { timeZone } : {}), ...(locale ? { locale } : {}) };
  };
}
