import { z } from 'zod';
import type { EngagementContext } from './engagement-context';
import type { Form, FormField } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { cleanUserText } from '../base/clean-user-text';
import { itemShortName } from '../guide/name-item';
import { TEXT_LIMITS } from './company-record';
import { CONFIDENTIALITY } from './engagement-access';

export const PREP_FORM_ID = 'prep';
export const MAX_ASKS = 3;
/** The guide's preparation tips a person ticks off; an unticked one is a gap the brief links to. */
export const READINESS = ['prepare-background-knowledge', 'understand-legal-constraints', 'understand-business-incentives', 'use-global-standards'] as const;
export const PREP_FIELD = { goal: 'goal', teams: 'teams', staff: 'staff', readiness: 'readiness' } as const;
export const askField = (n: number, part: '' | 'done' | 'by' = '') => `ask-${n}${part ? `-${part}` : ''}`;

/** What the form needs back on submit (Slack private_metadata): nothing is stored until then. */
const PrepState = z.strictObject({
  /** The meeting's id, minted when the form opens: a form submitted twice adds the meeting once. */
  id: z.string().regex(/^[a-z0-9]{16}$/),
  company: z.string().min(1).max(80),
  title: z.string().max(TEXT_LIMITS.title),
  /** YYYY-MM-DD: a day given without a time ("12 December"). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  startsAt: z.iso.datetime().optional(),
  endsAt: z.iso.datetime().optional(),
  participants: z.array(z.string().regex(/^[A-Za-z0-9:_.@-]{1,100}$/)).max(20),
});
export type PrepState = z.infer<typeof PrepState>;

export function decodePrepState(metadata: unknown): PrepState | undefined {
  if (typeof metadata !== 'string' || metadata.length > 3000) return undefined;
  try {
    const parsed = PrepState.safeParse(JSON.parse(metadata));
    if (!parsed.success) return undefined;
    // On Teams the state comes back from the client: cleaned like anything typed, so no invisible
    // character makes a second "Acme".
    const company = cleanUserText(parsed.data.company, 80);
    return company.hasWords ? { ...parsed.data, company: company.text, title: cleanUserText(parsed.data.title, TEXT_LIMITS.title).text } : undefined;
  } catch {
    return undefined;
  }
}

export function buildPrepForm(ctx: EngagementContext, state: PrepState): Form {
  const p = ctx.engagementPrompts.prep;
  const fields: FormField[] = [{ id: PREP_FIELD.goal, label: p.goalLabel, kind: 'text', placeholder: p.goalPlaceholder, maxLength: TEXT_LIMITS.goal }];
  for (let n = 1; n <= MAX_ASKS; n++) {
    fields.push(
      { id: askField(n), label: fillTemplate(p.askLabel, { number: n }), kind: 'textarea', optional: n > 1, placeholder: p.askPlaceholder, maxLength: TEXT_LIMITS.ask },
      { id: askField(n, 'done'), label: fillTemplate(p.doneLabel, { number: n }), kind: 'text', optional: true, placeholder: p.donePlaceholder, maxLength: TEXT_LIMITS.done },
      { id: askField(n, 'by'), label: fillTemplate(p.byLabel, { number: n }), kind: 'date', optional: true },
    );
  }
  fields.push({
    id: PREP_FIELD.teams, label: p.teamsLabel, kind: 'choice', multiple: true, optional: true, hint: p.teamsHint,
    options: ctx.guide.ofKind('team').map((t) => ({ value: t.id, label: itemShortName(t) })),
  });
  fields.push({ id: PREP_FIELD.staff, label: p.staffLabel, kind: 'text', optional: true, hint: p.staffHint, maxLength: TEXT_LIMITS.staff });
  for (const format of ctx.guide.ofKind('format')) {
    const confidentiality = format.id === CONFIDENTIALITY;
    fields.push({
      id: format.id, label: itemShortName(format), kind: 'choice', optional: !confidentiality,
      hint: confidentiality ? p.confidentialityHint : p.formatHint,
      options: format.options!.map((o) => ({ value: o.id, label: o.label })),
    });
  }
  fields.push({
    id: PREP_FIELD.readiness, label: p.readinessLabel, kind: 'choice', multiple: true, optional: true, hint: p.readinessHint,
    options: READINESS.map((id) => ({ value: id, label: itemShortName(ctx.guide.get(id)!) })),
  });
  return {
    id: PREP_FORM_ID,
    title: p.title,
    submitLabel: p.submit,
    intro: fillTemplate(p.intro, { company: state.company }),
    fields,
    metadata: JSON.stringify(state),
  };
}
