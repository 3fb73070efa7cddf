import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { DotEnvError, loadDotEnv, parseDotEnv } from '../../src/config/load-dot-env';

const ROOT = join(__dirname, '..', '..');
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'engage-dotenv-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('.env is read at start-up', () => {
  test('NAME=value, export, comments, quotes and escapes', () => {
    const parsed = parseDotEnv([
      '# a comment',
      '',
      'PORT=4000',
      'export HOST = 127.0.0.1  ',
      'LOG_LEVEL=warn # trailing comment',
      'REMINDER_SWEEP_CRON="*/5 * * * *"',
      "SLACK_SIGNING_SECRET='a#b\\n'",
      'SLACK_STATE_SECRET="line\\nbreak \\"quoted\\""',
      'SLACK_CLIENT_ID=',
      'PORT=4001',
    ].join('\r\n'));
    expect(Object.fromEntries(parsed)).toEqual({
      PORT: '4001', // the last one wins, as in dotenv and Node's own parser
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REMINDER_SWEEP_CRON: '*/5 * * * *',
      SLACK_SIGNING_SECRET: 'a#b\\n',
      SLACK_STATE_SECRET: 'line\nbreak "quoted"',
      SLACK_CLIENT_ID: '',
    });
  });

  test('the environment wins over the file; the file fills the rest', () => {
    writeFileSync(join(dir, '.env'), 'PORT=4000\nSTORE_URL=memory://\nLOG_LEVEL=debug\n');
    const env: Record<string, string | undefined> = { PORT: '5000', LOG_LEVEL: '' };
    const result = loadDotEnv({ cwd: dir, env });
    expect(env).toEqual({ PORT: '5000', STORE_URL: 'memory://', LOG_LEVEL: '' });
    expect(result).toEqual({ path: join(dir, '.env'), found: true, applied: ['STORE_URL'], overridden: ['PORT', 'LOG_LEVEL'] });
  });

  test('no .env is fine', () => {
    const env = {};
    expect(loadDotEnv({ cwd: dir, env })).toEqual({ path: join(dir, '.env'), found: false, applied: [], overridden: [] });
    expect(env).toEqual({});
  });

  test.each([
    ['a line without "="', 'PORT=1\nSLACK_BOT_TOKEN xoxb-secret-123\n', /line 2 is not NAME=value/],
    ['a quote never closed', 'SLACK_BOT_TOKEN="xoxb-secret-123\n', /line 1 \(SLACK_BOT_TOKEN\): the value opens a double quote that is never closed/],
    ['text after the closing quote', "SLACK_BOT_TOKEN='xoxb-secret-123' extra\n", /line 1 \(SLACK_BOT_TOKEN\): unexpected text after the closing quote/],
    ['a name that is not a variable name', 'xoxb-secret-123=1\n', /line 1: the part before "=" is not a variable name/],
  ])('a malformed file is a clear error naming the line, never the value: %s', (_name, text, message) => {
    writeFileSync(join(dir, '.env'), text);
    const env = {};
    expect(() => loadDotEnv({ cwd: dir, env })).toThrow(DotEnvError);
    expect(() => loadDotEnv({ cwd: dir, env })).toThrow(message);
    try { loadDotEnv({ cwd: dir, env }); } catch (err) { expect((err as Error).message).not.toContain('secret-123'); }
    expect(env).toEqual({});
  });

  test('a .env that cannot be read (a directory) is an error, not silence', () => {
    mkdirSync(join(dir, '.env'));
    expect(() => loadDotEnv({ cwd: dir, env: {} })).toThrow(/could not be read \(EISDIR\)/);
  });

  test('.env.example copied to .env parses, and changes nothing until filled in (bar the Teams app type)', () => {
    const example = Object.fromEntries(parseDotEnv(readFileSync(join(ROOT, '.env.example'), 'utf8')));
    const { MICROSOFT_APP_TYPE, ...rest } = loadConfig(example);
    const { MICROSOFT_APP_TYPE: defaultType, ...defaults } = loadConfig({});
    expect(rest).toEqual(defaults);
    // New Azure bots are single-tenant (Microsoft stopped creating multi-tenant ones on 31 July 2025).
    expect([MICROSOFT_APP_TYPE, defaultType]).toEqual(['SingleTenant', 'MultiTenant']);
    // Empty means unset: the console chat keeps its quiet default log level.
    expect(example.LOG_LEVEL).toBe('');
  });
});
