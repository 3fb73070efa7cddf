import { randomUUID } from 'node:crypto';
import type { DebriefContext } from './debrief-context';
import type { FieldErrors, IncomingSubmission } from '../base/incoming';
import { textReply, type Block } from '../base/reply';
import type { SubmissionResult } from '../base/feature';
import { CONFIDENTIAL_FORMATS, type DebriefRecord, type DebriefResponse } from './debrief-repo';
import { fillTemplate } from '../base/fill-template';
import { decodeFormState } from './build-debrief-form';
import { readDebriefAnswers, type DebriefAnswers } from './read-debrief-answers';
import { scoreRatings } from './score-debrief';
import { DEBRIEF_ACTIONS, followUpOffer, renderScore } from './render-debrief-result';
import { combinedReady, isParticipant } from './debrief-access';
import { sendInvitations } from './send-invitations';

/** A filled-in debrief form: validate everything, then store, then score. */
export async function handleDebriefSubmission(ctx: DebriefContext, submission: IncomingSubmission): Promise<SubmissionResult> {
  const e = ctx.debriefPrompts.errors;
  const actor = submission.actor;
  const state = decodeFormState(submission.metadata);
  if (!state) return { reply: textReply(e.unknownDebrief) };

  let existing: DebriefRecord | undefined;
  if (state.kind === 'answer') {
    // Looked up under the submitter's own verified workspace: another workspace's id finds nothing.
    existing = await ctx.debriefs.get(actor, state.debriefId);
    if (!existing) return { reply: textReply(e.unknownDebrief) };
    if (!isParticipant(existing, actor.userId)) return { reply: textReply(e.notInvited) };
  }
  const knownCompanies = await ctx.debriefs.companies(actor);
  const read = readDebriefAnswers(ctx, submission, { askCompany: state.kind === 'new', knownCompanies });
  // What the company said on the prepared asks: read with the rest, so every problem shows at once.
  const asked = existing && ctx.preparedAsks ? await ctx.preparedAsks.read(submission, existing) : undefined;
  if ('errors' in read || (asked && 'errors' in asked)) return { errors: { ...('errors' in read ? read.errors : {}), ...(asked && 'errors' in asked ? asked.errors : {}) } };
  const answers = read.answers;
  const now = ctx.clock.now();

  const record: DebriefRecord = existing
    ? { ...existing, respondents: existing.respondents.includes(actor.userId) ? existing.respondents : [...existing.respondents, actor.userId] }
    : {
        id: randomUUID().replace(/-/g, ''),
        platform: actor.platform,
        tenantId: actor.tenantId,
        company: answers.company!,
        meeting: state.kind === 'new' ? state.meeting : '',
        starter: actor.userId,
        invitees: state.kind === 'new' ? state.invitees.filter((u) => u !== actor.userId) : [],
        respondents: [actor.userId],
        createdAt: now.toISOString(),
        date: answers.date,
        confidential: false,
        followUps: [],
      };
  // Anyone marking the meeting confidential makes the whole debrief confidential; nobody can undo it.
  if (CONFIDENTIAL_FORMATS.has(answers.formats['format-confidentiality'] ?? '')) record.confidential = true;

  const response = toResponse(record.id, actor.userId, answers, now);
  // One key per answer; an invited answer touches nothing shared, so simultaneous answers cannot clash.
  await ctx.debriefs.saveResponse(actor, response);
  if (!existing) await ctx.debriefs.save(record);
  // Re-read: who has answered is worked out from the stored answers, including any that arrived meanwhile.
  const current = (existing && (await ctx.debriefs.get(actor, record.id))) || record;
  ctx.logger.info({ event: 'debrief.answered', debrief: record.id, respondents: current.respondents.length }, 'debrief answered');

  const own = scoreRatings(response.ratings, ctx.debriefPrompts.scoring);
  const reply = renderScore(ctx, current, own, fillTemplate(ctx.debriefPrompts.result.heading, { company: record.company }), followUpOffer(own, [response], actor.userId));
  if (asked && 'record' in asked) reply.blocks.push(...(await asked.record()));
  if (!existing && record.invitees.length) reply.blocks.push(...(await sendInvitations(ctx, actor, record, { to: record.invitees, dueAt: now })));
  else if (record.invitees.length) reply.blocks.push(...status(ctx, current));
  return { reply };
}

/** What is wrong with a debrief form's answers, storing nothing: the console checks each answer as it is typed. */
export async function checkDebriefAnswers(ctx: DebriefContext, submission: IncomingSubmission): Promise<FieldErrors> {
  const state = decodeFormState(submission.metadata);
  if (!state) return {};
  const read = readDebriefAnswers(ctx, submission, { askCompany: state.kind === 'new', knownCompanies: await ctx.debriefs.companies(submission.actor) });
  const existing = state.kind === 'answer' && ctx.preparedAsks ? await ctx.debriefs.get(submission.actor, state.debriefId) : undefined;
  const asked = existing ? await ctx.preparedAsks!.read(submission, existing) : undefined;
  return { ...('errors' in read ? read.errors : {}), ...(asked && 'errors' in asked ? asked.errors : {}) };
}

function status(ctx: DebriefContext, record: DebriefRecord): Block[] {
  const r = ctx.debriefPrompts.result;
  const values = { count: record.respondents.length, min: ctx.debriefSettings.minRespondents };
  if (!combinedReady(ctx, record)) return [{ type: 'context', text: fillTemplate(r.waiting, values) }];
  return [
    { type: 'text', text: fillTemplate(r.combinedReady, values) },
    { type: 'actions', buttons: [{ action: DEBRIEF_ACTIONS.combined, label: r.combinedButton, value: record.id }] },
  ];
}

function toResponse(debriefId: string, userId: string, { company: _company, ...answers }: DebriefAnswers, now: Date): DebriefResponse {
  return { ...answers, debriefId, userId, submittedAt: now.toISOString() };
}
