import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';

// The debrief's questions, scoring rules and messages, in prompts/debrief.json. Validated at
// start-up so a broken template or a scoring band out of order is a start-up error.

const line = z.string().min(1).max(600);
const option = z.strictObject({ value: z.string().regex(/^[a-z0-9-]{1,20}$/), label: z.string().min(1).max(75) });
const lines = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, line])) as Record<K, typeof line>);

const Band = z.strictObject({ id: z.string().regex(/^[a-z]+$/), min: z.number().int().min(0).max(100), label: z.string().min(1).max(40) });

export const DebriefPrompts = z.strictObject({
  form: z.strictObject({
    ...lines(['title', 'submitLabel', 'intro', 'introInvited', 'companyLabel', 'companyPlaceholder', 'companyPickLabel',
      'companyNewLabel', 'dateLabel', 'formatHint', 'sideLabel', 'ratingHint', 'satisfactionProcessLabel',
      'satisfactionOutcomeLabel', 'asksLabel', 'asksPlaceholder', 'successLabel', 'successPlaceholder', 'notesLabel',
      'notesPlaceholder'] as const).shape,
    sides: z.array(option).length(2),
    ratingOptions: z.array(option).length(6),
    satisfactionOptions: z.array(option).length(5),
    outcomeUnknown: option,
  }),
  scoring: z.strictObject({
    pointsPerStep: z.number().int().positive(),
    /** Highest first; the last band must start at 0 so every score has one. */
    bands: z.array(Band).min(2).refine((b) => b.every((x, i) => i === 0 || x.min < b[i - 1]!.min) && b.at(-1)!.min === 0, 'bands must be highest first and end at 0'),
  }),
  errors: lines(['required', 'notAnOption', 'companyMissing', 'companyBoth', 'companyTooLong', 'dateInvalid', 'dateFuture',
    'dateTooOld', 'tooLong', 'unknownDebrief', 'notInvited', 'needCompany', 'noSuchCompany', 'reminderFailed',
    'inviteFailed', 'scheduleUsage', 'schedulePast', 'scheduleFailed'] as const),
  result: lines(['heading', 'headingCombined', 'score', 'notScored', 'barsHeading', 'notApplicable', 'weakestHeading',
    'weakestLine', 'noTips', 'followUpOffer', 'followUpOfferCheck', 'followUpButton', 'followUpText', 'followUpSet',
    'followUpExists', 'meetingNamed', 'meetingUntitled', 'waiting', 'combinedReady',
    'combinedButton', 'notYetCombined', 'answersHeading', 'notesHeading', 'askLine', 'askOnly', 'invited',
    'confidential'] as const),
  history: lines(['heading', 'line', 'pending', 'trendUp', 'trendDown', 'trendFlat', 'directionsHeading', 'improving',
    'slipping', 'openAsksHeading', 'followUpsHeading', 'followUpLine', 'noneVisible', 'untitledMeeting'] as const),
  schedule: lines(['done', 'inviteText', 'nudgeText'] as const),
  invite: lines(['heading', 'text', 'button'] as const),
  meetingEnded: lines(['heading', 'text', 'button'] as const),
  home: lines(['heading', 'line', 'empty'] as const),
  export: lines(['empty', 'ready'] as const),
  defaultMeeting: line,
  /** Words that join the people invited ("with @amina and @jo"), dropped with them from the meeting's name. */
  joiningWords: z.array(z.string().trim().toLowerCase().min(1).max(20)).min(1).max(10),
});
export type DebriefPrompts = z.infer<typeof DebriefPrompts>;

export const loadDebriefPrompts = (dir = PROMPTS_DIR): DebriefPrompts => readPromptJson('debrief.json', DebriefPrompts, dir);
