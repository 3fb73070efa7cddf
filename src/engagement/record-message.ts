import type { EngagementContext } from './engagement-context';
import type { IncomingShortcut, IncomingSubmission } from '../base/incoming';
import type { SubmissionResult } from '../base/feature';
import type { Block, FormField, Reply } from '../base/reply';
import { textReply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { cleanUserText } from '../base/clean-user-text';
import { zoneOrUtc } from '../base/zoned-time';
import { isLink } from '../remind';
import { capCommitments, newId, RECORD_LIMITS, TEXT_LIMITS, type CompanyRecord } from './company-record';
import { companyKey } from '../debrief';
import { formReader } from './form-values';
import { knownCompanies } from './handle-prep';
import { followUps } from './follow-up-commitment';
import { ENGAGEMENT_ACTIONS } from './engagement-actions';

// "Add to an engagement record" on any message: a note, an ask or a commitment in a company's
// record, linked back to the message it came from.

export const NOTE_FORM_ID = 'record-message';
const KINDS = ['note', 'ask', 'commitment'] as const;
const VISIBILITY = ['workspace', 'me'] as const;
const F = { company: 'company', companyNew: 'company-new', kind: 'kind', text: 'text', by: 'by', visibility: 'visibility' } as const;

export async function recordMessage(ctx: EngagementContext, shortcut: IncomingShortcut): Promise<Reply> {
  const n = ctx.engagementPrompts.note;
  const known = await knownCompanies(ctx, shortcut.actor);
  const words = cleanUserText(shortcut.message.text, TEXT_LIMITS.note).text;
  const link = typeof shortcut.message.link === 'string' && isLink(shortcut.message.link) ? shortcut.message.link : '';
  const company: FormField[] = known.length
    ? [
        { id: F.company, label: n.companyPickLabel, kind: 'choice', optional: true, options: known.slice(0, 100).map((c) => ({ value: c, label: c })) },
        { id: F.companyNew, label: n.companyNewLabel, kind: 'text', optional: true, placeholder: n.companyPlaceholder, maxLength: 80 },
      ]
    : [{ id: F.companyNew, label: n.companyLabel, kind: 'text', placeholder: n.companyPlaceholder, maxLength: 80 }];
  return {
    text: n.title, blocks: [], visibility: 'private',
    form: {
      id: NOTE_FORM_ID, title: n.title, submitLabel: n.submit, intro: n.intro, metadata: link,
      fields: [
        ...company,
        { id: F.kind, label: n.kindLabel, kind: 'choice', initial: 'note', options: KINDS.map((k) => ({ value: k, label: n.kinds[k] })) },
        { id: F.text, label: n.textLabel, kind: 'textarea', maxLength: TEXT_LIMITS.note, ...(words ? { initial: words } : {}) },
        { id: F.by, label: n.byLabel, kind: 'date', optional: true },
        { id: F.visibility, label: n.visibilityLabel, kind: 'choice', initial: 'me', options: VISIBILITY.map((v) => ({ value: v, label: n.visibility[v] })) },
      ],
    },
  };
}

export async function handleRecordMessage(ctx: EngagementContext, submission: IncomingSubmission): Promise<SubmissionResult> {
  const n = ctx.engagementPrompts.note;
  const actor = submission.actor;
  const read = formReader(ctx.engagementPrompts, submission);
  const picked = read.raw(F.company);
  const typed = read.text(F.companyNew, 80);
  const known = await knownCompanies(ctx, actor);
  if (picked && typed) read.errors[F.companyNew] = n.companyBoth;
  else if (picked && !known.includes(picked)) read.errors[F.company] = ctx.engagementPrompts.errors.notAnOption;
  else if (!picked && !typed && !read.errors[F.companyNew]) read.errors[F.companyNew] = n.companyMissing;
  const kind = read.choice(F.kind, KINDS, true) as (typeof KINDS)[number] | undefined;
  const text = read.text(F.text, TEXT_LIMITS.note, true);
  const by = read.date(F.by, ctx.clock.now(), zoneOrUtc(actor.timeZone));
  const visibility = read.choice(F.visibility, VISIBILITY, true);
  if (text && kind && kind !== 'note' && text.length > TEXT_LIMITS.commitment) read.errors[F.text] = fillTemplate(ctx.engagementPrompts.errors.tooLong, { max: TEXT_LIMITS.commitment, length: text.length });
  if (Object.keys(read.errors).length) return { errors: read.errors };

  const company = known.find((k) => companyKey(k) === companyKey((picked ?? typed)!)) ?? (picked ?? typed)!;
  const link = typeof submission.metadata === 'string' && isLink(submission.metadata) ? submission.metadata : undefined;
  const at = ctx.clock.now().toISOString();
  const placed = { ...(link ? { link } : {}), ...(visibility === 'me' ? { private: true } : {}) };
  const id = newId();
  const record = await ctx.engagements.editCompany(actor, company, (r): CompanyRecord => {
    if (kind === 'note') return { ...r, notes: [...r.notes, { id, text: text!, by: actor.userId, at, ...placed }].slice(-RECORD_LIMITS.notes) };
    if (kind === 'ask') return { ...r, asks: [...r.asks, { id, text: text!, ...(by ? { by } : {}), status: 'open' as const, addedBy: actor.userId, addedAt: at, ...placed }].slice(-RECORD_LIMITS.asks) };
    return { ...r, commitments: capCommitments([...r.commitments, { id, text: text!, ...(by ? { due: by } : {}), status: 'open' as const, recordedBy: actor.userId, recordedAt: at, outcomes: [], reminders: [], ...placed }]) };
  });
  const blocks: Block[] = [{ type: 'text', text: fillTemplate(n.added, { company: record.company }) }];
  if (link) blocks.push({ type: 'link', text: n.linkText, url: link });
  if (kind === 'commitment') blocks.push(...(await followUps(ctx, actor, record, [id])));
  blocks.push({ type: 'actions', buttons: [{ action: ENGAGEMENT_ACTIONS.record, label: fillTemplate(ctx.engagementPrompts.brief.openRecord, { company: record.company }), value: record.id }] });
  return { reply: { ...textReply(fillTemplate(n.added, { company: record.company })), blocks } };
}
