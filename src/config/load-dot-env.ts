import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// `.env` in the directory the bot is started from (the project folder with `npm start`; the same
// directory relative STORE_URL paths and the data folder are resolved against). Values already in
// the environment win, so a service manager or a shell export can always override the file.
//
// Our own small parser rather than process.loadEnvFile / dotenv: both silently skip a line they
// cannot read, so `SLACK_BOT_TOKEN xoxb-…` (no "=") would simply leave the token unset and the bot
// would start in the wrong mode. Here a malformed line stops start-up with its line number. Error
// messages never repeat a value: the file holds secrets.

export const DOT_ENV_FILE = '.env';

export class DotEnvError extends Error {}

export interface DotEnvResult {
  /** Absolute path of the file looked for. */
  path: string;
  found: boolean;
  /** Variables taken from the file. */
  applied: string[];
  /** Variables in the file that the environment already set (the environment won). */
  overridden: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses .env text: `KEY=value`, `export KEY=value`, '#' comments, single or double quotes. */
export function parseDotEnv(text: string, fileName = DOT_ENV_FILE): Map<string, string> {
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const where = `${fileName} line ${index + 1}`;
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const assignment = line.replace(/^export\s+/, '');
    const eq = assignment.indexOf('=');
    if (eq < 0) throw new DotEnvError(`${where} is not NAME=value (no "=" found). Fix or delete that line.`);
    const key = assignment.slice(0, eq).trim();
    // The text itself is not echoed: a pasted token may sit before the "=".
    if (!KEY.test(key)) throw new DotEnvError(`${where}: the part before "=" is not a variable name (letters, digits and _ only, not starting with a digit).`);
    values.set(key, readValue(assignment.slice(eq + 1).trim(), `${where} (${key})`));
  });
  return values;
}

function readValue(rest: string, where: string): string {
  const quote = rest[0];
  if (quote !== '"' && quote !== "'") {
    // Unquoted: a '#' after a space starts a comment (so "KEY=abc # note" is "abc").
    return rest.replace(/\s+#.*$/, '').trim();
  }
  let value = '';
  for (let i = 1; i < rest.length; i++) {
    const ch = rest[i]!;
    if (ch === quote) {
      const after = rest.slice(i + 1).trim();
      if (after && !after.startsWith('#')) throw new DotEnvError(`${where}: unexpected text after the closing quote.`);
      return value;
    }
    // Double quotes understand \n, \" and \\ (as dotenv does); single quotes take everything as is.
    if (quote === '"' && ch === '\\' && i + 1 < rest.length) {
      const next = rest[++i]!;
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else value += ch;
  }
  throw new DotEnvError(`${where}: the value opens a ${quote === '"' ? 'double' : 'single'} quote that is never closed on that line.`);
}

/**
 * Reads `.env` from `cwd` into `env`, never replacing a variable the environment already has.
 * A missing file is fine; an unreadable or malformed one throws DotEnvError.
 */
export function loadDotEnv({ cwd = process.cwd(), env = process.env }: { cwd?: string; env?: Record<string, string | undefined> } = {}): DotEnvResult {
  const path = resolve(cwd, DOT_ENV_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path, found: false, applied: [], overridden: [] };
    throw new DotEnvError(`${path} could not be read (${code ?? (err as Error).message}).`);
  }
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const [key, value] of parseDotEnv(text, path)) {
    if (env[key] !== undefined) overridden.push(key);
    else {
      env[key] = value;
      applied.push(key);
    }
  }
  return { path, found: true, applied, overridden };
}
