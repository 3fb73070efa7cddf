import type { EngagementContext } from './engagement-context';
import type { Actor, IncomingCommand, IncomingSubmission } from '../base/incoming';
import { textReply, type Block, type Reply } from '../base/reply';
import type { SubmissionResult } from '../base/feature';
import { fillTemplate } from '../base/fill-template';
import { describeInZone, fromWallTime, toWallTime, zoneOrUtc } from '../base/zoned-time';
import { localDate, parseMeetingTime, splitCompany, takeMentions, type MeetingTime } from '../debrief';
import { newId, RECORD_LIMITS, TEXT_LIMITS } from './company-record';
import { buildPrepForm, decodePrepState } from './build-prep-form';
import { readPrepAnswers } from './read-prep-answers';
import { renderBrief } from './render-brief';
import { companyKey } from '../debrief';
import { hasVisible, isRestricted, visiblePart } from './engagement-access';

/**
 * Companies this person may know of here, each once, in the spelling first used: those whose record
 * holds something they may see, and those debriefed. A company known only from a confidential meeting
 * they were not in is not offered to them.
 */
export async function knownCompanies(ctx: EngagementContext, actor: Actor): Promise<string[]> {
  const visible = (await ctx.engagements.all(actor)).filter((r) => hasVisible(visiblePart(r, actor.userId))).map((r) => r.company);
  const debriefed = await ctx.debriefService.companies(actor);
  const seenDebriefed = await Promise.all(debriefed.map(async (c) => ((await ctx.debriefService.scores(actor, c)).length ? [c] : [])));
  const names = [...visible, ...seenDebriefed.flat()];
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(companyKey(n)) && Boolean(seen.add(companyKey(n))));
}

/** `/engage-prep <company> <meeting> [when] [with @people]`: opens the preparation form. */
export async function handlePrepCommand(ctx: EngagementContext, cmd: IncomingCommand): Promise<Reply> {
  const p = ctx.engagementPrompts.prep;
  const text = typeof cmd.text === 'string' ? cmd.text.slice(0, 2000) : '';
  const { rest, mentions } = takeMentions(text, cmd.mentions ?? [], ctx.joiningWords);
  const { company, rest: afterCompany } = splitCompany(rest, await knownCompanies(ctx, cmd.actor));
  if (!company) return textReply(p.usage);
  const now = ctx.clock.now();
  const zone = zoneOrUtc(cmd.actor.timeZone);
  const parsed = afterCompany ? parseMeetingTime(afterCompany, now, zone, ctx.lang) : undefined;
  const when = parsed && meantToday(parsed, afterCompany, now, zone);
  if (when && when.timeKnown && when.end <= now) return textReply(p.past);
  // A day without a time is kept as a day: its debrief waits for the "Debrief this meeting" button
  // rather than arriving at a made-up hour.
  const timing = !when ? {} : when.timeKnown ? { startsAt: when.start.toISOString(), endsAt: when.end.toISOString() } : { date: localDate(when.start, zone) };
  const form = buildPrepForm(ctx, {
    id: newId(),
    company,
    title: (when ? when.before : afterCompany).slice(0, TEXT_LIMITS.title),
    ...timing,
    participants: mentions.filter((m) => m !== cmd.actor.userId),
  });
  return { text: form.title, blocks: [], visibility: 'private', form };
}

/**
 * Times are read forward, so "12 December" typed on 12 December is next year's: the person meant
 * today (a meeting a year ahead names its year). Then a time already gone is refused as past.
 */
function meantToday(when: MeetingTime, text: string, now: Date, zone: string): MeetingTime {
  const day = localDate(when.start, zone);
  const today = localDate(now, zone);
  if (/\b\d{4}\b/.test(text) || day.slice(5) !== today.slice(5) || Number(day.slice(0, 4)) !== Number(today.slice(0, 4)) + 1) return when;
  const yearBack = (at: Date) => {
    const w = toWallTime(at, zone);
    return fromWallTime({ ...w, year: w.year - 1 }, zone);
  };
  return { ...when, start: yearBack(when.start), end: yearBack(when.end) };
}

/** The filled-in preparation: the meeting joins the company's record, its debrief is scheduled, the brief comes back. */
export async function handlePrepSubmission(ctx: EngagementContext, submission: IncomingSubmission): Promise<SubmissionResult> {
  const e = ctx.engagementPrompts.errors;
  const actor = submission.actor;
  const state = decodePrepState(submission.metadata);
  if (!state) return { reply: textReply(e.unknownRecord) };
  const read = readPrepAnswers(ctx, submission, state);
  if ('errors' in read) return read;
  const { meeting, asks } = read;
  let added = false;
  let record = await ctx.engagements.editCompany(actor, state.company, (r) => {
    // Submitted again (a double click on a card): the brief once more, the meeting not twice.
    added = !r.meetings.some((m) => m.id === meeting.id);
    return added ? { ...r, meetings: [...r.meetings, meeting].slice(-RECORD_LIMITS.meetings), asks: [...r.asks, ...asks].slice(-RECORD_LIMITS.asks) } : undefined;
  });
  if (!added) {
    const earlier = record.meetings.find((m) => m.id === meeting.id);
    return { reply: earlier ? renderBrief(ctx, actor, record, earlier) : textReply(e.unknownRecord) };
  }
  const extra: Block[] = [];
  const endsAt = meeting.endsAt ? new Date(meeting.endsAt) : undefined;
  if (endsAt && endsAt > ctx.clock.now()) {
    const debriefId = await ctx.debriefService.start(actor, {
      company: record.company, title: meeting.title, invitees: meeting.participants, confidential: isRestricted(meeting),
      ...(meeting.startsAt ? { startsAt: new Date(meeting.startsAt) } : {}), endsAt,
    });
    if (debriefId) {
      record = (await ctx.engagements.edit(actor, record.id, (r) => ({ ...r, meetings: r.meetings.map((m) => (m.id === meeting.id ? { ...m, debriefId } : m)) }))) ?? record;
      const when = describeInZone(endsAt, zoneOrUtc(actor.timeZone), ctx.clock.now(), ctx.lang);
      extra.push({ type: 'context', text: fillTemplate(ctx.engagementPrompts.brief.scheduled, { count: meeting.participants.length, when }) });
    } else extra.push({ type: 'text', text: e.debriefFailed });
  }
  ctx.logger.info({ event: 'engagement.prepared', record: record.id, asks: asks.length }, 'meeting prepared');
  const saved = record.meetings.find((m) => m.id === meeting.id) ?? meeting;
  return { reply: renderBrief(ctx, actor, record, saved, { extra }) };
}

/** Answers the form's questions one at a time in the console, storing nothing. */
export async function checkPrepAnswers(ctx: EngagementContext, submission: IncomingSubmission) {
  const state = decodePrepState(submission.metadata);
  if (!state) return {};
  const read = readPrepAnswers(ctx, submission, state);
  return 'errors' in read ? read.errors : {};
}
