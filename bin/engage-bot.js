#!/usr/bin/env node
// Runs dist/engage-bot.js, the bundle of the TypeScript sources (scripts/build-bundle.js), rebuilt
// first when a source changed; stack traces point at the .ts files through its source map.
process.setSourceMapsEnabled(true);
const bundle = require('../scripts/build-bundle.js').ensureBundle();
require(bundle).main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { console.error(err && err.message ? err.message : err); process.exitCode = 1; },
);
