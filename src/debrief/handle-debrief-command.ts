import type { DebriefContext } from './debrief-context';
import type { IncomingCommand } from '../base/incoming';
import type { Reply } from '../base/reply';
import { cleanUserText } from '../base/clean-user-text';
import { buildDebriefForm, LIMITS } from './build-debrief-form';
import { splitCompany, takeMentions } from './parse-debrief-text';
import { showHistory } from './show-debrief-history';
import { scheduleDebrief } from './schedule-debrief';
import { exportDebriefs } from './export-debriefs';

/** `/engage-debrief [company] [meeting] [with @people] | history <company> | schedule … | export` */
export async function handleDebriefCommand(ctx: DebriefContext, cmd: IncomingCommand): Promise<Reply> {
  const text = typeof cmd.text === 'string' ? cmd.text.slice(0, 2000) : '';
  const [first = '', ...rest] = cleanUserText(text, 2000).text.split(' ');
  switch (first.toLowerCase()) {
    case 'history': return showHistory(ctx, cmd.actor, rest.join(' '));
    case 'schedule': return scheduleDebrief(ctx, cmd.actor, text.replace(/^\s*schedule\b/i, ''), cmd.mentions);
    case 'export': return exportDebriefs(ctx, cmd.actor);
  }
  const { rest: words, mentions } = takeMentions(text, cmd.mentions ?? [], ctx.debriefPrompts.joiningWords);
  const known = await ctx.debriefs.companies(cmd.actor);
  const { company, rest: meeting } = splitCompany(words, known);
  const form = buildDebriefForm(ctx, cmd.actor, {
    state: { kind: 'new', meeting: meeting.slice(0, LIMITS.meeting), invitees: mentions.filter((m) => m !== cmd.actor.userId) },
    ...(company ? { company } : {}),
    knownCompanies: known,
  });
  return { text: form.title, blocks: [], visibility: 'private', form };
}
