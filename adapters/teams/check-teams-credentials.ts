import type { Logger } from '../../src/base/logger';
import { logFailure } from '../shared/log-failure';
import type { TeamsAuth } from './create-teams-auth';

// Readiness: the bot's own token must have been fetched once (nothing to fetch with auth off).
// Start-up does not wait on Microsoft's login service; /readyz says when it answered, and after
// refused credentials asks again now and then, so a network blip at start-up heals.

/** After refused credentials, /readyz asks Microsoft again at most this often. */
const RECHECK_CREDENTIALS_MS = 60_000;

export interface CredentialsCheck {
  /** Starts the first check, not waiting for it. */
  start(): void;
  /** Why Teams cannot take traffic yet, or undefined. */
  problem(): string | undefined;
}

export function createCredentialsCheck(auth: Pick<TeamsAuth, 'checkCredentials'>, logger: Logger, { local, timeoutMs }: { local: boolean; timeoutMs: number }): CredentialsCheck {
  let problem: string | undefined = local ? undefined : 'teams credentials not checked yet';
  let checkedAt = -Infinity;
  let checking: Promise<void> | undefined;
  const check = () => {
    checkedAt = performance.now();
    checking ??= withTimeout(auth.checkCredentials(), timeoutMs).then(
      () => { problem = undefined; logger.info({ event: 'teams.credentials_accepted' }, 'Teams credentials accepted'); },
      (err) => {
        problem = 'teams credentials not accepted';
        logFailure(logger, 'teams.credentials_refused', err, 'Teams credentials were not accepted: check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID');
      },
    ).finally(() => { checking = undefined; });
    return checking;
  };
  return {
    start() { if (problem) void check(); },
    problem() {
      if (problem && !checking && performance.now() - checkedAt >= RECHECK_CREDENTIALS_MS) void check();
      return problem;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
