import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/** Activities are small; anything bigger is not from the Bot Framework. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * CloudAdapter without its HTTP layer. Its process() prints every refused request to stderr with
 * console.error (a stack trace, not JSON) and answers with the error's own message (a fetch error
 * naming internal URLs, for a forged token). The route in mount-teams.ts does that part itself, and
 * this runs the rest exactly as process() does: authenticate, then the turn.
 */
export class TeamsAdapter extends CloudAdapter {
  serve(authHeader: string, activity: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(activity), logic);
  }
}

/** What process() does to a body before a turn (botbuilder's validateAndFixActivity, not exported). */
function withDates(body: Record<string, unknown>): Activity {
  const activity = body as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
