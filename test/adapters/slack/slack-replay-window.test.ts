import type { Clock } from '../../../src/base/clock';
import { NOW_S, startSlackTestApp } from '../../helpers/slack-harness';

// A signature is accepted for 5 minutes either side of its timestamp, so one stamped 5 minutes ahead
// can be sent again until 10 minutes after it was first seen. The replay memory must last that long.

test('a replayed request is refused for the whole 10 minutes its signature stays valid (at 9:59 still)', async () => {
  let now = NOW_S * 1000;
  const clock: Clock = { now: () => new Date(now) };
  const slack = await startSlackTestApp({ clock });
  try {
    const body = new URLSearchParams({ team_id: 'T0001', user_id: 'U0001', command: '/engage', text: '', trigger_id: 't', response_url: `${slack.capture.url}/respond/1` }).toString();
    const ts = NOW_S + 299; // stamped as far ahead as is accepted
    const first = await slack.post(body, { ts });
    expect((await first.json()).blocks.length).toBeGreaterThan(0);

    for (const later of [60, 299, 301, 540, 599]) {
      now = (NOW_S + later) * 1000;
      const again = await slack.post(body, { ts });
      expect([later, again.status, await again.text()]).toEqual([later, 200, '']);
    }
    // An answer with blocks would mean the command ran again; each replay got an empty acknowledgement.
    expect(slack.logs()).toContain('"reason":"replay"');
    // Past 10 minutes the timestamp itself is too old: refused without looking for a replay.
    now = (NOW_S + 600) * 1000;
    expect((await slack.post(body, { ts })).status).toBe(401);
  } finally {
    await slack.close();
  }
});
