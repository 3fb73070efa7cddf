import { IntlMessageFormat } from 'intl-messageformat';
import { intlLocale, type Lang } from './language';
import { createBoundedMap } from './create-bounded-map';

// Every message is ICU MessageFormat ("{count, plural, one {# answer} other {# answers}}"), formatted
// with intl-messageformat in the rules of the language it is written in. Templates are registered
// with their language as prompts/ is loaded (load-prompts.ts), so a caller only names the template:
// the plural rules follow the text, the way a translator wrote it, not the caller.

const languageOfTemplate = new Map<string, Lang>();
const compiled = createBoundedMap<string, IntlMessageFormat>(5_000);

/** Called by the prompt loader for every string of a language's files. */
export function registerTemplate(template: string, lang: Lang): void {
  if (lang !== 'en' && template.includes('{')) languageOfTemplate.set(template, lang);
}

export function compileTemplate(template: string, lang: Lang = languageOfTemplate.get(template) ?? 'en'): IntlMessageFormat {
  const key = `${lang}\u0000${template}`;
  let format = compiled.get(key);
  if (!format) compiled.set(key, (format = new IntlMessageFormat(template, intlLocale(lang), undefined, { ignoreTag: true })));
  return format;
}

/** Fills "{name}" placeholders (and plural/select forms). A missing value is a programming error: fail loudly in tests. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  if (!template.includes('{')) return template;
  const out = compileTemplate(template).format(values);
  if (typeof out !== 'string') throw new Error('a template produced rich output');
  return out;
}
