import { parseArgs } from 'node:util';
import { loadCommandCatalog } from '../../src/base/load-command-catalog';
import { buildSlackManifest, SLACK_EVENTS_PATH } from '../slack/build-slack-manifest';
import { checkSlackManifest } from '../slack/check-slack-manifest';

// `engage-bot manifest --url https://host` / `--socket-mode`: the Slack app manifest to paste into
// "Create New App → From a manifest", with every request URL already pointing at this bot. Editing
// manifest.json by hand meant changing the address in several places, and deleting lines for Socket
// Mode left invalid JSON.

export const MANIFEST_USAGE = `engage-bot manifest --url https://your-bot.example.org   Slack sends requests to that address (HTTP mode)
engage-bot manifest --socket-mode                         no public address: Slack connects over a WebSocket
  (both together: Socket Mode, with the address used only for installing in several workspaces)
`;

export class ManifestUrlError extends Error {}

/** The base address every request URL is built on: https, public, no query; no trailing slash. */
export function readBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ManifestUrlError(`"${value}" is not a web address. Give the bot's public address, e.g. --url https://engage-bot.example.org`);
  }
  if (url.protocol !== 'https:') {
    throw new ManifestUrlError(`--url must start with https:// (got ${url.protocol}//…). Slack's requests carry what people type, so this bot accepts only an encrypted address; put it behind HTTPS (a reverse proxy or a tunnel), or use --socket-mode.`);
  }
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(url.hostname)) {
    throw new ManifestUrlError(`--url ${url.hostname} is this computer's own address, which Slack cannot reach. Give the public address (or a tunnel's), or use --socket-mode.`);
  }
  if (url.search || url.hash || url.username || url.password) throw new ManifestUrlError('--url takes the bare address, without ?query, #fragment or user:password@.');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (base.endsWith(SLACK_EVENTS_PATH)) throw new ManifestUrlError(`--url takes the bot's base address, without ${SLACK_EVENTS_PATH} (it is added for you): --url ${base.slice(0, -SLACK_EVENTS_PATH.length)}`);
  return base;
}

/** Prints the manifest as JSON on `out`; returns the exit code. */
export function runManifest(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { url: { type: 'string' }, 'socket-mode': { type: 'boolean' } } }));
  } catch (e) {
    err.write(`${(e as Error).message}\n\n${MANIFEST_USAGE}`);
    return 2;
  }
  const socketMode = values['socket-mode'] === true;
  if (values.url === undefined && !socketMode) {
    err.write(`Say how Slack reaches the bot:\n${MANIFEST_USAGE}`);
    return 2;
  }
  let baseUrl: string | undefined;
  try {
    baseUrl = values.url === undefined ? undefined : readBaseUrl(values.url);
  } catch (e) {
    if (e instanceof ManifestUrlError) { err.write(`${e.message}\n`); return 2; }
    throw e;
  }
  const manifest = buildSlackManifest(loadCommandCatalog(), { socketMode, ...(baseUrl ? { baseUrl } : {}) });
  // Never hand out a manifest Slack would refuse: that is a bug here, not the volunteer's mistake.
  const problems = checkSlackManifest(manifest);
  if (problems.length) {
    err.write(`The generated Slack manifest is invalid (please report this):\n  ${problems.join('\n  ')}\n`);
    return 1;
  }
  out.write(`${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
}
