import type { DueItem, Feature } from '../base/feature';
import type { DebriefContext } from './debrief-context';
import { handleDebriefCommand } from './handle-debrief-command';
import { handleDebriefAction } from './handle-debrief-action';
import { checkDebriefAnswers, handleDebriefSubmission } from './handle-debrief-submission';
import { recentDebriefsHomeSection } from './recent-debriefs-home-section';
import { renderDebriefInvite } from './send-invitations';
import { DEBRIEF_FORM_ID } from './build-debrief-form';
import { offerDebrief } from './offer-debrief';

// `/engage-debrief`: after a meeting, each participant scores it against the guide's ten
// characteristics; the combined result points to the tips for the weakest and offers a follow-up.

export type { DebriefContext, DebriefSettings } from './debrief-context';
export { createDebriefRepo, DEBRIEF_SEALED_STORES, type DebriefRepo } from './debrief-repo';
export { loadDebriefPrompts } from './load-debrief-prompts';
export { createDebriefService, type DebriefService, type CompanyScore, type DebriefedMeeting } from './debrief-service';
export type { PreparedAsks } from './prepared-asks';
export { parseMeetingTime, type MeetingTime } from './parse-meeting-time';
export { splitCompany, takeMentions } from './parse-debrief-text';
export { csvCell } from './export-debriefs';
export { CONFIDENTIAL_FORMATS } from './debrief-repo';
export { companyKey } from './debrief-company-index';
export { localDate } from './build-debrief-form';

export function createDebriefFeature(ctx: DebriefContext): Feature {
  // Rendered when delivered, not when scheduled: someone who has answered meanwhile is not asked again.
  const invite = ({ ref, recipient }: DueItem) => renderDebriefInvite(ctx, recipient, ref);
  return {
    name: 'debrief',
    commands: { 'engage-debrief': (cmd) => handleDebriefCommand(ctx, cmd) },
    actions: { debrief: (action) => handleDebriefAction(ctx, action) },
    forms: {
      [DEBRIEF_FORM_ID]: {
        submit: (submission) => handleDebriefSubmission(ctx, submission),
        check: (submission) => checkDebriefAnswers(ctx, submission),
      },
    },
    events: { 'meeting-ended': (event) => offerDebrief(ctx, event) },
    home: (actor) => recentDebriefsHomeSection(ctx, actor),
    personalData: [ctx.debriefs.personalData],
    dueMessages: { 'debrief-invite': invite, 'debrief-nudge': invite },
  };
}
