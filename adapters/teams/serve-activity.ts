import type { ServerResponse } from 'node:http';
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../../src/base/logger';
import type { RouteHandler } from '../http/create-http-server';
import { answerJson } from '../http/answer-json';
import { readJsonObject } from '../http/read-body';
import { createLogLimiter } from '../http/limit-log-rate';
import { logFailure } from '../shared/log-failure';
import { activityShapeProblem } from './check-activity-shape';

/** Activities are small; anything bigger is not from the Bot Framework. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * CloudAdapter without its HTTP layer. Its process() prints every refused request to stderr with
 * console.error (a stack trace, not JSON) and answers with the error's own message (a fetch error
 * naming internal URLs, for a forged token). The route below does that part itself, and this runs
 * the rest exactly as process() does: authenticate, then the turn.
 */
export class TeamsAdapter extends CloudAdapter {
  serve(authHeader: string, activity: Record<string, unknown>, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, withDates(activity), logic);
  }
}

/**
 * POST /api/messages: the body read (capped) and its shape checked, then authentication and the
 * turn, answered with the invoke response when there is one. An inbound request not answered
 * within `timeoutMs` gets 503.
 */
export function createActivityRoute(adapter: TeamsAdapter, logic: TurnLogic, logger: Logger, timeoutMs: number): RouteHandler {
  // Anyone can post a malformed activity or a forged token: those lines come at a rate.
  const limited = createLogLimiter(logger);
  return async (req, res) => {
    // Too large, or cut short (by the client, or by the shared server's deadline): a BodyError the server answers.
    const body = await readJsonObject(req, { limit: MAX_ACTIVITY_BYTES });
    const problem = activityShapeProblem(body);
    if (problem) {
      limited.warn('teams.refused', { reason: 'bad_shape' }, 'Teams request refused');
      answerJson(res, 400, { error: problem });
      return;
    }
    // Token validation fetches OpenID metadata with no timeout of its own: never hang the caller.
    const timer = setTimeout(() => answerJson(res, 503, { error: 'timed out' }), timeoutMs);
    try {
      answerTurn(res, await adapter.serve(String(req.headers.authorization ?? ''), body, logic));
    } catch (err) {
      if (!(err instanceof AuthenticationError)) {
        logFailure(logger, 'teams.failed', err, 'Teams request failed');
        answerJson(res, 500, { error: 'internal' });
        return;
      }
      // Which check failed stays in the log (its class only); the caller learns nothing more.
      const cause = (err as { cause?: Error }).cause?.name;
      limited.warn('teams.refused', { reason: 'unauthorized', ...(cause ? { cause } : {}) }, 'Teams request refused');
      answerJson(res, 401, { error: 'unauthorized' });
    } finally {
      clearTimeout(timer);
    }
  };
}

function answerTurn(res: ServerResponse, answer: InvokeResponse | undefined): void {
  if (answer?.body !== undefined) answerJson(res, answer.status, answer.body);
  else if (!res.headersSent) res.writeHead(answer?.status ?? 200).end();
}

/** What process() does to a body before a turn (botbuilder's validateAndFixActivity, not exported). */
function withDates(body: Record<string, unknown>): Activity {
  const activity = body as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
