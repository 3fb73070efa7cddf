// Teams writes a mention as "<at>Name</at>" in the text and names the person in `entities`. The
// core reads mentions in one neutral form, "<@USERID>" (Slack's own), with the same user id the
// Teams actor carries (the Entra object id), so a debrief can invite the people mentioned.

interface MentionEntity { type?: unknown; text?: unknown; mentioned?: { id?: unknown; aadObjectId?: unknown } }

export function mentionsToIds(text: string, entities: unknown): string {
  if (!Array.isArray(entities)) return text;
  let out = text;
  for (const entity of entities as MentionEntity[]) {
    if (entity?.type !== 'mention' || typeof entity.text !== 'string') continue;
    const id = typeof entity.mentioned?.aadObjectId === 'string' ? entity.mentioned.aadObjectId : typeof entity.mentioned?.id === 'string' ? entity.mentioned.id : undefined;
    if (!id || !/^[A-Za-z0-9._:-]{1,100}$/.test(id)) continue;
    out = out.split(entity.text).join(`<@${id}>`);
  }
  return out;
}
