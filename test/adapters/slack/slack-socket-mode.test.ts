import { WebSocketServer, type WebSocket } from 'ws';
import { startSlackTestApp, type SlackTestApp } from '../../helpers/slack-harness';

// Socket Mode for organisations without a public URL: apps.connections.open at the capture server
// hands out a local WebSocket; envelopes arrive there and are acknowledged over the same socket.

let wss: WebSocketServer;
let socket: Promise<WebSocket>;
let slack: SlackTestApp | undefined;

beforeEach(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  socket = new Promise((resolve) => wss.once('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' }, debug_info: { host: 'local' } }));
    resolve(ws);
  }));
});
afterEach(async () => {
  await slack?.close();
  for (const client of wss.clients) client.terminate();
  await new Promise((r) => wss.close(r));
});

test('a slash command over Socket Mode is answered in the envelope acknowledgement; no HTTP route is exposed', async () => {
  const { port } = wss.address() as { port: number };
  slack = await startSlackTestApp({
    env: { SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-test' },
    apiAnswers: { 'apps.connections.open': { body: { ok: true, url: `ws://127.0.0.1:${port}/link` } } },
  });
  expect(Object.keys(slack.mount.routes)).toEqual([]);
  const ws = await socket;
  const acked = new Promise<any>((resolve) => ws.on('message', (data) => resolve(JSON.parse(String(data)))));
  ws.send(JSON.stringify({
    envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true,
    payload: { team_id: 'T0001', user_id: 'U0001', command: '/engage-tip', text: 'list', channel_id: 'C0001', trigger_id: 't', response_url: 'http://127.0.0.1:9/r', api_app_id: 'A0001' },
  }));
  const ack = await acked;
  expect(ack.envelope_id).toBe('env-1');
  expect(ack.payload.response_type).toBe('ephemeral');
  expect(ack.payload.blocks.length).toBeGreaterThan(0);
  expect(slack.capture.of('apps.connections.open')[0]!.headers.authorization).toBe('Bearer xapp-1-test');
});
