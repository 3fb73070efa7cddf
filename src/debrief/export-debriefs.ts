import type { DebriefContext } from './debrief-context';
import type { Actor } from '../base/incoming';
import { textReply, type Reply } from '../base/reply';
import { fillTemplate } from '../base/fill-template';
import { CHARACTERISTIC_IDS, scoreRatings } from './score-debrief';
import { FIELD } from './build-debrief-form';

/**
 * `/engage-debrief export`: the person's own answers as CSV. Only their own: a workspace-wide
 * export of individual answers would show people each other's, which the debrief promises never to.
 */
export async function exportDebriefs(ctx: DebriefContext, actor: Actor): Promise<Reply> {
  const formats = ctx.guide.ofKind('format').map((f) => f.id);
  const header = ['debrief', 'company', 'meeting', 'date', FIELD.side, ...formats, ...CHARACTERISTIC_IDS,
    FIELD.satisfactionProcess, FIELD.satisfactionOutcome, 'score', FIELD.asks, FIELD.successMeasure, FIELD.notes, 'submitted'];
  const rows: string[][] = [];
  for (const record of await ctx.debriefs.forUser(actor, 500)) {
    const a = await ctx.debriefs.getResponse(actor, record.id, actor.userId);
    if (!a) continue;
    const score = scoreRatings(a.ratings, ctx.debriefPrompts.scoring).score;
    rows.push([record.id, record.company, record.meeting, a.date, a.side, ...formats.map((f) => a.formats[f] ?? ''),
      ...CHARACTERISTIC_IDS.map((id) => String(a.ratings[id])), String(a.satisfactionProcess), String(a.satisfactionOutcome),
      score === undefined ? '' : String(score), a.asks, a.successMeasure, a.notes, a.submittedAt]);
  }
  if (!rows.length) return textReply(ctx.debriefPrompts.export.empty);
  const csv = [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const reply = textReply(fillTemplate(ctx.debriefPrompts.export.ready, { count: rows.length }));
  return { ...reply, file: { name: 'engage-debriefs.csv', mimeType: 'text/csv', content: csv } };
}

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
