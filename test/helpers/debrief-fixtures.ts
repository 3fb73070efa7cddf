import type { NewReminder, Reminders } from '../../src/remind';
import type { Block, Button, Reply } from '../../src/base/reply';
import { CHARACTERISTIC_IDS } from '../../src/debrief/score-debrief';

/** Stands in for the reminder service: records what the debrief asked for, or refuses when told to. */
export function recordingReminders() {
  const calls: NewReminder[] = [];
  const state = { failing: false };
  const port: Pick<Reminders, 'create'> = {
    async create(input) {
      if (state.failing) throw new Error('reminder store unavailable');
      calls.push(input);
      return { id: `rem-${calls.length}`, dueAt: input.dueAt };
    },
  };
  return { port, calls, fail: () => { state.failing = true; } };
}

/** A complete, valid set of answers; ratings in characteristic order ('na' allowed). */
export function answers(ratings: string[], extra: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {
    company: 'Acme',
    date: '2026-11-24',
    'format-size': 'small-group',
    'format-confidentiality': 'public',
    side: 'civil-society',
    'satisfaction-process': '4',
    'satisfaction-outcome': '3',
    asks: 'publish the appeals data for our region',
    'success-measure': 'We will consider this done when the data is online',
    notes: 'friendly but short on time',
  };
  CHARACTERISTIC_IDS.forEach((id, i) => { values[id] = ratings[i] ?? 'na'; });
  return { ...values, ...extra };
}

export const buttonsOf = (r: Reply): Button[] => r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
export const textOf = (r: Reply) => JSON.stringify(r.blocks);
export const fieldsOf = (r: Reply) => r.blocks.flatMap((b: Block) => (b.type === 'fields' ? b.fields : []));
