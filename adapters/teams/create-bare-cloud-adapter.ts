import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { readJsonObject } from '../http/read-body';
import { toBotRequest, toBotResponse } from './bridge-node-http';
import { MAX_ACTIVITY_BYTES } from './serve-activity';

// The reference the Teams benchmarks measure the bot against (not part of the bot): botbuilder's
// CloudAdapter as its samples set it up, auth off, behind the bot's minimal body/response bridge,
// answering every activity with `reply`; `auth` swaps in another authentication (the bot's own, to
// measure the SDK with its shared clients). It lives here because every botbuilder import does (a
// move to the SDK's successor touches this folder only).
export function createBareCloudAdapter(reply: string | Partial<Activity> = 'ok', auth = new ConfigurationBotFrameworkAuthentication({})) {
  const adapter = new CloudAdapter(auth);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJsonObject(req, { limit: MAX_ACTIVITY_BYTES });
    await adapter.process(toBotRequest(req, body), toBotResponse(res), async (ctx) => { await ctx.sendActivity(reply); });
  };
}
