import type { CommandSpec } from '../../src/base/load-command-catalog';
import { HELP_COMMAND } from './parse-teams-text';
import type { TeamsPrompts } from './load-teams-prompts';

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
  const commands = [
    ...catalog.map((c) => ({ title: teamsCommandWord(c.name), description: c.summary })),
    { title: 'home', description: prompts.homeCommand },
  ];
  if (commands.length > MAX_MENU_COMMANDS) {
    throw new Error(`The Teams command menu holds at most ${MAX_MENU_COMMANDS} commands; prompts/commands.json has ${catalog.length} (plus "home").`);
  }
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: '1.19',
    version,
    id: appId,
    developer: { name: 'engage-bot contributors', websiteUrl, privacyUrl, termsOfUseUrl },
    name: { short: 'engage-bot', full: 'engage-bot: engaging tech companies on human rights' },
    description: {
      short: 'Advice from BSR’s guide to engaging tech companies on human rights',
      full:
        'engage-bot brings the guide “Effective Engagement with Technology Companies” (BSR, 2024), a guide for civil society, into Teams. Describe a situation in everyday words and get the practical tip that fits it, cited to the guide’s section and page. Built for civil-society organisations that engage with technology companies on human-rights issues. Nothing you type is written to the bot’s logs.',
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
