// Bolt trusts the shape of a verified body: `actions: 5` makes it throw, an unknown payload type
// waits for an acknowledgement that never comes. Verified is not well-formed, so the receiver lets
// only the shapes this app listens to reach Bolt and answers the rest at once.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// Slack ids are upper-case letters and digits (T…, U…, W…, E…); anything else is not from Slack.
const isId = (v: unknown) => typeof v === 'string' && /^[A-Z0-9]{1,32}$/.test(v);

export function isHandledSlackShape(body: Record<string, unknown>): boolean {
  if (typeof body.command === 'string') return isId(body.team_id) && isId(body.user_id) && (body.text === undefined || typeof body.text === 'string');
  const user = isObject(body.user) ? body.user : undefined;
  switch (body.type) {
    case 'block_actions':
      return Boolean(user && isId(user.id)) && Array.isArray(body.actions) && body.actions.length > 0 &&
        body.actions.every((a) => isObject(a) && typeof a.action_id === 'string');
    case 'message_action':
      return Boolean(user && isId(user.id)) && typeof body.callback_id === 'string' && typeof body.trigger_id === 'string' &&
        isObject(body.channel) && isId(body.channel.id) && isObject(body.message) &&
        (body.message.text === undefined || typeof body.message.text === 'string') &&
        [body.message_ts, body.message.ts].some((ts) => typeof ts === 'string');
    case 'view_submission':
    case 'view_closed':
      return Boolean(user && isId(user.id)) && isObject(body.view) && typeof body.view.callback_id === 'string';
    case 'event_callback':
      return isObject(body.event) && typeof body.event.type === 'string' && (body.team_id === undefined || isId(body.team_id)) &&
        ['user', 'channel'].every((field) => (body.event as Record<string, unknown>)[field] === undefined || isId((body.event as Record<string, unknown>)[field])) &&
        ['tab', 'event_ts'].every((field) => (body.event as Record<string, unknown>)[field] === undefined || typeof (body.event as Record<string, unknown>)[field] === 'string');
    default:
      return false;
  }
}
