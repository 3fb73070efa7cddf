import type { Form, FormField } from '../../src/base/reply';
import type { FieldErrors } from '../../src/base/incoming';
import { fillTemplate } from '../../src/base/fill-template';
import type { ConsolePrompts } from './load-console-prompts';

// A Form in the terminal: one question at a time. Choices are numbered; Enter keeps the suggested
// answer or skips an optional one. Each answer is checked by the core as soon as it is typed (the
// checks every platform gets on submit), so a mistake is asked again at once, not after the last
// question, and "(optional)" is shown only where the core accepts an empty answer.

/** The core's check: the problems of the answers named in `answered`; `values` holds every field. */
export type CheckAnswers = (values: Record<string, string | undefined>, answered: readonly string[]) => Promise<FieldErrors>;

export interface FormSession {
  /** The next question, or undefined when every field has an accepted answer and the form can be submitted. */
  question(): Promise<string | undefined>;
  /** Answers the current question; a rejected answer leaves it current, asked again with the reason. */
  answer(line: string): Promise<void>;
  /** Every field of the form, unanswered or left empty as undefined. */
  values(): Record<string, string | undefined>;
  /** Ask again only the fields the core rejected when the whole form was submitted. */
  retry(errors: FieldErrors): void;
}

export function createFormSession(form: Form, check: CheckAnswers, words: Pick<ConsolePrompts, 'optional' | 'keepsInitial' | 'severalChoices'>): FormSession {
  const values: Record<string, string | undefined> = Object.fromEntries(form.fields.map((f) => [f.id, undefined]));
  const byId = new Map(form.fields.map((f) => [f.id, f]));
  let queue: FormField[] = [...form.fields];
  let errors: FieldErrors = {};
  /** Optional as far as the core is concerned, given the answers so far ("company", "…or a new one"). */
  const skippable = async (field: FormField) => Boolean(field.optional) && !(await check({ ...values, [field.id]: undefined }, [field.id]))[field.id];
  return {
    async question() {
      const field = queue[0];
      if (!field) return undefined;
      const lines = [errors[field.id] ? `! ${errors[field.id]}` : '', `${field.label}${(await skippable(field)) ? ` ${words.optional}` : ''}`];
      if (field.hint) lines.push(`  ${field.hint}`);
      field.options?.forEach((o, i) => lines.push(`  ${i + 1}. ${o.label}`));
      if (field.kind === 'choice' && field.multiple) lines.push(`  ${words.severalChoices}`);
      const initial = initialOf(field);
      const suggested = initial ?? field.placeholder;
      if (initial) lines.push(`  ${fillTemplate(words.keepsInitial, { initial })}`);
      else if (suggested) lines.push(`  (${suggested})`);
      return lines.filter(Boolean).join('\n');
    },
    async answer(line) {
      const field = queue[0];
      if (!field) return;
      values[field.id] = readAnswer(field, line.trim());
      const problem = (await check(values, [field.id]))[field.id];
      if (problem) { errors[field.id] = problem; return; }
      delete errors[field.id];
      queue.shift();
    },
    values: () => ({ ...values }),
    retry(next) {
      errors = next;
      queue = Object.keys(next).map((id) => byId.get(id)).filter((f): f is FormField => Boolean(f));
    },
  };
}

/** Several picked options travel as one comma-joined string (the core splits it); the model lists them one a line. */
const initialOf = (field: FormField): string | undefined =>
  field.initial && field.kind === 'choice' && field.multiple ? field.initial.split('\n').filter(Boolean).join(',') : field.initial || undefined;

/**
 * What a typed line means for a field: a choice's number (or, where several may be picked, numbers
 * such as "1,3" or "1 3") becomes the option's value; anything else is passed on as typed, for the
 * core to accept or explain. Empty keeps the suggested answer.
 */
function readAnswer(field: FormField, answer: string): string | undefined {
  if (!answer) return initialOf(field);
  const options = field.options;
  if (!options) return answer;
  // An Arabic keyboard types its own digits and comma ("١،٣").
  const typed = answer.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf)).replace(/\u060c/g, ',');
  if (field.multiple && /^\d{1,3}(?:[\s,]+\d{1,3})*$/.test(typed)) {
    const picked = typed.split(/[\s,]+/).map((n) => options[Number(n) - 1]);
    // A number with no option stays as typed: the core names the problem.
    if (picked.some((o) => !o)) return answer;
    return [...new Set(picked.map((o) => o!.value))].join(',');
  }
  const option = /^\d{1,2}$/.test(typed) ? options[Number(typed) - 1] : undefined;
  return option?.value ?? answer;
}
