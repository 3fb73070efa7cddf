import type { Actor } from '../base/incoming';
import type { DeliveryTarget } from '../base/outbox';
import type { Lang } from '../base/language';

// Reminders are the bot's one durable scheduling primitive: follow-ups people set themselves,
// follow-ups offered by a debrief, and debrief invitations sent when a meeting ends are all one.

export type ReminderKind = 'reminder' | 'debrief-invite' | 'debrief-nudge' | 'commitment';

export interface NewReminder {
  /** Who set it: only they (and, for channel reminders, nobody else) can list, cancel or snooze it. */
  owner: Actor;
  /** Where it is delivered: the owner's direct messages, a channel, or another participant. */
  target: DeliveryTarget;
  /** Optional: how to name the target in messages, e.g. a channel's name ("policy-team"). */
  targetName?: string;
  /** What to remind about, in the owner's words. Stored, shown back, never logged. */
  text: string;
  dueAt: Date;
  /** IANA zone the time was understood in; recurring reminders keep local time across DST. */
  timeZone: string;
  /** Five-field cron expression for recurring reminders, evaluated in `timeZone`. */
  cron?: string;
  kind?: ReminderKind;
  /** What the reminder belongs to, e.g. a debrief id, so delivery can render the right message. */
  ref?: string;
  /** At most one reminder per owner and key: creating again returns the first one (`existed`) instead
   *  of adding another, e.g. one follow-up per debrief however often its button is pressed. */
  onceKey?: string;
  /** The message it is about, as the platform linked it (a message shortcut): shown with it. */
  link?: string;
  /** The language it was set in: it is delivered in that language. English when absent. */
  lang?: Lang;
}

