import type { AppsManifestCreateArguments } from '@slack/web-api';
import { loadCommandCatalog } from '../../../src/base/load-command-catalog';
import { buildSlackManifest, MESSAGE_SHORTCUTS } from '../../../adapters/slack/build-slack-manifest';
import { checkSlackManifest } from '../../../adapters/slack/check-slack-manifest';
import { loadSlackPrompts } from '../../../adapters/slack/load-slack-prompts';

// The message shortcuts in the Slack app manifest: named from prompts/slack.json, each callback_id
// one of the core's shortcut names, within the limits Slack enforces when the manifest is pasted.

test('both message shortcuts are declared with their words, over the interactivity URL, and the manifest passes the check', () => {
  const words = loadSlackPrompts();
  for (const options of [{ baseUrl: 'https://bot.example.net' }, { socketMode: true }]) {
    const m = buildSlackManifest(loadCommandCatalog(), options);
    expect(m.features.shortcuts).toEqual([
      { type: 'message', callback_id: 'remind-message', name: words.remindMessageName, description: words.remindMessageDescription },
      { type: 'message', callback_id: 'record-message', name: words.recordMessageName, description: words.recordMessageDescription },
    ]);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(checkSlackManifest(m)).toEqual([]);
    const typed: AppsManifestCreateArguments['manifest'] = m;
    expect(typed.features?.shortcuts).toHaveLength(MESSAGE_SHORTCUTS.length);
  }
});

test('what Slack would refuse in a shortcut is named', () => {
  const m = buildSlackManifest(loadCommandCatalog(), { baseUrl: 'https://bot.example.net' });
  const [remind] = m.features.shortcuts;
  const broken = (shortcuts: unknown, interactivity: unknown = m.settings.interactivity) =>
    checkSlackManifest({ ...m, features: { ...m.features, shortcuts }, settings: { ...m.settings, interactivity } });
  expect(broken([{ ...remind, name: 'Add to an engagement record' }])).toEqual(['features.shortcuts[0].name must be text of 1 to 24 characters']);
  expect(broken([{ ...remind, description: 'x'.repeat(151) }])).toEqual(['features.shortcuts[0].description must be text of 1 to 150 characters']);
  expect(broken([{ ...remind, type: 'menu' }])).toEqual(['features.shortcuts[0].type must be "message" or "global"']);
  expect(broken([remind, remind])).toEqual(['features.shortcuts[1].callback_id remind-message is used twice']);
  expect(broken(Array.from({ length: 11 }, (_, i) => ({ ...remind, callback_id: `s${i}` })))).toEqual(['features.shortcuts must list 1 to 10 shortcuts']);
  expect(broken([remind], { is_enabled: false })).toEqual(['features.shortcuts need settings.interactivity.is_enabled: true']);
});
