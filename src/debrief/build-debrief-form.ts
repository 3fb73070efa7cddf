import { itemShortName } from '../guide/name-item';
import { z } from 'zod';
import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import type { Form, FormField } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { CHARACTERISTIC_IDS } from './score-debrief';

export const DEBRIEF_FORM_ID = 'debrief';
export const FIELD = {
  company: 'company',
  companyNew: 'company-new',
  date: 'date',
  side: 'side',
  satisfactionProcess: 'satisfaction-process',
  satisfactionOutcome: 'satisfaction-outcome',
  asks: 'asks',
  successMeasure: 'success-measure',
  notes: 'notes',
} as const;
export const LIMITS = { company: 80, meeting: 100, asks: 1000, successMeasure: 500, notes: 3000, invitees: 20 } as const;

/**
 * What the form needs back on submit, carried in Form.metadata (Slack private_metadata), so an
 * abandoned form leaves nothing behind. It comes back through the platform: validated like input.
 */
const FormState = z.union([
  z.strictObject({ kind: z.literal('new'), meeting: z.string().max(LIMITS.meeting), invitees: z.array(z.string().regex(/^[A-Za-z0-9:_.@-]{1,100}$/)).max(LIMITS.invitees) }),
  z.strictObject({ kind: z.literal('answer'), debriefId: z.string().regex(/^[a-z0-9]{6,40}$/) }),
]);
export type FormState = z.infer<typeof FormState>;
export const encodeFormState = (state: FormState) => JSON.stringify(state);
export function decodeFormState(metadata: unknown): FormState | undefined {
  if (typeof metadata !== 'string' || metadata.length > 3000) return undefined;
  try {
    const parsed = FormState.safeParse(JSON.parse(metadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** YYYY-MM-DD in the person's zone: "today" for someone in Nairobi is not UTC's today at 23:30. */
export function localDate(at: Date, timeZone = 'UTC'): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

export interface FormInput {
  state: FormState;
  /** Company named in the command (or of the debrief being answered). */
  company?: string;
  /** Companies this workspace debriefed before: offered as choices. */
  knownCompanies: readonly string[];
  intro?: string;
  /** What the company said on the asks prepared for the meeting (PreparedAsks.fields). */
  askFields?: readonly FormField[];
}

/** The debrief form; field ids are stable (stored, exported, shared by every platform). */
export function buildDebriefForm(ctx: DebriefContext, actor: Actor, input: FormInput): Form {
  const p = ctx.debriefPrompts.form;
  const fields: FormField[] = [];
  if (input.state.kind === 'new') fields.push(...companyFields(ctx, input));
  fields.push({ id: FIELD.date, label: p.dateLabel, kind: 'date', initial: localDate(ctx.clock.now(), actor.timeZone) });
  for (const format of ctx.guide.ofKind('format')) {
    fields.push({
      id: format.id,
      label: itemShortName(format),
      kind: 'choice',
      options: format.options!.map((o) => ({ value: o.id, label: o.label })),
      // Confidentiality decides who may ever see the result, so it is the one format question that must be answered.
      optional: format.id !== 'format-confidentiality',
      hint: p.formatHint,
    });
  }
  fields.push({ id: FIELD.side, label: p.sideLabel, kind: 'choice', options: p.sides });
  for (const id of CHARACTERISTIC_IDS) {
    fields.push({ id, label: itemShortName(ctx.guide.get(id)!), kind: 'choice', options: p.ratingOptions, hint: p.ratingHint, input: 'rating' });
  }
  fields.push({ id: FIELD.satisfactionProcess, label: p.satisfactionProcessLabel, kind: 'choice', options: p.satisfactionOptions });
  fields.push({ id: FIELD.satisfactionOutcome, label: p.satisfactionOutcomeLabel, kind: 'choice', options: [...p.satisfactionOptions, p.outcomeUnknown] });
  // A prepared meeting's asks are asked about one by one: the free-text asks would ask it twice.
  if (input.askFields?.length) fields.push(...input.askFields);
  else {
    fields.push({ id: FIELD.asks, label: p.asksLabel, kind: 'textarea', optional: true, placeholder: p.asksPlaceholder, maxLength: LIMITS.asks });
    fields.push({ id: FIELD.successMeasure, label: p.successLabel, kind: 'text', optional: true, placeholder: p.successPlaceholder, maxLength: LIMITS.successMeasure });
  }
  fields.push({ id: FIELD.notes, label: p.notesLabel, kind: 'textarea', optional: true, placeholder: p.notesPlaceholder, maxLength: LIMITS.notes });
  return {
    id: DEBRIEF_FORM_ID,
    title: p.title,
    submitLabel: p.submitLabel,
    intro: input.intro ?? fillTemplate(p.intro, {}),
    fields,
    metadata: encodeFormState(input.state),
  };
}

function companyFields(ctx: DebriefContext, input: FormInput): FormField[] {
  const p = ctx.debriefPrompts.form;
  const known = input.knownCompanies;
  // A company named in the command, or a workspace with no history: one text box, prefilled.
  if (!known.length || (input.company && !known.includes(input.company))) {
    return [{ id: FIELD.company, label: p.companyLabel, kind: 'text', placeholder: p.companyPlaceholder, maxLength: LIMITS.company, ...(input.company ? { initial: input.company } : {}) }];
  }
  return [
    {
      id: FIELD.company, label: p.companyPickLabel, kind: 'choice', optional: true,
      options: known.slice(0, 100).map((c) => ({ value: c, label: c.slice(0, 75) })),
      ...(input.company ? { initial: input.company } : {}),
    },
    { id: FIELD.companyNew, label: p.companyNewLabel, kind: 'text', optional: true, placeholder: p.companyPlaceholder, maxLength: LIMITS.company },
  ];
}
