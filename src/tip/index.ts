import type { Feature } from '../base/feature';
import type { TipContext } from './tip-context';
import { handleTipCommand } from './handle-tip-command';
import { handleTipAction } from './handle-tip-action';
import { tipOfTheDayHomeSection } from './tip-of-the-day-home-section';

// `/engage-tip`: advice from the guide for a situation in everyday words, its buttons, the tip of
// the day on the home view, and the person's votes as personal data.

export type { TipContext } from './tip-context';
export { TIP_ACTIONS, sourceLine } from './render-guide-item';
export { MAX_QUERY_CHARS } from './handle-tip-command';
export { createTipFeedbackRepo, type TipFeedbackRepo } from './tip-feedback-repo';

export function createTipFeature(ctx: TipContext): Feature {
  return {
    name: 'tip',
    commands: { 'engage-tip': (cmd) => handleTipCommand(ctx, cmd) },
    actions: { tip: (action) => handleTipAction(ctx, action) },
    home: (actor) => tipOfTheDayHomeSection(ctx, actor),
    personalData: [ctx.tipFeedback.personalData],
  };
}
