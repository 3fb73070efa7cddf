/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // A suite that forgets to close a server or a store should fail loudly, not hang CI.
  testTimeout: 20000,
  // Probes PostgreSQL and Redis once: suites needing a missing server are skipped (CI: fail).
  globalSetup: '<rootDir>/test/helpers/probe-backends.ts',
};
