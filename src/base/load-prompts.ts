import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { findPackageRoot } from './package-root';

// Every user-facing word lives in prompts/ as JSON; it is validated here, at start-up and in tests,
// so a typo in a template is a start-up error, not a broken message in front of a user.

export const PROMPTS_DIR = join(findPackageRoot(), 'prompts');

const line = z.string().min(1).max(600);

export const Messages = z.strictObject({
  guideName: line,
  tip: z.strictObject({
    tryThis: line, ideas: line, openTip: line, source: line, guideShort: line,
    kindLabel: z.strictObject({ tip: line, characteristic: line, barrier: line, team: line, format: line, term: line, topic: line }),
    related: line, tipsThatHelp: line, optionsLabel: line, nextMatches: line, anotherTip: line,
    helpful: line, notHelpful: line, wasThisHelpful: line, ofTheDay: line, ofTheDayHint: line,
    notCovered: line, notCoveredTry: line, unsure: line, unsureHint: line, emptyAfterCleaning: line, trimmed: line, unknownId: line,
    thanksHelpful: line, thanksNotHelpful: line, noMore: line, share: line,
  }),
  list: z.strictObject({
    heading: line, section: line, partLine: line, partHeading: line, itemLine: line, hint: line,
    unknownPart: line, partButton: line,
  }),
  help: z.strictObject({ heading: line, intro: line, commandLine: line, examplesLabel: line, scope: line, privacy: line }),
  errors: z.strictObject({ unknownCommand: line, internal: line, unknownAction: line }),
});
export type Messages = z.infer<typeof Messages>;

export function readPromptJson<T>(relativePath: string, schema: z.ZodType<T>, dir = PROMPTS_DIR): T {
  const path = join(dir, relativePath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`prompts/${relativePath} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`prompts/${relativePath} is invalid at ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  return parsed.data;
}

export const loadMessages = (dir = PROMPTS_DIR): Messages => readPromptJson('messages.json', Messages, dir);
