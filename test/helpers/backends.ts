import { Socket } from 'node:net';

// The project's machines run PostgreSQL and Redis on 127.0.0.1; .ci/run starts them where they are
// missing. A laptop without them gets one line saying so and the suites count as skipped — except
// in CI, where a missing server is a failure, never a silent skip (see probe-backends.ts).

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether a TCP server answers at the URL's host and port within a second. */
export function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.connect(Number(port), hostname);
  });
}

/** `describe` when the backend answered the global probe, `describe.skip` (reported as skipped) otherwise. */
export function describeWithBackend(name: string): jest.Describe {
  const available = (process.env.ENGAGE_TEST_BACKENDS ?? 'sqlite').split(',');
  return available.includes(name) ? describe : describe.skip;
}
