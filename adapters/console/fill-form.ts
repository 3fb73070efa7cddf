import type { Form, FormField } from '../../src/core/reply';
import type { FieldErrors } from '../../src/core/incoming';

// A Form in the terminal: one question at a time. Choices are numbered; Enter keeps the suggested
// answer or skips an optional one. The core validates as on every platform, and only the questions
// it rejected are asked again, each with its error.

export interface FormSession {
  /** The next question, or undefined when every field has an answer and the form can be submitted. */
  question(): string | undefined;
  answer(line: string): void;
  values(): Record<string, string>;
  /** Ask again only the fields the core rejected. */
  retry(errors: FieldErrors): void;
}

export function createFormSession(form: Form): FormSession {
  const values: Record<string, string> = {};
  const byId = new Map(form.fields.map((f) => [f.id, f]));
  let queue: FormField[] = [...form.fields];
  let errors: FieldErrors = {};
  return {
    question() {
      const field = queue[0];
      if (!field) return undefined;
      const lines = [errors[field.id] ? `! ${errors[field.id]}` : '', `${field.label}${field.optional ? ' (optional)' : ''}`];
      if (field.hint) lines.push(`  ${field.hint}`);
      field.options?.forEach((o, i) => lines.push(`  ${i + 1}. ${o.label}`));
      const suggested = field.initial ?? field.placeholder;
      if (field.initial) lines.push(`  Enter keeps “${field.initial}”.`);
      else if (suggested) lines.push(`  (${suggested})`);
      return lines.filter(Boolean).join('\n');
    },
    answer(line) {
      const field = queue.shift();
      if (!field) return;
      const typed = line.trim();
      const option = field.options && /^\d{1,2}$/.test(typed) ? field.options[Number(typed) - 1] : undefined;
      const value = option?.value ?? (typed || field.initial || '');
      if (value) values[field.id] = value;
      else delete values[field.id];
    },
    values: () => ({ ...values }),
    retry(next) {
      errors = next;
      queue = Object.keys(next).map((id) => byId.get(id)).filter((f): f is FormField => Boolean(f));
    },
  };
}
