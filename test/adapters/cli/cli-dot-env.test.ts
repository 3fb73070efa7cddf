import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataKey } from '../../../src/crypto/create-data-cipher';

// The bin, run from a folder holding a .env, as a volunteer runs it: every command reads that file.

const BIN = join(__dirname, '..', '..', '..', 'bin', 'engage-bot.js');
let dir: string;
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input: '', encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30000 });

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'engage-cli-env-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('start reads .env from the folder it runs in; the real environment wins', () => {
  writeFileSync(join(dir, '.env'), 'PORT=not-a-port\n');
  const fromFile = run(['start']);
  expect(fromFile.status).toBe(2);
  expect(fromFile.stderr).toMatch(/PORT/);
  // PORT from the environment overrides the file's: now the missing credentials are the problem.
  const overridden = run(['start'], { PORT: '0', STORE_URL: `sqlite://${join(dir, 'x.sqlite')}` });
  expect(overridden.status).toBe(2);
  expect(overridden.stderr).not.toMatch(/PORT/);
  expect(overridden.stderr).toMatch(/no Slack or Teams credentials/);
});

test('a malformed .env stops every command with its line number', () => {
  writeFileSync(join(dir, '.env'), '# settings\nSLACK_BOT_TOKEN xoxb-not-shown\n');
  for (const command of ['start', 'doctor', 'rotate-key']) {
    const r = run([command]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.env line 2 is not NAME=value/);
    expect(r.stderr).not.toContain('xoxb-not-shown');
  }
});

test('doctor sees what .env sets, and exits 0 when every check passes', () => {
  const key = generateDataKey();
  writeFileSync(join(dir, '.env'), `STORE_URL=sqlite://${join(dir, 'from-dotenv.sqlite')}\nENGAGE_DATA_KEY=k1:${key}\n`);
  const r = run(['doctor']);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^✓ \.env: read .*\.env: 2 variables taken from it\.$/m);
  expect(r.stdout).toMatch(/^✓ Store: sqlite:\/\/.*from-dotenv\.sqlite works/m);
  expect(r.stdout).toMatch(/^✓ Encryption key: ENGAGE_DATA_KEY holds 1 key; new values are sealed with "k1"/m);
  expect(r.stdout).not.toContain(key);
  expect(r.status).toBe(0);
});
