import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/base/logger';
import { routeConsoleToLog } from '../../adapters/http/route-console-to-log';
import { teamsCommandWord } from '../../adapters/teams/build-teams-manifest';
import { startCaptureServer, startTeams, teamsMessage, type CaptureServer, type TeamsHarness } from '../adapters/teams/teams-harness';

// The Teams side of no-text-in-logs.test.ts: a marker string planted in every message, button,
// form answer and malformed activity that reaches the real Teams adapter, with the bot, the adapter
// and botbuilder's console output all logging at debug level, must never show up in the logs.

const MARKER = 'ZQXMARKER7731';
let logs = '';
let capture: CaptureServer;
let teams: TeamsHarness;
let restoreConsole: () => void;

beforeAll(async () => {
  const sink = new PassThrough();
  sink.on('data', (d) => { logs += d.toString(); });
  const logger = createLogger('debug', sink);
  restoreConsole = routeConsoleToLog(logger);
  capture = await startCaptureServer();
  teams = await startTeams({ TEAMS_LOCAL: '1' }, {}, logger, { logger });
});
afterAll(async () => {
  restoreConsole();
  await teams.close();
  await capture.close();
});

const cardsSince = (before: number): any[] => capture.requests.slice(before).map((r) => r.body?.attachments?.[0]?.content).filter(Boolean);
const execute = (data: unknown, verb: string) => teams.post(teamsMessage(capture.url, '', { type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb, data } } }));

test('no message text, button value or form answer reaches the logs in Teams turns', async () => {
  const cards: any[] = [];
  const say = async (text: string, extra: Record<string, unknown> = {}) => {
    const before = capture.requests.length;
    await (await teams.post(teamsMessage(capture.url, text, extra))).arrayBuffer();
    cards.push(...cardsSince(before));
  };
  for (const command of teams.bot.bot.catalog) {
    const word = teamsCommandWord(command.name);
    for (const example of command.examples) await say(`${word} ${example} ${MARKER}`);
    await say(`${word} ${MARKER}`);
  }
  await say(MARKER);
  await say(`/${MARKER} now`);
  await say(`debrief Acme ${MARKER} with <at>${MARKER}</at>`, { entities: [{ type: 'mention', text: `<at>${MARKER}</at>`, mentioned: { id: `29:${MARKER}`, name: MARKER, aadObjectId: MARKER } }] });

  // Every button and form those answers carried, pressed as sent and tampered with.
  for (const card of [...cards]) {
    const actions = [...card.body.filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions), ...(card.actions ?? [])];
    for (const action of actions) {
      const inner = action.data.engage;
      if (inner.kind === 'action') {
        await (await execute(action.data, action.verb)).arrayBuffer();
        await (await execute({ engage: { ...inner, value: `${inner.value}${MARKER}` } }, action.verb)).arrayBuffer();
      } else {
        const answers = Object.fromEntries(inner.form.fields.map((f: any) => [f.id, f.options?.[0]?.value ?? `${MARKER} answer`]));
        await (await execute({ ...action.data, ...answers }, action.verb)).arrayBuffer();
        await (await execute({ ...action.data, ...Object.fromEntries(inner.form.fields.map((f: any) => [f.id, MARKER])) }, action.verb)).arrayBuffer();
        // Action.Submit: the same as a message value.
        await (await teams.post(teamsMessage(capture.url, '', { text: undefined, replyToId: 'card-1', value: { ...action.data, ...answers } }))).arrayBuffer();
      }
    }
  }

  // Malformed activities, a body that is not JSON, a turn whose reply fails, removal and install.
  await (await teams.post(teamsMessage(capture.url, MARKER, { entities: MARKER, locale: { MARKER } }))).arrayBuffer();
  await (await fetch(teams.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"text":"${MARKER}"` })).arrayBuffer();
  capture.failWith(500);
  await say(`tip ${MARKER}`);
  await say('', { type: 'installationUpdate', action: 'add', text: undefined, conversation: { id: 'a:new', conversationType: 'personal', tenantId: 'tenant-1111', name: MARKER } });
  await say('', { type: 'installationUpdate', action: 'remove', text: undefined, conversation: { id: 'a:new', conversationType: 'personal', tenantId: 'tenant-1111', name: MARKER } });

  expect(cards.length).toBeGreaterThan(10);
  expect(logs).toMatch(/"level":20/); // debug logging really ran
  expect(logs).toMatch(/teams\.turn_failed/); // and the failure path with it
  expect(logs).not.toContain(MARKER);
}, 60_000);
