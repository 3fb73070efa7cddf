import type { IntlMessageFormat } from 'intl-messageformat';
import { intlLocale, type Lang } from './language';
import { createBoundedMap } from './create-bounded-map';

// Every message is ICU MessageFormat ("{count, plural, one {# answer} other {# answers}}"), formatted
// with intl-messageformat in the rules of the language it is written in. Templates are registered
// with their language as prompts/ is loaded (load-prompts.ts), so a caller only names the template:
// the plural rules follow the text, the way a translator wrote it, not the caller. Most messages only
// name values ("{company}"): those are filled directly, which is what ICU would print for them, and
// keeps the formatter's parser off the start-up path and out of most requests (docs/performance.md).
// test/base/every-language.test.ts compiles every template of every language.

const languageOfTemplate = new Map<string, Lang>();
const compiled = createBoundedMap<string, IntlMessageFormat>(5_000);
/** Only "{name}" placeholders, and no ICU quoting (an ASCII apostrophe against a brace). */
const SIMPLE = /^(?:[^{}']|'(?![{}])|\{\w+\})*$/;
const simple = new Map<string, boolean>();
let Formatter: typeof IntlMessageFormat | undefined;

/** Called by the prompt loader for every string of a language's files. */
export function registerTemplate(template: string, lang: Lang): void {
  if (lang !== 'en' && template.includes('{')) languageOfTemplate.set(template, lang);
}

export function compileTemplate(template: string, lang: Lang = languageOfTemplate.get(template) ?? 'en'): IntlMessageFormat {
  const key = `${lang}\u0000${template}`;
  let format = compiled.get(key);
  if (!format) {
    Formatter ??= (require('intl-messageformat') as typeof import('intl-messageformat')).IntlMessageFormat;
    compiled.set(key, (format = new Formatter(template, intlLocale(lang), undefined, { ignoreTag: true })));
  }
  return format;
}

/** Fills "{name}" placeholders (and plural/select forms). A missing value is a programming error: fail loudly in tests. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  if (!template.includes('{')) return template;
  let isSimple = simple.get(template);
  if (isSimple === undefined) simple.set(template, (isSimple = SIMPLE.test(template)));
  if (isSimple) {
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = values[key];
      if (value === undefined) throw new Error(`template value "${key}" missing`);
      return String(value);
    });
  }
  const out = compileTemplate(template).format(values);
  if (typeof out !== 'string') throw new Error('a template produced rich output');
  return out;
}
