import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommandCatalog } from '../../../src/base/load-command-catalog';
import { buildSlackManifest } from '../../../adapters/slack/build-slack-manifest';

test('manifest.json matches the command catalog (run `npm run manifest` after changing prompts/commands.json)', () => {
  const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'manifest.json'), 'utf8'));
  expect(committed).toEqual(buildSlackManifest(loadCommandCatalog()));
  expect(committed.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/engage', '/engage-tip', '/engage-remind', '/engage-prep', '/engage-debrief', '/engage-company']);
});
