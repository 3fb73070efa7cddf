import type { z } from 'zod';

// A verified request is not a well-formed one: each platform describes the bodies it accepts as a
// zod schema, and a body that does not fit is refused with 400 before its SDK sees it.

/** A short sentence naming the first field that does not fit (never its value), or undefined. */
export function bodyShapeProblem(schema: z.ZodType, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
