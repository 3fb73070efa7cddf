import { createLogLimiter } from '../../../adapters/http/limit-log-rate';
import { captureLogs } from '../../helpers/slack-harness';

test('each kind logs at most its share a minute, at warn; the next minute says how many were left out', () => {
  let now = 0;
  const logs = captureLogs();
  const limited = createLogLimiter(logs.logger, { perMinute: 3, now: () => now });
  for (let i = 0; i < 50; i++) limited.warn('a.refused', { i }, 'refused');
  limited.warn('b.refused', {}, 'refused');
  now = 61_000;
  limited.warn('a.refused', { i: 99 }, 'refused');
  const lines = logs.text().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  expect(lines.map((l) => [l.event, l.i, l.suppressed])).toEqual([
    ['a.refused', 0, undefined], ['a.refused', 1, undefined], ['a.refused', 2, undefined],
    ['b.refused', undefined, undefined],
    ['a.refused', 99, 47],
  ]);
  expect(lines.every((l) => l.level === 40)).toBe(true);
});
