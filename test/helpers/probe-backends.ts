import { reachable, TEST_POSTGRES_URL, TEST_REDIS_URL } from './backends';

// Jest globalSetup: probes PostgreSQL and Redis once, before any test file loads, so suites can be
// declared skipped (reported as skipped, never as passed) when a server is missing on a laptop.
// In CI (CI set, as .ci/run does) a missing server fails the run instead.

export default async function probeBackends(): Promise<void> {
  const found: string[] = ['sqlite'];
  for (const [name, label, url] of [['postgres', 'PostgreSQL', TEST_POSTGRES_URL], ['redis', 'Redis', TEST_REDIS_URL]] as const) {
    if (await reachable(url)) { found.push(name); continue; }
    if (process.env.CI) throw new Error(`${label} is not reachable at ${url} in CI: .ci/run should have started it`);
    console.warn(`\n${label} not reachable at ${url}: its suites are reported as skipped on this machine`);
  }
  process.env.ENGAGE_TEST_BACKENDS = found.join(',');
}
