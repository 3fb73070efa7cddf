// botbuilder trusts the shape of what it is given: an activity without a type, or with a
// conversation that is not an object, makes it throw and answer 500. What cannot be an activity
// is refused with 400 before it reaches the adapter (after authentication, for real requests, the
// adapter would have refused it too; with TEAMS_LOCAL nothing else checks).

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 1_000) => typeof v === 'string' && v.length > 0 && v.length <= max;

export function activityShapeProblem(body: Record<string, unknown>): string | undefined {
  if (!isText(body.type, 64)) return 'an activity needs a type';
  if (!isText(body.serviceUrl) || !/^https?:\/\//.test(String(body.serviceUrl))) return 'an activity needs an http(s) serviceUrl';
  if (!isObject(body.conversation) || !isText(body.conversation.id)) return 'an activity needs a conversation id';
  if (body.from !== undefined && (!isObject(body.from) || !isText(body.from.id))) return 'the sender of an activity needs an id';
  if (body.recipient !== undefined && !isObject(body.recipient)) return 'the recipient of an activity must be an object';
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') return 'the text of an activity must be a string';
  if (body.channelData !== undefined && body.channelData !== null && !isObject(body.channelData)) return 'channelData must be an object';
  return undefined;
}
