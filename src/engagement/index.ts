import type { Feature } from '../base/feature';
import type { EngagementContext } from './engagement-context';
import { checkPrepAnswers, handlePrepCommand, handlePrepSubmission } from './handle-prep';
import { PREP_FORM_ID } from './build-prep-form';
import { handleCompanyCommand } from './show-company-record';
import { handleEngagementAction } from './handle-engagement-action';
import { handleOutcomeSubmission, OUTCOME_FORM_ID, renderCommitmentDue } from './commitment-follow-up';
import { handleRecordMessage, NOTE_FORM_ID, recordMessage } from './record-message';
import { openCommitmentsHomeSection } from './open-commitments-home-section';
import { engagementPersonalData } from './engagement-personal-data';

// The whole engagement with a company: `/engage-prep` prepares a meeting (goal, asks, who, format,
// confidentiality), its debrief records what the company said on each ask, each commitment is
// followed up on its date, and `/engage-company` shows the record that connects them.

export type { EngagementContext } from './engagement-context';
export { createEngagementRepo, ENGAGEMENT_SEALED_RECORDS, type EngagementRepo } from './engagement-repo';
export { loadEngagementPrompts, type EngagementPrompts } from './load-engagement-prompts';
export { createPreparedAsks } from './prepared-asks';

export function createEngagementFeature(ctx: EngagementContext): Feature {
  return {
    name: 'engagement',
    commands: {
      'engage-prep': (cmd) => handlePrepCommand(ctx, cmd),
      'engage-company': (cmd) => handleCompanyCommand(ctx, cmd.actor, typeof cmd.text === 'string' ? cmd.text.slice(0, 300) : ''),
    },
    actions: { engagement: (action) => handleEngagementAction(ctx, action) },
    forms: {
      [PREP_FORM_ID]: { submit: (s) => handlePrepSubmission(ctx, s), check: (s) => checkPrepAnswers(ctx, s) },
      [OUTCOME_FORM_ID]: { submit: (s) => handleOutcomeSubmission(ctx, s) },
      [NOTE_FORM_ID]: { submit: (s) => handleRecordMessage(ctx, s) },
    },
    shortcuts: { 'record-message': (shortcut) => recordMessage(ctx, shortcut) },
    home: (actor) => openCommitmentsHomeSection(ctx, actor),
    personalData: [engagementPersonalData(ctx.engagements)],
    dueMessages: { commitment: (item) => renderCommitmentDue(ctx, item) },
  };
}
