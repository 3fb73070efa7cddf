// `npm run manifest`: rewrites manifest.json from the command catalog.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommandCatalog } from '../src/base/load-command-catalog';
import { buildSlackManifest } from '../adapters/slack/build-slack-manifest';

const path = join(__dirname, '..', 'manifest.json');
writeFileSync(path, `${JSON.stringify(buildSlackManifest(loadCommandCatalog()), null, 2)}\n`);
console.log(`wrote ${path}`);
