import { z } from 'zod';
import type { Form } from '../../src/base/reply';
import { DATA_KEY } from './render-adaptive-card';

// What comes back from a card (Action.Execute invoke data, or Action.Submit message `value`) is
// untrusted: anything that does not have the shape the renderer minted is ignored.

const short = z.string().max(2000);
const FormSchema = z.object({
  id: z.string().min(1).max(100),
  title: short,
  submitLabel: short,
  intro: short.optional(),
  metadata: z.string().max(4000),
  fields: z.array(z.object({
    id: z.string().min(1).max(100),
    label: short,
    kind: z.enum(['choice', 'text', 'textarea', 'date', 'time']),
    options: z.array(z.object({ value: short, label: short })).max(100).optional(),
    multiple: z.boolean().optional(),
    optional: z.boolean().optional(),
    initial: short.optional(),
    placeholder: short.optional(),
    hint: short.optional(),
    maxLength: z.number().int().positive().optional(),
  })).max(50),
});

const CardData = z.object({
  [DATA_KEY]: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('action'), action: z.string().min(1).max(100), value: z.string().max(2000) }),
    z.object({ kind: z.literal('form'), form: FormSchema }),
  ]),
});

export type CardInput =
  | { kind: 'action'; action: string; value: string }
  | { kind: 'form'; form: Form; values: Record<string, string | string[] | undefined>; raw: Record<string, string> };

export function readCardData(data: unknown): CardInput | undefined {
  const parsed = CardData.safeParse(data);
  if (!parsed.success) return undefined;
  const inner = parsed.data[DATA_KEY];
  if (inner.kind === 'action') return inner;
  const form = inner.form as Form;
  const record = data as Record<string, unknown>;
  const values: Record<string, string | string[] | undefined> = {};
  const raw: Record<string, string> = {};
  // Only the form's own fields are read; anything else a client adds is dropped.
  for (const field of form.fields) {
    const value = record[field.id];
    if (typeof value !== 'string' || value === '') { values[field.id] = undefined; continue; }
    raw[field.id] = value;
    // A multi-select ChoiceSet answers "a,b,c".
    values[field.id] = field.kind === 'choice' && field.multiple ? value.split(',').filter(Boolean) : value;
  }
  return { kind: 'form', form, values, raw };
}
