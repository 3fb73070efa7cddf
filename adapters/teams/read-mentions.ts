import { TurnContext, type Activity } from 'botbuilder';
import type { Mention } from '../../src/base/incoming';

// Teams writes a mention as "<at>Name</at>" in the text and names the person in `entities`. The
// core reads plain words ("@Name") with the person's id beside them: the same user id the Teams
// actor carries (the Entra object id), so a debrief can invite the people mentioned.

/** What the person typed, the bot's own @mention removed, and who else they mentioned. */
export function readMessageText(activity: Activity): { text: string; mentions: Mention[] } {
  const withoutBot = typeof activity.text === 'string' ? TurnContext.removeRecipientMention(activity) ?? '' : '';
  return readMentions(withoutBot, activity.entities);
}

interface MentionEntity { type?: unknown; text?: unknown; mentioned?: { id?: unknown; aadObjectId?: unknown } }

function readMentions(text: string, entities: unknown): { text: string; mentions: Mention[] } {
  const mentions: Mention[] = [];
  if (!Array.isArray(entities)) return { text, mentions };
  let out = text;
  for (const entity of entities as MentionEntity[]) {
    if (entity?.type !== 'mention' || typeof entity.text !== 'string' || !out.includes(entity.text)) continue;
    const id = typeof entity.mentioned?.aadObjectId === 'string' ? entity.mentioned.aadObjectId : typeof entity.mentioned?.id === 'string' ? entity.mentioned.id : undefined;
    if (!id || !/^[A-Za-z0-9._:-]{1,100}$/.test(id)) continue;
    const name = entity.text.replace(/<\/?at>/g, '').replace(/\s+/g, ' ').trim().slice(0, 80) || id;
    const display = `@${name}`;
    out = out.split(entity.text).join(display);
    if (!mentions.some((m) => m.userId === id)) mentions.push({ userId: id, display });
  }
  return { text: out, mentions };
}
