import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { assembleBot } from '../../src/bot/assemble-bot';
import { createDataCipher, generateDataKey, parseDataKeys } from '../../src/crypto/create-data-cipher';
import { openStorage } from '../../src/storage/open-storage';
import { formatTipsForHumans, searchTips } from './print-tips';
import { startBot } from '../start-bot';
import { runRotateKey } from './rotate-key';
import { renderText } from '../console/render-text';
import { DotEnvError, loadDotEnv, type DotEnvResult } from '../../src/config/load-dot-env';
import { runManifest } from './print-slack-manifest';
import { runDoctor } from './doctor/run-doctor';
import { consoleLocale } from '../console/run-console';
import { LANGUAGES, isLang, languageOfLocale } from '../../src/base/language';

const USAGE = `engage-bot — advice from BSR's guide to engaging technology companies, in Slack, Teams or a local chat

Usage:
  engage-bot start                     start the bot (local console chat when no Slack/Teams credentials are set)
  engage-bot tip [options] [QUERY...]  search the guide from the command line ("tip list": its contents)
      --json        print a JSON array of {id, kind, title, label, lang, section, page, score}
      --lang XX     answer in en, es, fr, pt or ar (default: the question's language, else LANG)
      --limit N     how many results (default 3, at most 50)
      --stdin       read one query per line; print one JSON array per line
  engage-bot rotate-key                re-seal stored debriefs with the first key in ENGAGE_DATA_KEY
  engage-bot doctor                    check the configuration and that the credentials, store and key work
  engage-bot manifest --url https://…  print the Slack app manifest for a bot at that address
  engage-bot manifest --socket-mode    print the Slack app manifest for Socket Mode (no public address)
  engage-bot help                      this text

Settings come from the environment and from .env in the current directory (the environment wins).
`;

const COMMANDS = ['tip', 'start', 'rotate-key', 'doctor', 'manifest'];

/** Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  // Every command sees .env, read once here, before any configuration is: start, doctor, rotate-key.
  let dotEnv: DotEnvResult;
  try {
    dotEnv = loadDotEnv({ env: process.env });
  } catch (err) {
    if (err instanceof DotEnvError) { process.stderr.write(`${err.message}\n`); return 2; }
    throw err;
  }
  switch (command) {
    case 'tip':
      return runTip(rest);
    case 'start':
      return startBot({ env: process.env, stdin: process.stdin, stdout: process.stdout });
    case 'rotate-key':
      return runRotateKey(process.env, process.stdout, process.stderr);
    case 'doctor':
      return runDoctor({ env: process.env, out: process.stdout, dotEnv });
    case 'manifest':
      return runManifest(rest, process.stdout, process.stderr);
  }
  return 2; // not reached: COMMANDS lists exactly the cases above
}

async function runTip(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, stdin: { type: 'boolean' }, limit: { type: 'string' }, lang: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const limit = parsed.values.limit === undefined ? 3 : Number(parsed.values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    process.stderr.write('--limit takes a whole number from 1 to 50.\n');
    return 2;
  }
  const lang = parsed.values.lang;
  if (lang !== undefined && !isLang(lang)) {
    process.stderr.write(`--lang takes one of ${LANGUAGES.join(', ')}.\n`);
    return 2;
  }
  const locale = lang ?? consoleLocale(process.env);
  const fallback = languageOfLocale(locale) ?? 'en';
  // Searching stores nothing; the in-memory store and its throwaway key end with the process.
  const bot = assembleBot({ storage: openStorage('memory://'), cipher: createDataCipher(parseDataKeys(generateDataKey())) });
  if (parsed.values.stdin) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) process.stdout.write(`${JSON.stringify(searchTips(bot, line, limit, lang, fallback))}\n`);
    return 0;
  }
  const query = parsed.positionals.join(' ').trim();
  // No question, "list [part]" or an item id: the same answer the chat gives, as text.
  if (!parsed.values.json && (!query || /^list\b/i.test(query) || bot.parts.guide.get(query.toLowerCase()))) {
    const reply = await bot.handleCommand({ actor: { platform: 'console', tenantId: 'local', userId: 'cli', ...(locale ? { locale } : {}) }, command: 'engage-tip', text: query });
    process.stdout.write(`${renderText(reply).text.replace(/\n\s*\[\d+\].*$/gm, '')}\n`);
    return 0;
  }
  const results = searchTips(bot, query, limit, lang, fallback);
  process.stdout.write(parsed.values.json ? `${JSON.stringify(results)}\n` : `${formatTipsForHumans(bot, results, lang ?? fallback)}\n`);
  return 0;
}
