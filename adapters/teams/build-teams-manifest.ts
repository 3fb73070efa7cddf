import type { CommandSpec } from '../../src/base/load-command-catalog';
import { HELP_COMMAND } from './parse-teams-text';
import type { TeamsWords } from './load-teams-prompts';
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
/** Teams requires webApplicationInfo.resource for resource-specific permissions but does not use it; the bot signs nobody in. */
const RSC_RESOURCE = 'https://RscPermission';
export const LOCALIZATION_SCHEMA = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json';
export const localizationFile = (lang: Lang) => `${lang}.json`;

/** The command menu: each catalog command and home, with the words a person types (the same in every language). */
function menuCommands(catalog: readonly CommandSpec[], prompts: TeamsWords) {
  return [
    ...catalog.map((c) => ({ title: teamsCommandWord(c.name), description: c.summary })),
    { title: 'home', description: prompts.homeCommand },
  ];
}

/** The message actions' ids are the core's shortcut names (IncomingShortcut.shortcut). */
export const MESSAGE_ACTIONS = ['remind-message', 'record-message'] as const;

/** "…" on a message → the action: Teams asks the bot for the dialog (fetchTask), then sends its answers (submitAction). */
function messageActions(prompts: TeamsWords) {
  const words = prompts.messageActions;
  return [
    { id: MESSAGE_ACTIONS[0], title: words.remindTitle, description: words.remindDescription },
    { id: MESSAGE_ACTIONS[1], title: words.recordTitle, description: words.recordDescription },
  ].map((a) => ({ ...a, type: 'action', context: ['message'], fetchTask: true }));
}

/** One language's strings for the manifest (a Teams localization file): the app's details, the menu's descriptions, the message actions. */
export function buildTeamsLocalization(catalog: readonly CommandSpec[], prompts: TeamsWords) {
  const described = Object.fromEntries(menuCommands(catalog, prompts).map((c, i) => [`bots[0].commandLists[0].commands[${i}].description`, c.description]));
  const actions = Object.fromEntries(messageActions(prompts).flatMap((a, i) => [
    [`composeExtensions[0].commands[${i}].title`, a.title],
    [`composeExtensions[0].commands[${i}].description`, a.description],
  ]));
  return {
    $schema: LOCALIZATION_SCHEMA,
    'name.short': APP_NAME,
    'name.full': prompts.appNameFull,
    'description.short': prompts.appDescriptionShort,
    'description.full': prompts.appDescriptionFull,
    ...described,
    ...actions,
  };
}

/** What a person types in Teams for a catalog command: "engage-tip" → "tip", "engage" → "help". */
export const teamsCommandWord = (name: string) => (name === HELP_COMMAND ? 'help' : name.replace(/^engage-/, ''));

export function buildTeamsManifest(catalog: readonly CommandSpec[], prompts: TeamsWords, opts: ManifestOptions = {}) {
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
    composeExtensions: [{ botId: appId, commands: messageActions(prompts) }],
    permissions: ['identity', 'messageTeamMembers'],
    // A meeting's end reaches the bot in the meeting's chat only with this resource-specific permission,
    // which Teams asks for when the app is added to a meeting (and reads with the app's id from webApplicationInfo).
    authorization: { permissions: { resourceSpecific: [{ name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' }] } },
    webApplicationInfo: { id: appId, resource: RSC_RESOURCE },
    validDomains: [],
  };
}
