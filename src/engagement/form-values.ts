import type { FieldErrors, IncomingSubmission } from '../base/incoming';
import { cleanUserText } from '../base/clean-user-text';
import { fillTemplate } from '../base/fill-template';
import { localDate } from '../debrief';
import { isCalendarDay } from '../base/zoned-time';
import type { EngagementPrompts } from './load-engagement-prompts';

/**
 * Reads untrusted form values field by field, collecting every problem before anything is stored,
 * so the person sees them all at once and nothing is kept half-way.
 */
export function formReader(prompts: EngagementPrompts, submission: IncomingSubmission) {
  const e = prompts.errors;
  const values = submission.values;
  const errors: FieldErrors = {};
  const raw = (id: string): string | undefined => {
    const v = Object.hasOwn(values, id) ? values[id] : undefined;
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  return {
    errors,
    raw,
    text(id: string, max: number, required = false): string | undefined {
      const v = raw(id);
      if (v === undefined) { if (required) errors[id] = e.required; return undefined; }
      const cleaned = cleanUserText(v, max);
      if (cleaned.trimmed) errors[id] = fillTemplate(e.tooLong, { max, length: v.length });
      else if (!cleaned.hasWords) errors[id] = e.noWords;
      return cleaned.hasWords ? cleaned.text : undefined;
    },
    choice(id: string, allowed: readonly string[], required = false): string | undefined {
      const v = raw(id);
      if (v === undefined) { if (required) errors[id] = e.required; return undefined; }
      if (!allowed.includes(v)) { errors[id] = e.notAnOption; return undefined; }
      return v;
    },
    /** Several choices: an array (Slack), or one comma-joined string (Teams, the console). */
    choices(id: string, allowed: readonly string[]): string[] {
      const v = Object.hasOwn(values, id) ? values[id] : undefined;
      const picked = (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : []).map((x) => String(x).trim()).filter(Boolean);
      if (picked.some((x) => !allowed.includes(x))) { errors[id] = e.notAnOption; return []; }
      return [...new Set(picked)];
    },
    /** YYYY-MM-DD, today or later in the person's zone. */
    date(id: string, now: Date, zone: string): string | undefined {
      const v = raw(id);
      if (v === undefined) return undefined;
      if (!isCalendarDay(v)) { errors[id] = e.dateInvalid; return undefined; }
      if (v < localDate(now, zone)) { errors[id] = e.datePast; return undefined; }
      return v;
    },
  };
}
