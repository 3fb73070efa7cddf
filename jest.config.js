// Two projects, both run by `npm test`: `unit` is the fast loop (`npm run test:unit`), `system` the
// suites that exercise whole processes and real servers (`npm run test:system`). Those scripts end
// in `--forceExit` (already set below) only to close `--selectProjects`, which would otherwise take
// a path given after it (`npm run test:unit -- test/tip`) for a project name and run every suite.
//
// The rule for `system`: a suite that starts the bot or another node as a child process (it runs the
// esbuild bundle of every source, so any unfinished edit elsewhere breaks it), kills one with SIGKILL,
// runs a fleet of instances, drives a bench-sized load, or spends its time waiting on real servers
// and real clocks rather than on our code. Everything else is `unit`. A suite is listed here by
// path; a new test file is `unit` unless it is added below.
const SYSTEM_SUITES = [
  'test/multi-instance/**/*.test.ts', // three instances on one PostgreSQL / Redis, one SIGKILLed
  'test/remind/restart-after-sigkill.test.ts', // spawns `engage-bot start`, SIGKILLs it, restarts it
  'test/storage/sqlite-instance-lock.test.ts', // spawns a lock holder and SIGKILLs it
  'test/adapters/cli/cli.test.ts', // spawns bin/engage-bot.js for each command
  'test/adapters/cli/cli-dot-env.test.ts', // spawns bin/engage-bot.js in a directory with a .env
  'test/adapters/slack/slack-manifest-command.test.ts', // spawns `engage-bot manifest`
  // Delivery on SQLite, PostgreSQL and Redis waiting out real claim expiries, and 10,000 stored
  // reminders for the per-tick cost: the longest suite outside the fleets.
  'test/remind/deliver-due-reminders.test.ts',
].map((glob) => `**/${glob}`); // `**/`, not <rootDir>: Jest does not expand <rootDir> after a `!`

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest'], '/strip-bom/index\\.js$': ['@swc/jest'] },
  // @microsoft/app-manifest (the official Teams manifest schema) requires strip-bom, which is ESM
  // only; jest on Node 20 cannot require ESM, so that one file is compiled like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(@microsoft/app-manifest/node_modules/)?strip-bom/)'],
};

const TEST_FILES = '**/test/**/*.test.ts';

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: [TEST_FILES, ...SYSTEM_SUITES.map((glob) => `!${glob}`)] },
    { ...shared, displayName: 'system', testMatch: SYSTEM_SUITES },
  ],
  // Global options (Jest reads them once for the whole run, not per project):
  // A suite that forgets to close a server or a store should fail loudly, not hang CI. Global, not
  // in `shared`: Jest 30's test runner (jest-circus) reads only the global value and silently
  // ignores a project's testTimeout.
  testTimeout: 20000,
  // A failing test can skip its own clean-up and leave a database connection open; the run must
  // still end (CI would otherwise wait for its 90-minute limit). With this option Jest prints
  // "Force exiting Jest…" after every run, passing or not: the notice is not a leaked handle.
  forceExit: true,
  // Probes PostgreSQL and Redis once per run, whichever projects are selected: suites needing a
  // missing server are skipped (CI: fail).
  globalSetup: '<rootDir>/test/helpers/probe-backends.ts',
};
