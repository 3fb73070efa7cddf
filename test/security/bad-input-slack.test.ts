import { startSlackTestApp, buttonClick, type SlackTestApp } from '../helpers/slack-harness';
import { hostileString, hostileValue, seededRandom, sometimes } from '../helpers/hostile-inputs';
import { queryKeys } from '../helpers/query-sqlite';

// The Slack side of the bad-input campaign: 1,100 generated malformed or hostile requests, each
// correctly signed so it gets past the signature check into Bolt and the bot. The server never
// answers 5xx, stays up, stores nothing, and mentions in user text never reach Slack unescaped.

const rows = async (file: string) => (await queryKeys(file, "SELECT key FROM engage WHERE key NOT LIKE 'sealed-reply-overflow:%'")).sort();

describe('bad input, Slack', () => {
  let app: SlackTestApp;
  beforeAll(async () => { app = await startSlackTestApp(); });
  afterAll(() => app.close());

  test('1,100 hostile requests: no 5xx, nothing stored, no unescaped mention sent', async () => {
    const rand = seededRandom(3);
    const commands = ['/engage', '/engage-tip', '/engage-remind', '/engage-debrief', '/nope'];
    await app.command('/engage-tip', 'warm up'); // creates the tables
    const before = await rows(app.dbFile);
    const statuses = new Map<number, number>();
    let last: unknown;
    for (let i = 0; i < 1_100; i++) {
      let res: Response;
      const kind = i % 5;
      const str = () => String(sometimes(rand, hostileString(rand)));
      if (kind === 0) {
        res = await app.command(String(sometimes(rand, commands[i % commands.length])), str(), rand() < 0.3 ? { user_id: str(), team_id: str() } : {});
      } else if (kind === 1) {
        const click = buttonClick(app.capture, String(sometimes(rand, 'tip.show')), str(), i) as Record<string, unknown>;
        if (rand() < 0.3) delete click[['user', 'team', 'actions', 'response_url'][Math.floor(rand() * 4)]!];
        if (rand() < 0.3) click.actions = hostileValue(rand);
        last = click;
        res = await app.interact(click);
      } else if (kind === 2) {
        res = await app.interact({
          type: 'view_submission', team: { id: 'T0001' }, user: { id: 'U0001', team_id: 'T0001' }, api_app_id: 'A0001',
          view: { id: `V${i}`, callback_id: sometimes(rand, 'debrief'), private_metadata: hostileValue(rand), state: { values: rand() < 0.5 ? hostileValue(rand) : { company: { value: { type: 'plain_text_input', value: str() } } } } },
        });
      } else if (kind === 3) {
        last = "event " + i;
        res = await app.event({ type: sometimes(rand, 'app_home_opened'), user: sometimes(rand, 'U0001'), tab: sometimes(rand, 'home') as string });
      } else {
        const raw = rand() < 0.5 ? `payload=${encodeURIComponent(hostileString(rand).replace(/[\uD800-\uDFFF]/g, "?"))}` : hostileString(rand);
        res = await app.post(raw, { contentType: rand() < 0.5 ? 'application/json' : 'application/x-www-form-urlencoded', ts: undefined });
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.arrayBuffer();
      expect({ i, status: res.status }).toEqual({ i, status: expect.any(Number) });
      if (res.status >= 500) throw new Error(`case ${i} (kind ${kind}) answered ${res.status} to ${JSON.stringify(last).slice(0, 600)}; logs: ${app.logs().split("\n").filter((l) => /"level":50/.test(l)).slice(-3).join("\n")}`);
    }
    // Still up, still answering properly.
    const ok = await app.command('/engage-tip', 'they want us to sign an NDA');
    expect(ok.status).toBe(200);
    expect(JSON.stringify(await ok.json())).toMatch(/NDA/);
    expect(await rows(app.dbFile)).toEqual(before);
    for (const call of app.capture.calls) expect(JSON.stringify(call.body)).not.toMatch(/(?<!&lt;)<!(channel|here)>/);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  }, 180_000);
});
