import { cleanUserText } from '../base/clean-user-text';
import { LIMITS } from './build-debrief-form';
import type { Mention } from '../base/incoming';

/**
 * Takes the invited people out of the text: each mention the platform identified (shown in the text
 * as its `display`, e.g. "@Amina"). Only ids are kept, never display names. A trailing "with" before
 * them goes too.
 */
export function takeMentions(text: string, mentions: readonly Mention[], joining: readonly string[] = ['with', 'and']): { rest: string; mentions: string[] } {
  const ids: string[] = [];
  let rest = ` ${text} `;
  for (const m of mentions) {
    const at = new RegExp(`(?<=\\s)${escapeRegExp(m.display.normalize('NFKC'))}(?=[\\s,.;:!?])`, 'g');
    if (!at.test(rest)) continue;
    rest = rest.replace(at, ' ');
    if (!ids.includes(m.userId) && ids.length < LIMITS.invitees) ids.push(m.userId);
  }
  // "with @amina and @jo", "con @amina y @jo": the words left joining the names go with them.
  const words = `(?:${[...joining].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')}|,)`;
  const joined = rest.replace(/\s+/g, ' ');
  // Only when someone was mentioned: "Acme Serie E" keeps its last word.
  return { rest: (ids.length ? joined.replace(new RegExp(`\\s+${words}(\\s+${words})*\\s*$`, 'iu'), '') : joined).trim(), mentions: ids };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The company is the quoted name ("…", “…”, «…»), or a company this workspace debriefed before (so "Acme Corp
 * board" finds "Acme Corp"), or else the first word. What follows names the meeting.
 */
export function splitCompany(text: string, known: readonly string[]): { company?: string; rest: string } {
  const cleaned = cleanUserText(text, 300).text;
  if (!cleaned) return { rest: '' };
  const quoted = /^["“'‘«]([^"”'’»]{1,80})["”'’»]\s*(.*)$/.exec(cleaned);
  if (quoted) return { company: quoted[1]!.trim(), rest: quoted[2]!.trim() };
  const lower = cleaned.toLowerCase();
  const match = [...known]
    .sort((a, b) => b.length - a.length)
    .find((k) => lower.startsWith(k.toLowerCase()) && (lower.length === k.length || lower[k.length] === ' '));
  if (match) return { company: match, rest: cleaned.slice(match.length).trim() };
  const [first = '', ...rest] = cleaned.split(' ');
  return { company: first.slice(0, LIMITS.company), rest: rest.join(' ') };
}
