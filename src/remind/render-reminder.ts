import type { Block, Button, Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import type { ReminderMessages } from './load-reminder-messages';
import type { Reminder } from './reminder-store';
import { describeInZone } from '../base/zoned-time';

export const REMIND_ACTIONS = {
  done: 'remind.done',
  snooze: 'remind.snooze',
  outcome: 'remind.outcome',
  stop: 'remind.stop',
  cancel: 'remind.cancel',
} as const;
export const OUTCOME_FORM_ID = 'remind-outcome';
export const SNOOZES = ['1h', 'tomorrow', 'week'] as const;
export type Snooze = (typeof SNOOZES)[number];
/** Reminders set for a day without a time (snoozed to tomorrow, a date picked) arrive at nine, the person's time. */
export const MORNING_HOUR = 9;

/** The three snooze buttons of a delivered reminder, whichever feature renders it. */
export const snoozeButtons = (d: ReminderMessages['delivery'], reminderId: string): Button[] => [
  { action: REMIND_ACTIONS.snooze, label: d.snoozeHour, value: `${reminderId}|1h` },
  { action: REMIND_ACTIONS.snooze, label: d.snoozeTomorrow, value: `${reminderId}|tomorrow` },
  { action: REMIND_ACTIONS.snooze, label: d.snoozeWeek, value: `${reminderId}|week` },
];

/** "every month on day 1 at 09:00 Africa/Nairobi" for the cron expressions our parser writes (read in `zone`). */
export function describeSchedule(m: ReminderMessages, cron: string, zone: string): string {
  const [minute = '0', hour = '0', dom = '*', , dow = '*'] = cron.split(' ');
  const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')} ${zone}`;
  if (dom !== '*') return fillTemplate(m.schedule.month, { day: dom, time });
  if (dow === '1,2,3,4,5') return fillTemplate(m.schedule.weekday, { time });
  if (/^[0-6]$/.test(dow)) return fillTemplate(m.schedule.week, { weekday: m.weekdays[Number(dow)]!, time });
  return fillTemplate(m.schedule.day, { time });
}

export function whoWords(m: ReminderMessages, r: Pick<Reminder, 'target' | 'targetName'>): string {
  if (!r.target.channelId) return m.whoMe;
  return r.targetName ? fillTemplate(m.whoChannel, { channel: r.targetName }) : m.whoChannelUnnamed;
}

/** The message a reminder arrives as: what to do, when it was for, and buttons to close the loop. */
export function renderDelivery(m: ReminderMessages, r: Reminder, late: boolean, now: Date): Reply {
  const when = describeInZone(new Date(r.dueAt), r.timeZone, now, r.lang);
  const d = m.delivery;
  const blocks: Block[] = [
    { type: 'heading', text: d.heading },
    { type: 'text', text: r.text },
    { type: 'context', text: late ? fillTemplate(d.late, { when }) : fillTemplate(d.due, { when }) },
  ];
  if (r.link) blocks.push({ type: 'link', text: d.openMessage, url: r.link });
  if (r.cron) blocks.push({ type: 'context', text: fillTemplate(d.repeats, { schedule: describeSchedule(m, r.cron, r.timeZone) }) });
  const buttons: Button[] = [];
  if (!r.cron) buttons.push({ action: REMIND_ACTIONS.done, label: d.done, value: r.id, style: 'primary' });
  buttons.push(...snoozeButtons(d, r.id), { action: REMIND_ACTIONS.outcome, label: d.logOutcome, value: r.id });
  if (r.cron) buttons.push({ action: REMIND_ACTIONS.stop, label: d.stop, value: r.id, style: 'danger' });
  blocks.push({ type: 'actions', buttons });
  return { text: `${d.heading}: ${r.text}`, blocks, visibility: 'channel' };
}
