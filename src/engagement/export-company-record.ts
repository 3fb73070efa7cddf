import type { EngagementContext } from './engagement-context';
import type { Actor } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { itemName, itemShortName } from '../guide/name-item';
import { csvCell } from '../debrief';
import type { CompanyRecord } from './company-record';
import { CONFIDENTIALITY } from './engagement-access';
import { meetingDate, readVisibleRecord, weakestOverTime, type VisibleRecord } from './read-company-record';

// A record leaves the chat for a colleague taking over the relationship: as CSV for a spreadsheet,
// or as a Markdown brief to read. Each holds what the person exporting may see, nothing more.

// Accents dropped, not turned into dashes: "Société Générale" is societe-generale.
const fileName = (company: string, ext: string) => `${company.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'company'}-engagement.${ext}`;

export async function exportRecordCsv(ctx: EngagementContext, actor: Actor, full: CompanyRecord): Promise<Reply> {
  const view = await readVisibleRecord(ctx, actor, full);
  const { record } = view;
  const meetingTitle = (id?: string) => record.meetings.find((m) => m.id === id)?.title ?? '';
  const rows: string[][] = [['kind', 'date', 'meeting', 'text', 'status', 'due', 'detail']];
  for (const m of record.meetings) {
    rows.push(['meeting', meetingDate(m, view), m.title, m.goal, m.debriefId ? 'debriefed' : 'prepared', '', [m.formats[CONFIDENTIALITY] ?? '', ...m.teams].join(' ')]);
  }
  for (const s of view.scores) rows.push(['score', s.date, s.meeting, s.score === undefined ? '' : String(s.score), s.band ?? '', '', s.weakest.join(' ')]);
  for (const a of record.asks) rows.push(['ask', view.dayOf(a.addedAt), meetingTitle(a.meetingId), a.text, a.status, a.by ?? '', a.done ?? '']);
  for (const c of record.commitments) {
    rows.push(['commitment', view.dayOf(c.recordedAt), meetingTitle(c.meetingId), c.text, c.status, c.due ?? '', c.link ?? '']);
    for (const o of c.outcomes) rows.push(['outcome', view.dayOf(o.at), meetingTitle(c.meetingId), c.text, o.delivered, '', o.text]);
  }
  for (const n of record.notes) rows.push(['note', view.dayOf(n.at), meetingTitle(n.meetingId), n.text, '', '', n.link ?? '']);
  const csv = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return { ...textReply(fillTemplate(ctx.engagementPrompts.record.exported, { company: record.company })), file: { name: fileName(record.company, 'csv'), mimeType: 'text/csv', content: csv } };
}

/** Markdown special characters in people's words are escaped, so a note cannot become a heading or a link. */
const md = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|>~<])/g, '\\$1').replace(/\s+/g, ' ');

export async function exportRecordBrief(ctx: EngagementContext, actor: Actor, full: CompanyRecord): Promise<Reply> {
  const view = await readVisibleRecord(ctx, actor, full);
  const x = ctx.engagementPrompts.export;
  const status = ctx.engagementPrompts.askStatus;
  const { record } = view;
  const list = (items: string[]) => (items.length ? items.map((i) => `- ${i}`) : [x.none]);
  const lines = [
    `# ${md(fillTemplate(x.title, { company: record.company }))}`, '',
    md(fillTemplate(x.intro, { date: view.today })), '',
    `## ${md(x.meetings)}`, ...list(record.meetings.map((m) => `${meetingDate(m, view)}: ${md(m.title || ctx.engagementPrompts.brief.untitled)} · ${md(m.goal)}`)), '',
    `## ${md(x.scores)}`, ...list(view.scores.map((s) => `${s.date}: ${md(s.meeting)} · ${s.score === undefined ? '…' : `${s.score} (${md(s.band ?? '')})`}`)), '',
    `## ${md(x.weakest)}`, ...list(weakestOverTime(view.scores.filter((s) => s.score !== undefined)).flatMap((w) => {
      const item = ctx.guide.get(w.id);
      return item ? [`${md(itemName(item, ctx.lang))} (${w.count})`] : [];
    })), '',
    `## ${md(x.asks)}`, ...list(record.asks.map((a) => `${md(a.text)} · ${md(status[a.status])}${a.by ? ` · ${a.by}` : ''}`)), '',
    `## ${md(x.open)}`, ...list(record.commitments.filter((c) => c.status === 'open').map((c) => `${md(c.text)}${c.due ? ` · ${c.due}` : ''}${c.outcomes.length ? ` · ${md(c.outcomes.at(-1)!.text || c.outcomes.at(-1)!.delivered)}` : ''}`)), '',
    `## ${md(x.closed)}`, ...list(record.commitments.filter((c) => c.status === 'closed').map((c) => `${md(c.text)} · ${md(c.outcomes.at(-1)?.text || ctx.engagementPrompts.record.deliveredNoWords)}`)), '',
    `## ${md(x.notes)}`, ...list(record.notes.map((n) => `${view.dayOf(n.at)}: ${md(n.text)}${n.link ? ` <${n.link}>` : ''}`)), '', // a stored link has no space, < or >: as an autolink it stays one link
    ...teamsLine(ctx, view),
  ];
  return { ...textReply(fillTemplate(ctx.engagementPrompts.record.exported, { company: record.company })), file: { name: fileName(record.company, 'md'), mimeType: 'text/markdown', content: `${lines.join('\n').trimEnd()}\n` } };
}

/** The company teams met so far, by the guide's names: who a successor should know to ask for. */
function teamsLine(ctx: EngagementContext, { record }: VisibleRecord): string[] {
  const teams = [...new Set(record.meetings.flatMap((m) => m.teams))].map((id) => ctx.guide.get(id)).filter(Boolean).map((t) => md(itemShortName(t!)));
  return teams.length ? [`## ${md(ctx.engagementPrompts.brief.teams)}`, ...teams.map((t) => `- ${t}`)] : [];
}
