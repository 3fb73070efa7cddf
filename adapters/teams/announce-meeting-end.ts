import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Bot } from '../../src/bot/create-bot';
import type { Actor } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { Logger } from '../../src/base/logger';
import type { Claims } from '../../src/storage/store-operations';

// A meeting the bot is in has ended (Teams' meetingEnd event in the meeting's chat, sent when the
// app has the OnlineMeeting.ReadBasic.Chat permission): the core says what to post there — the offer
// of a debrief. Teams can send the event again, and to any instance of the bot: the meeting is claimed
// in the shared store first, so the chat sees the offer once.

export const MEETING_END = 'application/vnd.microsoft.meetingEnd';

/** Long enough to outlast any redelivery; short enough that tomorrow's meeting in the same chat is its own. */
export const MEETING_END_MEMORY_MS = 12 * 60 * 60 * 1000;
const MAX_TITLE = 500;

export interface MeetingEndDeps {
  bot: Bot;
  claims: Pick<Claims, 'claim'>;
  logger: Logger;
}

const text = (v: unknown, max = 2000) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

/** Which meeting ended: Teams' meeting id, else the meeting's chat. */
function meetingOf(activity: Activity): string {
  const value = (activity.value ?? {}) as { Id?: unknown };
  const meeting = ((activity.channelData ?? {}) as { meeting?: { id?: unknown } }).meeting;
  return text(value.Id) ?? text(meeting?.id) ?? activity.conversation.id;
}

/** What to post where the meeting ended, the first time this meeting's end is seen; undefined otherwise. */
export async function answerMeetingEnd({ bot, claims, logger }: MeetingEndDeps, activity: Activity, actor: Actor): Promise<Reply | undefined> {
  // A hash keeps the key short and free of whatever the id holds.
  const meeting = createHash('sha256').update(meetingOf(activity)).digest('hex').slice(0, 32);
  if (!(await claims.claim(`teams:meeting-end:${actor.tenantId}:${meeting}`, MEETING_END_MEMORY_MS))) {
    logger.info({ event: 'teams.meeting_end_repeated', tenantId: actor.tenantId }, 'meeting end already answered');
    return undefined;
  }
  const title = text(((activity.value ?? {}) as { Title?: unknown }).Title, MAX_TITLE);
  return bot.handleEvent({ actor, event: 'meeting-ended', ...(title ? { title } : {}) });
}
