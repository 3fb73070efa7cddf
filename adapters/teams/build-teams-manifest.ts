import type { CommandSpec } from '../../src/base/load-command-catalog';
import { HELP_COMMAND } from './parse-teams-text';
import type { TeamsPrompts } from './load-teams-prompts';
import { LANGUAGES, type Lang } from '../../src/base/language';

// The Teams app manifest, generated from the command catalog so the command menu can never drift
// from what the bot answers (a test compares it with appPackage/manifest.json). The committed file
// carries a placeholder app id; `npm run package:teams` puts the real MICROSOFT_APP_ID in the zip.

export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
export const MANIFEST_SCHEMA = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
/** Teams shows at most 10 commands per command list. */
export const MAX_MENU_COMMANDS = 10;

export interface ManifestOptions {
  appId?: string;
  version?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

const APP_NAME = 'engage-bot';
export const LOCALIZATION_SCHEMA = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json';
export const localizationFile = (lang: Lang) => `${lang}.json`;

/** The command menu: each catalog command and home, with the words a person types (the same in every language). */
function menuCommands(catalog: readonly CommandSpec[], prompts: TeamsPrompts) {
  return [
    ...catalog.map((c) => ({ title: teamsCommandWord(c.name), description: c.summary })),
    { title: 'home', description: prompts.homeCommand },
  ];
}

/** One language's strings for the manifest (a Teams localization file): the app's details and the menu's descriptions. */
export function buildTeamsLocalization(catalog: readonly CommandSpec[], prompts: TeamsPrompts) {
  const described = Object.fromEntries(menuCommands(catalog, prompts).map((c, i) => [`bots[0].commandLists[0].commands[${i}].description`, c.description]));
  return {
    $schema: LOCALIZATION_SCHEMA,
    'name.short': APP_NAME,
    'name.full': prompts.appNameFull,
    'description.short': prompts.appDescriptionShort,
    'description.full': prompts.appDescriptionFull,
    ...described,
  };
}

/** What a person types in Teams for a catalog command: "engage-tip" → "tip", "engage" → "help". */
export const teamsCommandWord = (name: string) => (name === HELP_COMMAND ? 'help' : name.replace(/^engage-/, ''));

export function buildTeamsManifest(catalog: readonly CommandSpec[], prompts: TeamsPrompts, opts: ManifestOptions = {}) {
  const {
    appId = PLACEHOLDER_APP_ID,
    version = '0.1.0',
    websiteUrl = 'https://github.com/engage-bot/engage-bot',
    privacyUrl = 'https://github.com/engage-bot/engage-bot/blob/main/PRIVACY.md',
    termsOfUseUrl = 'https://github.com/engage-bot/engage-bot/blob/main/TERMS.md',
  } = opts;
  const commands = menuCommands(catalog, prompts);
  if (commands.length > MAX_MENU_COMMANDS) {
    throw new Error(`The Teams command menu holds at most ${MAX_MENU_COMMANDS} commands; prompts/commands.json has ${catalog.length} (plus "home").`);
  }
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: '1.19',
    version,
    id: appId,
    developer: { name: 'engage-bot contributors', websiteUrl, privacyUrl, termsOfUseUrl },
    name: { short: APP_NAME, full: prompts.appNameFull },
    description: { short: prompts.appDescriptionShort, full: prompts.appDescriptionFull },
    // Teams shows the app's details and its command menu in the client's language from these files.
    localizationInfo: {
      defaultLanguageTag: 'en-us',
      additionalLanguages: LANGUAGES.filter((l) => l !== 'en').map((l) => ({ languageTag: l, file: localizationFile(l) })),
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#1D4E5F',
    bots: [
      {
        botId: appId,
        scopes: ['personal', 'team', 'groupChat'],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [{ scopes: ['personal', 'team', 'groupChat'], commands }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
}
