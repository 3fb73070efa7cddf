/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest'], '/strip-bom/index\\.js$': ['@swc/jest'] },
  // @microsoft/app-manifest (the official Teams manifest schema) requires strip-bom, which is ESM
  // only; jest on Node 20 cannot require ESM, so that one file is compiled like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(@microsoft/app-manifest/node_modules/)?strip-bom/)'],
  // A suite that forgets to close a server or a store should fail loudly, not hang CI.
  testTimeout: 20000,
  // A failing test can skip its own clean-up and leave a database connection open; the run must
  // still end (CI would otherwise wait for its 90-minute limit). With this option Jest prints
  // "Force exiting Jest…" after every run, passing or not: the notice is not a leaked handle.
  forceExit: true,
  // Probes PostgreSQL and Redis once: suites needing a missing server are skipped (CI: fail).
  globalSetup: '<rootDir>/test/helpers/probe-backends.ts',
};
