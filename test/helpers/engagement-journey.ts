import type { Clock } from '../../src/base/clock';
import type { Actor, IncomingSubmission } from '../../src/base/incoming';
import type { Reply } from '../../src/base/reply';
import type { DeliveryTarget, Outbox } from '../../src/base/outbox';
import type { AssembledBot } from '../../src/bot/assemble-bot';
import { createSweeper } from '../../src/remind';
import { silentLogger } from '../../src/base/logger';
import { answers } from './debrief-fixtures';

/** A clock a test moves forward: meetings end, commitments fall due. */
export function movableClock(iso: string) {
  let now = new Date(iso);
  const clock: Clock = { now: () => new Date(now) };
  return { clock, set: (at: string) => { now = new Date(at); } };
}

/** Delivers what is due through the real sweeper, into a list. */
export function deliverDue(bot: AssembledBot, clock: Clock) {
  const sent: { target: DeliveryTarget; reply: Reply }[] = [];
  const outbox: Outbox = { async send(target, reply) { sent.push({ target, reply }); return { ok: true, messageId: `m${sent.length}` }; } };
  const sweeper = createSweeper({
    reminders: bot.parts.reminders, messages: bot.parts.reminderMessages, clock, logger: silentLogger,
    outboxes: { slack: outbox, teams: outbox, console: outbox }, render: (r, late) => bot.renderDue(r, late),
  });
  return { sent, sweep: () => sweeper.sweep() };
}

/** The prep form's answers for two asks: the first measurable and dated, the second neither. */
export const prepAnswers = (extra: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  goal: 'Acme agrees to an independent audit of its content moderation in our region',
  'ask-1': 'publish the audit',
  'ask-1-done': 'the full report is online',
  'ask-1-by': '2027-01-31',
  'ask-2': 'pause the automated takedowns',
  teams: ['team-human-rights', 'team-trust-and-safety'],
  staff: 'Jane Roe (policy lead)',
  'format-size': 'small-group',
  'format-confidentiality': 'public',
  readiness: ['prepare-background-knowledge', 'use-global-standards'],
  ...extra,
});

/** A debrief's answers, with what the company said on each prepared ask. */
export const debriefAnswers = (asks: Record<string, string>) => {
  // A prepared meeting's debrief asks about each ask instead of the free-text asks and measure.
  const { company: _company, asks: _asks, 'success-measure': _measure, ...values } = answers(['4', '4', '3', '3', '4', '4', '3', '2', '2', '4']);
  return { ...values, ...asks };
};

export const actorIn = (platform: Actor['platform'], tenantId: string, userId: string): Actor => ({ platform, tenantId, userId, timeZone: 'Africa/Nairobi' });

/** Commands, forms and buttons of one bot, as people use them; `bot` is read at each call (a fresh bot per test). */
export function driveBot(bot: () => AssembledBot) {
  const command = (actor: Actor, command: string, text: string, mentions: { userId: string; display: string }[] = []) => bot().handleCommand({ actor, command, text, mentions });
  const submit = async (actor: Actor, form: Reply['form'], values: IncomingSubmission['values']) => bot().handleSubmission({ actor, formId: form!.id, values, metadata: form!.metadata });
  const press = (actor: Actor, action: string, value: string) => bot().handleAction({ actor, action, value });
  const replyOf = (result: Awaited<ReturnType<typeof submit>>) => { expect(result).toHaveProperty('reply'); return (result as { reply: Reply }).reply; };
  /** `/engage forget me`, confirmed. */
  const forget = async (actor: Actor) => {
    const asked = await command(actor, 'engage', 'forget me');
    const sure = asked.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action === 'privacy.forget')!;
    return press(actor, sure.action, sure.value);
  };
  return { command, submit, press, replyOf, forget };
}
