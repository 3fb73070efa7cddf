import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config/load-config';
import { createHttpServer, listen } from '../../adapters/http/create-http-server';
import { mountSlack } from '../../adapters/slack/mount-slack';
import type { PlatformMount } from '../../adapters/platform-mount';
import type { Bot } from '../../src/bot/create-bot';
import type { AssembledBot } from '../../src/bot/assemble-bot';
import type { Logger } from '../../src/base/logger';
import type { Clock } from '../../src/base/clock';
import { makeTestBot } from './make-test-bot';

// Everything real but Slack itself: the real Bolt app on the real HTTP server, signed requests with
// real HMACs, and a local capture server answering as slack.com/api and as response_url.

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const NOW_ISO = '2026-11-25T09:00:00Z';
export const NOW_S = Math.floor(Date.parse(NOW_ISO) / 1000);

export interface Captured {
  path: string;
  /** The Web API method (path after /api/) or "respond" for response_url posts. */
  method: string;
  headers: IncomingMessage['headers'];
  body: Record<string, any>;
  /** The body as it came (a file upload's bytes, which the form parsing above would mangle). */
  raw: string;
}

type ApiAnswer = { status?: number; headers?: Record<string, string>; body: unknown };

/** A stand-in for slack.com/api: records every call, answers `{ok:true}` unless told otherwise. */
export async function startCaptureServer() {
  const calls: Captured[] = [];
  const answers = new Map<string, ApiAnswer | ((c: Captured) => ApiAnswer)>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = String(req.headers['content-type'] ?? '');
      let body: Record<string, any> = {};
      if (type.startsWith('application/json')) body = raw ? JSON.parse(raw) : {};
      else body = Object.fromEntries(new URLSearchParams(raw));
      // The Web API client sends nested arguments (blocks, view) as JSON strings inside the form.
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && /^[[{]/.test(v)) { try { body[k] = JSON.parse(v); } catch { /* plain text */ } }
      const path = (req.url ?? '').split('?')[0]!;
      const method = path.startsWith('/api/') ? path.slice(5) : 'respond';
      const call = { path, method, headers: req.headers, body, raw };
      calls.push(call);
      const configured = answers.get(method);
      const answer = typeof configured === 'function' ? configured(call) : configured ?? defaultAnswer(method, body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    answer(method: string, a: ApiAnswer | ((c: Captured) => ApiAnswer)) { answers.set(method, a); },
    of: (method: string) => calls.filter((c) => c.method === method),
    /** Waits until `n` calls of `method` arrived (listeners finish after the HTTP answer). */
    async waitFor(method: string, n = 1, ms = 3000) {
      const until = Date.now() + ms;
      while (calls.filter((c) => c.method === method).length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} ${method} call(s), saw ${calls.filter((c) => c.method === method).length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return calls.filter((c) => c.method === method);
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
export type CaptureServer = Awaited<ReturnType<typeof startCaptureServer>>;

function defaultAnswer(method: string, body: Record<string, any>): ApiAnswer {
  switch (method) {
    case 'auth.test': return { body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'engage-bot' } };
    case 'users.info': return { body: { ok: true, user: { id: body.user, tz: 'Africa/Nairobi' } } };
    case 'chat.postMessage': return { body: { ok: true, channel: body.channel, ts: '1795597200.000100' } };
    default: return { body: { ok: true } };
  }
}

/** Logs captured as text so a test can search them for what must never appear. */
export function captureLogs(): { logger: Logger; text: () => string } {
  let out = '';
  const sink = new Writable({ write(chunk, _enc, done) { out += chunk.toString(); done(); } });
  return { logger: pino({ level: 'debug' }, sink), text: () => out };
}

export interface SlackTestApp {
  url: string;
  capture: CaptureServer;
  mount: PlatformMount;
  bot: AssembledBot;
  logs: () => string;
  /** The SQLite file behind the bot, for tests that check what was (not) stored. */
  dbFile: string;
  /** POSTs a signed request to /slack/events; `ts` defaults to the app's clock's now (the fixed NOW_S without one). */
  post(body: string, opts?: { contentType?: string; ts?: number; signature?: string | null; secret?: string }): Promise<Response>;
  command(command: string, text: string, extra?: Record<string, string>): Promise<Response>;
  interact(payload: unknown): Promise<Response>;
  event(event: Record<string, unknown>, extra?: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export function sign(secret: string, ts: number, body: string) {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

/** `clock`: the bot's (and the receiver's) clock; a fixed 09:00 UTC on 2026-11-25 by default. */
export async function startSlackTestApp(opts: { env?: Record<string, string>; wrapBot?: (bot: AssembledBot) => Bot; apiAnswers?: Record<string, ApiAnswer>; clock?: Clock } = {}): Promise<SlackTestApp> {
  const capture = await startCaptureServer();
  for (const [method, answer] of Object.entries(opts.apiAnswers ?? {})) capture.answer(method, answer);
  const testBot = makeTestBot(opts.clock ? { clock: opts.clock } : {});
  const bot: AssembledBot = opts.wrapBot ? { ...testBot.bot, ...opts.wrapBot(testBot.bot) } : testBot.bot;
  const logs = captureLogs();
  const config = loadConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: capture.apiUrl, ...opts.env });
  let mount: PlatformMount;
  try {
    mount = await mountSlack({ config, bot, logger: logs.logger, storage: testBot.storage });
  } catch (err) {
    await capture.close();
    await testBot.close();
    throw err;
  }
  const server = createHttpServer(logs.logger, mount.routes);
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  await mount.start?.();
  let seq = 0;

  const post: SlackTestApp['post'] = (body, o = {}) => {
    const ts = o.ts ?? (opts.clock ? Math.floor(opts.clock.now().getTime() / 1000) : NOW_S);
    const headers: Record<string, string> = {
      // Exactly this content type: with a charset suffix Bolt (and Slack) would not send it.
      'content-type': o.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
    };
    if (o.signature !== null) headers['x-slack-signature'] = o.signature ?? sign(o.secret ?? SIGNING_SECRET, ts, body);
    return fetch(`${url}/slack/events`, { method: 'POST', headers, body });
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  return {
    url,
    capture,
    mount,
    bot,
    logs: logs.text,
    dbFile: testBot.url.slice('sqlite://'.length),
    post,
    command(command, text, extra = {}) {
      seq += 1;
      return post(form({
        token: 'legacy', team_id: 'T0001', team_domain: 'ngo', channel_id: 'C0001', channel_name: 'advocacy',
        user_id: 'U0001', user_name: 'amina', command, text, api_app_id: 'A0001', is_enterprise_install: 'false',
        response_url: `${capture.url}/respond/${seq}`, trigger_id: `trigger-${seq}`, ...extra,
      }));
    },
    interact(payload) {
      return post(form({ payload: JSON.stringify(payload) }));
    },
    event(event, extra = {}) {
      seq += 1;
      return post(JSON.stringify({
        token: 'legacy', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: `Ev${seq}`, event_time: NOW_S,
        event: { event_ts: `${NOW_S}.000${seq}`, ...event }, ...extra,
      }), { contentType: 'application/json' });
    },
    async close() {
      await mount.stop();
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
      await capture.close();
      await testBot.close();
    },
  };
}

/** A block_actions payload as Slack sends it for a button on an ephemeral message (in `channel`). */
export function buttonClick(capture: CaptureServer, actionId: string, value: string, n = 1, channel = 'C0001') {
  return {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'ngo' },
    user: { id: 'U0001', team_id: 'T0001', username: 'amina' },
    api_app_id: 'A0001',
    token: 'legacy',
    container: { type: 'message', message_ts: '1795597200.000200', channel_id: channel, is_ephemeral: true },
    trigger_id: `trigger-click-${n}`,
    channel: { id: channel, name: channel === 'C0001' ? 'advocacy' : 'elsewhere' },
    response_url: `${capture.url}/respond/click-${n}`,
    actions: [{ action_id: actionId, block_id: 'b1', type: 'button', value, action_ts: `${NOW_S}.1` }],
  };
}

/** A message_action payload as Slack sends it when someone picks a message shortcut from a message's "…" menu. */
export function messageShortcut(capture: CaptureServer, callbackId: string, text: string, n = 1) {
  return {
    type: 'message_action',
    token: 'legacy',
    action_ts: `${NOW_S}.2`,
    team: { id: 'T0001', domain: 'ngo' },
    user: { id: 'U0001', name: 'amina', username: 'amina', team_id: 'T0001' },
    channel: { id: 'C0001', name: 'advocacy' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: `trigger-shortcut-${n}`,
    response_url: `${capture.url}/respond/shortcut-${n}`,
    message_ts: '1795597100.000300',
    message: { type: 'message', user: 'U0002', ts: '1795597100.000300', text, team: 'T0001' },
  };
}

type Answers = Record<string, string | string[] | undefined>;

/** The option of a choice input whose value is `value`: a test can only pick what the modal offers. */
function optionOf(block: any, value: string) {
  const option = (block.element.options ?? []).find((o: any) => o.value === value);
  if (!option) throw new Error(`the modal's "${block.block_id}" offers no "${value}"`);
  return option;
}

/** One input's state as Slack reports it for its element type; null (or no options) when unanswered. */
function inputState(block: any, answer: string | string[] | undefined): Record<string, unknown> {
  const one = Array.isArray(answer) ? answer[0] : answer;
  switch (block.element.type) {
    case 'plain_text_input': return { value: one ?? null };
    case 'datepicker': return { selected_date: one ?? null };
    case 'timepicker': return { selected_time: one ?? null };
    case 'radio_buttons':
    case 'static_select': return { selected_option: one ? optionOf(block, one) : null };
    case 'multi_static_select': return { selected_options: (Array.isArray(answer) ? answer : one ? [one] : []).map((v) => optionOf(block, v)) };
    default: throw new Error(`no state for a ${block.element.type} input`);
  }
}

/**
 * A view_submission as Slack sends it for a modal the app opened: every input block reported,
 * answered from `answers` by block id. An answer for a field the modal lacks is a mistake in the test.
 */
export function viewSubmission(view: any, answers: Answers, user = 'U0001') {
  const inputs = (view.blocks as any[]).filter((b) => b.type === 'input');
  const missing = Object.keys(answers).filter((id) => !inputs.some((b) => b.block_id === id));
  if (missing.length) throw new Error(`the modal has no input for: ${missing.join(', ')}`);
  const values = Object.fromEntries(inputs.map((b) => [b.block_id, { [b.element.action_id]: { type: b.element.type, ...inputState(b, answers[b.block_id]) } }]));
  return {
    type: 'view_submission',
    team: { id: 'T0001', domain: 'ngo' },
    user: { id: user, team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy',
    trigger_id: `trigger-submit-${view.callback_id}`,
    view: { id: 'V1', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values }, hash: 'h' },
  };
}

/** The buttons of a Block Kit message as { action (the core's id), slackActionId, value, label }. */
export function slackButtons(blocks: any[] | undefined) {
  return (blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements)
    .map((e: any) => ({ action: String(e.action_id).replace(/~\d+$/, ''), slackActionId: e.action_id as string, value: e.value as string, label: e.text?.text as string }));
}
