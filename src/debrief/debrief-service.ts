import { randomUUID } from 'node:crypto';
import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import type { Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import type { DebriefRecord } from './debrief-repo';
import { buildDebriefForm, LIMITS, localDate } from './build-debrief-form';
import { sendInvitations } from './send-invitations';
import { visibleScore } from './debrief-access';
import { weakestCharacteristics } from './score-debrief';
import { meetingDay } from './describe-meeting';
import { zoneOrUtc } from '../base/zoned-time';

/** What other features ask of debriefs: a prepared meeting's debrief, its form, a company's scores. */
export interface DebriefService {
  /**
   * Creates the debrief of a meeting: with `endsAt`, everyone (the actor too) is invited when it
   * ends; without, the others are invited now and the actor answers at once. Undefined when the
   * invitations could not be queued (nothing is saved then). `confidential`: the meeting was prepared
   * as Chatham House or under NDA, so its result is for its participants only from the start.
   */
  start(actor: Actor, meeting: DebriefedMeeting): Promise<string | undefined>;
  /** The form a participant answers the debrief in; undefined when it is gone or not theirs. */
  answerForm(actor: Actor, debriefId: string): Promise<Reply | undefined>;
  /** The scores `viewer` may see of one company's debriefs, oldest first. */
  scores(viewer: Actor, company: string): Promise<CompanyScore[]>;
  /** Companies debriefed in this workspace, in the spelling first used. */
  companies(actor: Actor): Promise<string[]>;
}

export interface DebriefedMeeting {
  /** Minted by the caller when it must link the debrief before it exists (two clicks at once). */
  id?: string;
  company: string;
  title: string;
  invitees: readonly string[];
  /** YYYY-MM-DD, for a meeting given a day without a time. */
  date?: string;
  startsAt?: Date;
  endsAt?: Date;
  confidential?: boolean;
}

export interface CompanyScore {
  debriefId: string;
  /** YYYY-MM-DD */
  date: string;
  meeting: string;
  /** Undefined while too few have answered to show a result to this viewer. */
  score?: number;
  band?: string;
  /** Guide characteristic ids, weakest first. */
  weakest: string[];
}

export function createDebriefService(ctx: DebriefContext): DebriefService {
  return {
    async start(actor, meeting) {
      const now = ctx.clock.now();
      const zone = zoneOrUtc(actor.timeZone);
      const record: DebriefRecord = {
        id: meeting.id ?? randomUUID().replace(/-/g, ''),
        platform: actor.platform,
        tenantId: actor.tenantId,
        company: meeting.company,
        meeting: meeting.title.slice(0, LIMITS.meeting),
        starter: actor.userId,
        invitees: meeting.invitees.filter((u) => u !== actor.userId).slice(0, LIMITS.invitees),
        respondents: [],
        createdAt: now.toISOString(),
        date: meeting.date ?? localDate(meeting.startsAt ?? now, zone),
        ...(meeting.endsAt ? { meetingEndsAt: meeting.endsAt.toISOString() } : {}),
        confidential: meeting.confidential === true,
        followUps: [],
      };
      const later = meeting.endsAt && meeting.endsAt > now;
      const to = later ? [actor.userId, ...record.invitees] : record.invitees;
      const sent = to.length ? await sendInvitations(ctx, actor, record, { to, dueAt: later ? meeting.endsAt! : now, nudge: Boolean(later) }) : [];
      if (sent.some((b) => b.type === 'text')) return undefined;
      await ctx.debriefs.save(record);
      return record.id;
    },
    answerForm: (actor, debriefId) => answerForm(ctx, actor, debriefId),
    companies: (actor) => ctx.debriefs.companies(actor),
    async scores(viewer, company) {
      const zone = zoneOrUtc(viewer.timeZone);
      const out: CompanyScore[] = [];
      for (const record of await ctx.debriefs.forCompany(viewer, company)) {
        const visible = await visibleScore(ctx, viewer, record);
        if (visible.kind === 'hidden') continue;
        const result = visible.kind === 'pending' ? undefined : visible.result;
        out.push({
          debriefId: record.id,
          date: meetingDay(record, zone),
          meeting: record.meeting,
          ...(result?.score !== undefined ? { score: result.score, band: result.band!.label } : {}),
          weakest: result ? weakestCharacteristics(result).map((w) => w.id) : [],
        });
      }
      return out.sort((a, b) => a.date.localeCompare(b.date));
    },
  };
}

/** The private form one participant answers a debrief in, with the asks prepared for the meeting. */
export async function answerForm(ctx: DebriefContext, actor: Actor, debriefId: string): Promise<Reply | undefined> {
  const record = await ctx.debriefs.get(actor, debriefId);
  if (!record || !(record.starter === actor.userId || record.invitees.includes(actor.userId) || record.respondents.includes(actor.userId))) return undefined;
  const askFields = ctx.preparedAsks ? await ctx.preparedAsks.fields(actor, record) : [];
  const form = buildDebriefForm(ctx, actor, {
    state: { kind: 'answer', debriefId: record.id },
    knownCompanies: [],
    askFields,
    intro: fillTemplate(ctx.debriefPrompts.form.introInvited, { company: record.company, min: ctx.debriefSettings.minRespondents }),
  });
  return { text: form.title, blocks: [], visibility: 'private', form };
}
