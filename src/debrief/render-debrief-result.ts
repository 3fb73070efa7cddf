import { itemName, itemShortName } from '../guide/name-item';
import type { DebriefContext } from './debrief-context';
import type { Block, Button, Reply } from '../base/reply';
import type { DebriefRecord, DebriefResponse } from './debrief-repo';
import { fillTemplate } from '../base/fill-template';
import { TIP_ACTIONS } from '../tip';
import { CHARACTERISTIC_IDS, scoreBar, weakestCharacteristics, type DebriefScore } from './score-debrief';

export const DEBRIEF_ACTIONS = {
  followUp: 'debrief.followup',
  open: 'debrief.open',
  combined: 'debrief.combined',
  /** A meeting that just ended (Teams): a new debrief of it, the value its title. */
  begin: 'debrief.begin',
} as const;

/** Tips offered per weak characteristic: enough to act on, few enough to read on a phone. */
const TIPS_PER_WEAKNESS = 2;

/** Score, a bar per characteristic, the weakest with the guide's tips, and a follow-up offer. */
export function renderScore(ctx: DebriefContext, record: DebriefRecord, result: DebriefScore, heading: string, offer: FollowUpOffer | undefined): Reply {
  const r = ctx.debriefPrompts.result;
  const blocks: Block[] = [{ type: 'heading', text: heading }];
  const summary = result.score === undefined ? r.notScored : fillTemplate(r.score, { score: result.score, band: result.band!.label });
  blocks.push({ type: 'text', text: summary });
  blocks.push({ type: 'context', text: r.barsHeading });
  blocks.push({
    type: 'fields',
    fields: CHARACTERISTIC_IDS.map((id) => {
      const score = result.perCharacteristic[id];
      return { label: itemShortName(ctx.guide.get(id)!), value: score === undefined ? r.notApplicable : `${scoreBar(score)} ${score}` };
    }),
  });
  const weakest = weakestCharacteristics(result);
  if (weakest.length) {
    blocks.push({ type: 'heading', text: r.weakestHeading });
    for (const { id, score } of weakest) {
      blocks.push({ type: 'text', text: fillTemplate(r.weakestLine, { title: itemName(ctx.guide.get(id)!, ctx.lang), score }) });
      const tips = ctx.guide.tipsFor(id).slice(0, TIPS_PER_WEAKNESS);
      if (tips.length) blocks.push({ type: 'actions', buttons: tips.map((t): Button => ({ action: TIP_ACTIONS.show, label: itemShortName(t), value: t.id })) });
      else blocks.push({ type: 'context', text: r.noTips });
    }
  }
  if (offer) {
    const values = { days: ctx.debriefSettings.followUpDays, company: record.company };
    blocks.push({ type: 'text', text: fillTemplate(offer === 'unknown' ? r.followUpOffer : r.followUpOfferCheck, values) });
    blocks.push({ type: 'actions', buttons: [{ action: DEBRIEF_ACTIONS.followUp, label: fillTemplate(r.followUpButton, { company: record.company }), value: record.id, style: 'primary' }] });
  }
  if (record.confidential) blocks.push({ type: 'context', text: r.confidential });
  return { text: summary, blocks, visibility: 'private' };
}

export type FollowUpOffer = 'unknown' | 'check';

/**
 * Why a follow-up is offered: 'unknown' when the viewer said it is too early to tell what came of the
 * meeting (only then does the offer say "you don't know yet"), 'check' when feedback loops were rated
 * 3 or lower (score <= 50) or someone else does not know yet; undefined: no offer.
 */
export function followUpOffer(result: DebriefScore, responses: readonly DebriefResponse[], viewerId: string): FollowUpOffer | undefined {
  const unknown = responses.filter((x) => x.satisfactionOutcome === 'unknown');
  if (unknown.some((x) => x.userId === viewerId)) return 'unknown';
  const loops = result.perCharacteristic['feedback-loops'];
  return (loops !== undefined && loops <= 50) || unknown.length ? 'check' : undefined;
}

/** Free text of a combined result, sorted so the order gives no clue who wrote what. */
export function renderSharedText(ctx: DebriefContext, responses: readonly DebriefResponse[]): Block[] {
  const r = ctx.debriefPrompts.result;
  const asks = responses
    .filter((x) => x.asks || x.successMeasure)
    .map((x) => (x.successMeasure ? fillTemplate(r.askLine, { ask: x.asks || '…', measure: x.successMeasure }) : fillTemplate(r.askOnly, { ask: x.asks })))
    .sort();
  const notes = responses.map((x) => x.notes).filter(Boolean).sort();
  const blocks: Block[] = [];
  if (asks.length) blocks.push({ type: 'heading', text: r.answersHeading }, { type: 'list', items: asks });
  if (notes.length) blocks.push({ type: 'heading', text: r.notesHeading }, { type: 'list', items: notes });
  return blocks;
}
