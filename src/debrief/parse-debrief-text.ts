import { cleanUserText } from '../base/clean-user-text';
import { LIMITS } from './build-debrief-form';

// Mentions arrive in the neutral form "<@USERID>" (Slack's own; the Teams adapter translates its
// <at> entities to it) or, in the console, "@name". Only ids are kept, never display names.
const MENTION = /<@([A-Za-z0-9._:-]{1,100})(?:\|[^>]{0,100})?>|(?:^|\s)@([A-Za-z0-9._-]{1,100})/g;

/** Splits the invited people out of the text; a trailing "with" before them goes too. */
export function takeMentions(text: string): { rest: string; mentions: string[] } {
  const mentions: string[] = [];
  const rest = text.replace(MENTION, (_, id?: string, name?: string) => {
    const who = id ?? name!;
    if (!mentions.includes(who) && mentions.length < LIMITS.invitees) mentions.push(who);
    return ' ';
  });
  return { rest: rest.replace(/\s+/g, ' ').replace(/\s+(with|and|,)(\s+(and|,))*\s*$/i, '').trim(), mentions };
}

/**
 * The company is the quoted name, or a company this workspace debriefed before (so "Acme Corp
 * board" finds "Acme Corp"), or else the first word. What follows names the meeting.
 */
export function splitCompany(text: string, known: readonly string[]): { company?: string; rest: string } {
  const cleaned = cleanUserText(text, 300).text;
  if (!cleaned) return { rest: '' };
  const quoted = /^["“'‘]([^"”'’]{1,80})["”'’]\s*(.*)$/.exec(cleaned);
  if (quoted) return { company: quoted[1]!.trim(), rest: quoted[2]!.trim() };
  const lower = cleaned.toLowerCase();
  const match = [...known]
    .sort((a, b) => b.length - a.length)
    .find((k) => lower.startsWith(k.toLowerCase()) && (lower.length === k.length || lower[k.length] === ' '));
  if (match) return { company: match, rest: cleaned.slice(match.length).trim() };
  const [first = '', ...rest] = cleaned.split(' ');
  return { company: first.slice(0, LIMITS.company), rest: rest.join(' ') };
}
