#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the bin works right after `npm install` with no build step.
require('tsx/cjs');
require('../adapters/cli/run-cli.ts').main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { console.error(err && err.message ? err.message : err); process.exitCode = 1; },
);
