import type { DebriefContext } from './debrief-context';
import type { FieldErrors, IncomingSubmission } from '../base/incoming';
import { cleanUserText } from '../base/clean-user-text';
import { fillTemplate } from '../base/fill-template';
import { isCalendarDay } from '../base/zoned-time';
import { FIELD, LIMITS, localDate } from './build-debrief-form';
import { CHARACTERISTIC_IDS, type Rating, type Ratings } from './score-debrief';
import type { DebriefResponse } from './debrief-repo';

/** One person's answers as read from the form: a stored response without its ids and time. */
export type DebriefAnswers = Omit<DebriefResponse, 'debriefId' | 'userId' | 'submittedAt'> & {
  /** Only for a new debrief: the company as typed or picked. */
  company?: string;
};

const FIVE_YEARS_MS = 5 * 366 * 24 * 3600 * 1000;

/**
 * Turns untrusted form values into answers, or per-field errors. Every field is checked before
 * anything is returned, so the person sees all problems at once and nothing is stored half-way.
 */
export function readDebriefAnswers(
  ctx: DebriefContext,
  submission: IncomingSubmission,
  opts: { askCompany: boolean; knownCompanies: readonly string[] },
): { errors: FieldErrors } | { answers: DebriefAnswers } {
  const e = ctx.debriefPrompts.errors;
  const p = ctx.debriefPrompts.form;
  const values = submission.values;
  const errors: FieldErrors = {};
  const raw = (id: string): string | undefined => {
    const v = Object.prototype.hasOwnProperty.call(values, id) ? values[id] : undefined;
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const choice = (id: string, allowed: readonly string[], optional = false): string | undefined => {
    const v = raw(id);
    if (v === undefined) { if (!optional) errors[id] = e.required; return undefined; }
    if (!allowed.includes(v)) { errors[id] = e.notAnOption; return undefined; }
    return v;
  };
  const text = (id: string, max: number): string => {
    const v = raw(id);
    if (v === undefined) return '';
    const cleaned = cleanUserText(v, max);
    if (cleaned.trimmed) errors[id] = fillTemplate(e.tooLong, { max, length: v.length });
    return cleaned.text;
  };

  let company: string | undefined;
  if (opts.askCompany) company = readCompany(ctx, raw(FIELD.company), raw(FIELD.companyNew), Object.hasOwn(values, FIELD.companyNew), opts.knownCompanies, errors);

  const date = raw(FIELD.date);
  if (!date) errors[FIELD.date] = e.required;
  else if (!isCalendarDay(date)) errors[FIELD.date] = e.dateInvalid;
  else if (date > localDate(ctx.clock.now(), submission.actor.timeZone)) errors[FIELD.date] = e.dateFuture;
  else if (ctx.clock.now().getTime() - Date.parse(`${date}T00:00:00Z`) > FIVE_YEARS_MS) errors[FIELD.date] = e.dateTooOld;

  const formats: Record<string, string> = {};
  for (const format of ctx.guide.ofKind('format')) {
    const v = choice(format.id, format.options!.map((o) => o.id), format.id !== 'format-confidentiality');
    if (v) formats[format.id] = v;
  }
  const side = choice(FIELD.side, p.sides.map((s) => s.value));
  const ratingValues = p.ratingOptions.map((o) => o.value);
  const ratings = {} as Ratings;
  for (const id of CHARACTERISTIC_IDS) {
    const v = choice(id, ratingValues);
    if (v) ratings[id] = (v === 'na' ? 'na' : Number(v)) as Rating;
  }
  const satisfaction = p.satisfactionOptions.map((o) => o.value);
  const process = choice(FIELD.satisfactionProcess, satisfaction);
  const outcome = choice(FIELD.satisfactionOutcome, [...satisfaction, p.outcomeUnknown.value]);
  const asks = text(FIELD.asks, LIMITS.asks);
  const successMeasure = text(FIELD.successMeasure, LIMITS.successMeasure);
  const notes = text(FIELD.notes, LIMITS.notes);

  if (Object.keys(errors).length) return { errors };
  return {
    answers: {
      ...(company ? { company } : {}),
      date: date!,
      formats,
      side: side!,
      ratings,
      satisfactionProcess: Number(process),
      satisfactionOutcome: outcome === p.outcomeUnknown.value ? 'unknown' : Number(outcome),
      asks,
      successMeasure,
      notes,
    },
  };
}

function readCompany(ctx: DebriefContext, picked: string | undefined, typed: string | undefined, hasNewBox: boolean, known: readonly string[], errors: FieldErrors): string | undefined {
  const e = ctx.debriefPrompts.errors;
  if (picked && typed) { errors[FIELD.companyNew] = e.companyBoth; return undefined; }
  const value = typed ?? picked;
  // Which box the error belongs beside: the text box when there is one, else the picker.
  const field = typed !== undefined ? FIELD.companyNew : FIELD.company;
  // Neither: beside the last box, so a form filled in one question at a time hears it once both were left empty.
  if (!value) { errors[hasNewBox ? FIELD.companyNew : FIELD.company] = e.companyMissing; return undefined; }
  const cleaned = cleanUserText(value, LIMITS.company);
  if (cleaned.trimmed) { errors[field] = fillTemplate(e.companyTooLong, { max: LIMITS.company }); return undefined; }
  if (!cleaned.hasWords) { errors[field] = e.companyMissing; return undefined; }
  // A company already known is stored in its first spelling, so "acme" and "Acme" share a history.
  return known.find((k) => k.toLowerCase() === cleaned.text.toLowerCase()) ?? cleaned.text;
}
