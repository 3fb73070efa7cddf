import type { Feature } from '../base/feature';
import type { RemindContext } from './remind-context';
import { handleRemindCommand } from './handle-remind-command';
import { handleRemindAction } from './handle-remind-action';
import { handleRemindOutcome } from './handle-remind-outcome';
import { upcomingRemindersHomeSection } from './upcoming-reminders-home-section';
import { OUTCOME_FORM_ID } from './render-reminder';
import { handleMessageReminder, MESSAGE_FORM_ID, remindAboutMessage } from './remind-about-message';

// `/engage-remind`: follow-ups people set themselves, delivered on time through each platform's
// outbox by one sweeper per fleet. Other features schedule through `reminders.create` (a debrief's
// invitations and follow-ups) and render the reminders of their own kinds (`Feature.dueMessages`).

export type { RemindContext } from './remind-context';
export type { NewReminder, ReminderKind } from './new-reminder';
export { createReminders, type Reminders } from './create-reminders';
export { loadReminderMessages, type ReminderMessages } from './load-reminder-messages';
export { renderDelivery } from './render-reminder';
export { createSweeper } from './deliver-due-reminders';
export { startReminderScheduler } from './start-reminder-scheduler';
export { REMINDER_SEALED_RECORDS, type Reminder } from './reminder-store';
export { isLink } from './create-reminders';
export { MORNING_HOUR, snoozeButtons } from './render-reminder';

export function createRemindFeature(ctx: RemindContext): Feature {
  return {
    name: 'remind',
    commands: { 'engage-remind': (cmd) => handleRemindCommand(ctx, cmd) },
    actions: { remind: (action) => handleRemindAction(ctx, action) },
    forms: {
      [OUTCOME_FORM_ID]: { submit: (submission) => handleRemindOutcome(ctx, submission) },
      [MESSAGE_FORM_ID]: { submit: (submission) => handleMessageReminder(ctx, submission) },
    },
    shortcuts: { 'remind-message': (shortcut) => remindAboutMessage(ctx, shortcut) },
    home: (actor) => upcomingRemindersHomeSection(ctx, actor),
    personalData: [ctx.reminders.personalData],
  };
}
