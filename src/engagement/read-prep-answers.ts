import type { EngagementContext } from './engagement-context';
import type { FieldErrors, IncomingSubmission } from '../base/incoming';
import { zoneOrUtc } from '../base/zoned-time';
import { localDate } from '../debrief';
import type { Ask, Meeting } from './company-record';
import { newId, TEXT_LIMITS } from './company-record';
import { CONFIDENTIALITY } from './engagement-access';
import { askField, MAX_ASKS, PREP_FIELD, READINESS, type PrepState } from './build-prep-form';
import { formReader } from './form-values';

/** The prepared meeting and its asks, or the problems of the answers. */
export function readPrepAnswers(ctx: EngagementContext, submission: IncomingSubmission, state: PrepState): { errors: FieldErrors } | { meeting: Meeting; asks: Ask[] } {
  const e = ctx.engagementPrompts.errors;
  const actor = submission.actor;
  const now = ctx.clock.now();
  const zone = zoneOrUtc(actor.timeZone);
  const read = formReader(ctx.engagementPrompts, submission);
  const goal = read.text(PREP_FIELD.goal, TEXT_LIMITS.goal, true);
  const meetingId = state.id;
  const asks: Ask[] = [];
  for (let n = 1; n <= MAX_ASKS; n++) {
    const text = read.text(askField(n), TEXT_LIMITS.ask, n === 1);
    const done = read.text(askField(n, 'done'), TEXT_LIMITS.done);
    const by = read.date(askField(n, 'by'), now, zone);
    if (!text) {
      if (done && !read.errors[askField(n)]) read.errors[askField(n, 'done')] = e.doneWithoutAsk;
      if (by && !read.errors[askField(n)]) read.errors[askField(n, 'by')] = e.dateWithoutText;
      continue;
    }
    asks.push({ id: newId(), meetingId, text, ...(done ? { done } : {}), ...(by ? { by } : {}), status: 'open', addedBy: actor.userId, addedAt: now.toISOString() });
  }
  const teams = read.choices(PREP_FIELD.teams, ctx.guide.ofKind('team').map((t) => t.id));
  const staff = read.text(PREP_FIELD.staff, TEXT_LIMITS.staff);
  const formats: Record<string, string> = {};
  for (const format of ctx.guide.ofKind('format')) {
    const v = read.choice(format.id, format.options!.map((o) => o.id), format.id === CONFIDENTIALITY);
    if (v) formats[format.id] = v;
  }
  const readiness = read.choices(PREP_FIELD.readiness, READINESS);
  if (Object.keys(read.errors).length) return { errors: read.errors };
  const meeting: Meeting = {
    id: meetingId,
    title: state.title,
    preparedBy: actor.userId,
    participants: [...new Set([actor.userId, ...state.participants])],
    createdAt: now.toISOString(),
    ...(state.startsAt ? { date: localDate(new Date(state.startsAt), zone), startsAt: state.startsAt } : state.date ? { date: state.date } : {}),
    ...(state.endsAt ? { endsAt: state.endsAt } : {}),
    goal: goal!,
    teams,
    ...(staff ? { staff } : {}),
    formats,
    readiness,
  };
  return { meeting, asks };
}
