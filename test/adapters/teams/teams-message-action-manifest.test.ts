import { loadCommandCatalog } from '../../../src/base/load-command-catalog';
import { buildTeamsLocalization, buildTeamsManifest, MESSAGE_ACTIONS } from '../../../adapters/teams/build-teams-manifest';
import { teamsLocalizations, validateTeamsLocalization, validateTeamsManifest } from '../../../adapters/teams/build-teams-package';
import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';

// The message actions in the Teams manifest: two action commands on messages that fetch their dialog
// from the bot, named in each language's localization file; and the permission that lets a
// meeting's end reach the bot. Both checked against the official schemas.

test('the compose extension holds both message actions, fetched from the bot; the meeting permission is asked for', async () => {
  const words = loadTeamsPrompts().messageActions;
  const m = buildTeamsManifest(loadCommandCatalog(), loadTeamsPrompts(), { appId: '11111111-2222-3333-4444-555555555555' });
  expect(m.composeExtensions).toEqual([{
    botId: '11111111-2222-3333-4444-555555555555',
    commands: [
      { id: 'remind-message', type: 'action', context: ['message'], fetchTask: true, title: words.remindTitle, description: words.remindDescription },
      { id: 'record-message', type: 'action', context: ['message'], fetchTask: true, title: words.recordTitle, description: words.recordDescription },
    ],
  }]);
  expect(m.composeExtensions[0]!.commands.map((c) => c.id)).toEqual([...MESSAGE_ACTIONS]);
  expect(m.authorization.permissions.resourceSpecific).toContainEqual({ name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' });
  expect(m.webApplicationInfo.id).toBe('11111111-2222-3333-4444-555555555555');
  expect(await validateTeamsManifest(m)).toEqual([]);
});

test('every language names the message actions in its localization file, within the schema’s limits', async () => {
  for (const [name, file] of Object.entries(teamsLocalizations()) as [string, Record<string, string>][]) {
    expect(file['composeExtensions[0].commands[0].title']).toEqual(expect.any(String));
    expect(file['composeExtensions[0].commands[1].description']).toEqual(expect.any(String));
    expect(await validateTeamsLocalization(file)).toEqual([]);
    expect(name).toMatch(/^(es|fr|pt|ar)\.json$/);
  }
  const long = buildTeamsLocalization(loadCommandCatalog(), { ...loadTeamsPrompts(), messageActions: { ...loadTeamsPrompts().messageActions, recordTitle: 'x'.repeat(33) } });
  expect(await validateTeamsLocalization(long)).not.toEqual([]);
});
