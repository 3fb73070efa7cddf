import { connect } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer, listen } from '../../../adapters/http/create-http-server';
import { captureLogs, startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from '../teams/teams-harness';

// Slack's and Teams' routes read bodies the same way (adapters/http/read-body.ts) on the one shared
// server: a deadline of the bot's own, a client that gives up is a warning and not an error, lines
// a stranger can cause come at a rate, and media types are read without regard to case.

const DEADLINE_MS = 300;
let slack: SlackTestApp;
let teams: TeamsHarness;
let capture: CaptureServer;
let server: Server;
let port: number;
const serverLogs = captureLogs();
const teamsLogs = captureLogs();

beforeAll(async () => {
  slack = await startSlackTestApp();
  capture = await startCaptureServer();
  teams = await startTeams(undefined, undefined, teamsLogs.logger);
  server = createHttpServer(serverLogs.logger, { ...slack.mount.routes, ...teams.mount.routes }, { requestDeadlineMs: DEADLINE_MS });
  port = await listen(server, 0, '127.0.0.1');
});
afterAll(async () => {
  await new Promise((r) => { server.closeAllConnections(); server.close(r); });
  await teams.close();
  await capture.close();
  await slack.close();
});

const lines = (text: string) => text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
const allLines = () => [...lines(serverLogs.text()), ...lines(teamsLogs.text()), ...lines(slack.logs())];

/** Sends the headers and the first bytes of a body promised to be longer; then `then` (wait, or hang up). */
function partialBody(path: string, then: 'wait' | 'hang-up'): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":`);
      if (then === 'hang-up') setTimeout(() => socket.destroy(), 50);
    });
    socket.on('data', (d) => { answer += d.toString(); });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
  });
}

test.each([['/slack/events'], ['/api/messages']])('%s: a body still arriving at the deadline is answered 408 and the connection closed', async (path) => {
  const { answer, ms } = await partialBody(path, 'wait');
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(ms).toBeLessThan(DEADLINE_MS + 2000);
}, 10_000);

test.each([['/slack/events'], ['/api/messages']])('%s: a client that hangs up mid-body leaves a warning, never an error line', async (path) => {
  await partialBody(path, 'hang-up');
  const until = Date.now() + 2000;
  while (!serverLogs.text().includes(path) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  const refused = allLines().filter((l) => l.event === 'http.body_refused' && l.route === `POST ${path}`);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused[0]).toMatchObject({ level: 40, problem: 'incomplete' });
  expect(allLines().filter((l) => l.level >= 50)).toEqual([]);
});

test('a flood of refused requests logs at most 10 lines of each kind a minute', async () => {
  for (let i = 0; i < 30; i++) {
    await (await slack.post('command=%2Fengage-tip&text=x', { signature: 'v0=forged' })).arrayBuffer();
    await (await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' })).arrayBuffer();
  }
  const count = (event: string) => allLines().filter((l) => l.event === event).length;
  expect(count('slack.refused')).toBe(10);
  expect(count('teams.refused')).toBe(10);
  expect(allLines().filter((l) => l.level >= 50)).toEqual([]);
});

test('media types are read case-insensitively, with or without a charset', async () => {
  const command = await slack.post(new URLSearchParams({ command: '/engage-tip', text: 'list', team_id: 'T0001', user_id: 'U0001', channel_id: 'C0001', response_url: `${slack.capture.url}/respond/x`, trigger_id: 't' }).toString(), { contentType: 'Application/X-WWW-Form-Urlencoded; Charset=UTF-8' });
  expect(command.status).toBe(200);
  expect(JSON.stringify(await command.json())).toMatch(/blocks/);
  const challenge = await slack.post(JSON.stringify({ type: 'url_verification', challenge: 'c-123' }), { contentType: 'Application/JSON; charset=UTF-8' });
  expect(await challenge.json()).toEqual({ challenge: 'c-123' });
  const activity = await fetch(teams.url, { method: 'POST', headers: { 'content-type': 'Application/JSON; Charset=UTF-8' }, body: JSON.stringify(teamsMessage(capture.url, 'tip nda')) });
  expect(activity.status).toBe(200);
});
