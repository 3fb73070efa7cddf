import { ConfigError, loadConfig } from '../../../src/config/load-config';
import type { DotEnvResult } from '../../../src/config/load-dot-env';
import { fail, formatCheck, pass, skip, type CheckResult } from './check-result';
import { checkDataKey } from './check-data-key';
import { checkSlack } from './check-slack';
import { checkStore, closeQuietly } from './check-store';
import { checkTeams, MICROSOFT_LOGIN_URL } from './check-teams';

// `engage-bot doctor`: what a volunteer runs when the bot will not start or does not answer. One
// line per check, ✓ / ✗ (– for what does not apply), each saying in plain words what to fix; exit
// code 0 when nothing failed, 1 otherwise. Secrets are never printed.

export interface DoctorOptions {
  env: Record<string, string | undefined>;
  out: NodeJS.WritableStream;
  /** What the CLI found in `.env` (it is read before any command runs). */
  dotEnv?: DotEnvResult;
  /** Microsoft's sign-in service; tests point it at a local stand-in. */
  microsoftLoginUrl?: string;
  /** How long each service may take to answer (ms). */
  timeoutMs?: number;
  cwd?: string;
}

export async function runDoctor({ env, out, dotEnv, microsoftLoginUrl = MICROSOFT_LOGIN_URL, timeoutMs = 10_000, cwd = process.cwd() }: DoctorOptions): Promise<number> {
  const results: CheckResult[] = [];
  const print = (checks: CheckResult[]) => { for (const c of checks) out.write(`${formatCheck(c)}\n`); results.push(...checks); };

  if (dotEnv) print([dotEnvLine(dotEnv)]);
  let config;
  try {
    config = loadConfig(env);
    print([pass('Configuration', 'every variable set is valid.')]);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The other checks need a valid configuration: say what to fix first, and stop.
    print([fail('Configuration', configProblem(err.message))]);
    return finish(out, results);
  }

  const store = await checkStore(config, { timeoutMs });
  print([store.result]);
  try {
    print([await checkDataKey(config, store.storage, cwd)]);
  } finally {
    await closeQuietly(store.storage, timeoutMs);
  }
  const [slack, teams] = await Promise.all([checkSlack(config, { timeoutMs }), checkTeams(config, { timeoutMs, loginUrl: microsoftLoginUrl })]);
  print([...slack, ...teams]);
  if (!config.platforms.slack && !config.platforms.teams) print([skip('Platforms', 'no Slack or Teams credentials: `engage-bot start` opens the local console chat.')]);
  return finish(out, results);
}

/** loadConfig's message on one line: its "fix these variables:" header dropped when a list follows. */
function configProblem(message: string): string {
  const [first, ...rest] = message.split('\n').map((l) => l.trim()).filter(Boolean);
  return rest.length ? `${rest.join('; ')} (fix in .env or the environment; .env.example explains each variable).` : first!;
}

function dotEnvLine({ path, found, applied, overridden }: DotEnvResult): CheckResult {
  if (!found) return skip('.env', `no file at ${path}; only the environment is used (copy .env.example there to start one).`);
  const kept = overridden.length ? `; the environment's own value was kept for ${overridden.join(', ')}` : '';
  return pass('.env', `read ${path}: ${applied.length} variable${applied.length === 1 ? '' : 's'} taken from it${kept}.`);
}

function finish(out: NodeJS.WritableStream, results: CheckResult[]): number {
  const failed = results.filter((r) => r.status === 'fail').length;
  out.write(failed ? `\n${failed} problem${failed > 1 ? 's' : ''} to fix (✗ above).\n` : '\nAll checks passed.\n');
  return failed ? 1 : 0;
}
