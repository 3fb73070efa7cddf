import { z } from 'zod';
import { PROMPTS_DIR, readPromptJson } from '../base/load-prompts';

// The engagement feature's words, in prompts/engagement.json (and each language's copy). Checked
// at start-up, so a missing message is a start-up error rather than a blank in front of a user.

const line = z.string().min(1).max(600);
const lines = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, line])) as Record<K, typeof line>);

export const EngagementPrompts = z.strictObject({
  prep: lines(['usage', 'past', 'title', 'submit', 'intro', 'goalLabel', 'goalPlaceholder', 'askLabel', 'askPlaceholder', 'doneLabel',
    'donePlaceholder', 'byLabel', 'teamsLabel', 'teamsHint', 'staffLabel', 'staffHint', 'formatHint', 'confidentialityHint',
    'readinessLabel', 'readinessHint'] as const),
  errors: lines(['required', 'notAnOption', 'tooLong', 'noWords', 'dateInvalid', 'datePast', 'doneWithoutAsk', 'dateWithoutText',
    'unknownRecord', 'notAllowed', 'noSuchCompany', 'debriefFailed', 'reminderFailed'] as const),
  brief: lines(['heading', 'untitled', 'goal', 'when', 'notScheduled', 'confidentiality', 'teams', 'noTeams', 'staff', 'format',
    'asksHeading', 'askLine', 'askDone', 'askBy', 'askDoneBy', 'readyLine', 'gapsHeading', 'gapNoDone', 'gapNoDate', 'gapNoTeams',
    'gapReadiness', 'noGaps', 'restricted', 'scheduled', 'share', 'shared', 'debriefNow', 'openRecord'] as const),
  askStatus: lines(['open', 'answered', 'committed', 'declined', 'not-discussed'] as const),
  debrief: lines(['askLabel', 'askHint', 'askByLabel', 'newLabel', 'newPlaceholder', 'newByLabel', 'recorded', 'followUpSet'] as const),
  commitment: z.strictObject({
    ...lines(['heading', 'dueQuestion', 'openQuestion', 'fromMeeting', 'delivered', 'logOutcome', 'closed', 'reopened', 'kept',
      'formTitle', 'formIntro', 'deliveredLabel', 'outcomeLabel', 'outcomePlaceholder', 'againLabel', 'submit'] as const).shape,
    deliveredOptions: lines(['yes', 'partly', 'no'] as const),
  }),
  record: lines(['heading', 'meetingsHeading', 'meetingPrepared', 'meetingWaiting', 'meetingScored', 'scoreLine', 'pendingScore', 'briefButton', 'reopenButton',
    'trend', 'weakestHeading', 'weakestLine', 'asksHeading', 'askLine', 'askLineBy', 'openHeading', 'commitmentLine', 'commitmentDue',
    'commitmentOverdue', 'closedHeading', 'closedLine', 'deliveredNoWords', 'outcomesHeading', 'outcomeLine', 'notesHeading', 'noteLine',
    'nextHeading', 'nextLine', 'nothingYet', 'exportCsv', 'exportBrief', 'logOutcome', 'listHeading', 'listLine',
    'listEmpty', 'open', 'exported'] as const),
  export: lines(['title', 'intro', 'meetings', 'asks', 'open', 'closed', 'notes', 'scores', 'weakest', 'none'] as const),
  home: lines(['heading', 'line', 'lineOverdue', 'lineUndated', 'more', 'empty'] as const),
  note: z.strictObject({
    ...lines(['title', 'submit', 'intro', 'companyLabel', 'companyPickLabel', 'companyNewLabel', 'companyPlaceholder', 'companyMissing',
      'companyBoth', 'kindLabel', 'textLabel', 'byLabel', 'visibilityLabel', 'added', 'linkText'] as const).shape,
    kinds: lines(['note', 'ask', 'commitment'] as const),
    visibility: lines(['workspace', 'me'] as const),
  }),
});
export type EngagementPrompts = z.infer<typeof EngagementPrompts>;

export const loadEngagementPrompts = (dir = PROMPTS_DIR): EngagementPrompts => readPromptJson('engagement.json', EngagementPrompts, dir);
