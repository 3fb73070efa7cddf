import type { ChannelLink, Mention } from '../../src/base/incoming';

// Slack escapes what a person picked from its lists: "<@U0123|amina>" for a person and
// "<#C0123|policy-team>" for a channel (the name is left out for some private channels). The core
// reads plain words and the ids beside them, never this syntax.
const LINK = /<([@#])([A-Z0-9]{2,30})(?:\|([^<>|]{0,80}))?>/g;

/** The text with each link shown as "@name" / "#name", and who and what they point to, in order. */
export function readSlackLinks(text: string): { text: string; mentions: Mention[]; channels: ChannelLink[] } {
  const mentions: Mention[] = [];
  const channels: ChannelLink[] = [];
  const plain = text.replace(LINK, (_, sigil: string, id: string, label?: string) => {
    const name = label?.trim() || undefined;
    const display = `${sigil}${(name ?? id).replace(/\s+/g, '-')}`;
    if (sigil === '@') mentions.push({ userId: id, display });
    else channels.push({ channelId: id, ...(name ? { name } : {}), display });
    return display;
  });
  // Slack writes &, < and > in the rest of the text as HTML entities: "R&D" arrives as "R&amp;D".
  const decoded = plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return { text: decoded, mentions, channels };
}

// Links Slack writes into a message's text: "<https://x.org|label>", "<mailto:a@b.org>", "<!here>",
// "<!subteam^S0123|@policy>", "<!date^1392734382^{date}|Feb 18th>". Read for a person, they are
// their label, or their address when there is none.
const SPECIAL = /<(!?)([^<>|]{1,2000})(?:\|([^<>]{0,2000}))?>/g;

/** A message's text as the person read it: people and channels as "@name" / "#name", links as their words. */
export function readSlackMessageText(text: string): string {
  const people = readSlackLinks(text.replace(SPECIAL, (all, bang: string, target: string, label?: string) => {
    if (!bang && /^[@#]/.test(target)) return all; // a person or channel: readSlackLinks' part
    if (label?.trim()) return label.trim();
    if (bang) return `@${target.replace(/\^.*$/, '')}`;
    return target.replace(/^mailto:/, '');
  }));
  return people.text;
}
