// `npm run package:teams`: rewrites adapters/teams/appPackage/manifest.json from the command catalog
// (placeholder app id, committed) and writes dist/engage-bot-teams.zip with MICROSOFT_APP_ID in it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommandCatalog } from '../src/base/load-command-catalog';
import { buildTeamsManifest } from '../adapters/teams/build-teams-manifest';
import { loadTeamsPrompts } from '../adapters/teams/load-teams-prompts';
import { APP_PACKAGE_DIR, buildTeamsPackage, teamsLocalizations } from '../adapters/teams/build-teams-package';
import { loadDotEnv } from '../src/config/load-dot-env';

async function main() {
  // The app id and the organisation's links usually sit in .env, as for the bot itself.
  loadDotEnv();
  const manifestPath = join(APP_PACKAGE_DIR, 'manifest.json');
  writeFileSync(manifestPath, `${JSON.stringify(buildTeamsManifest(loadCommandCatalog(), loadTeamsPrompts()), null, 2)}\n`);
  console.log(`wrote ${manifestPath}`);
  for (const [name, file] of Object.entries(teamsLocalizations())) {
    writeFileSync(join(APP_PACKAGE_DIR, name), `${JSON.stringify(file, null, 2)}\n`);
    console.log(`wrote ${join(APP_PACKAGE_DIR, name)}`);
  }
  const appId = process.env.MICROSOFT_APP_ID;
  if (!appId) {
    console.error('Set MICROSOFT_APP_ID (your Azure Bot’s app id) to build the zip, e.g. MICROSOFT_APP_ID=… npm run package:teams');
    process.exitCode = 2;
    return;
  }
  const zipPath = join(__dirname, '..', 'dist', 'engage-bot-teams.zip');
  mkdirSync(join(__dirname, '..', 'dist'), { recursive: true });
  // Whoever hosts the bot is the one people trust with their data: their own pages belong in the app.
  const links = {
    ...(process.env.TEAMS_WEBSITE_URL ? { websiteUrl: process.env.TEAMS_WEBSITE_URL } : {}),
    ...(process.env.TEAMS_PRIVACY_URL ? { privacyUrl: process.env.TEAMS_PRIVACY_URL } : {}),
    ...(process.env.TEAMS_TERMS_URL ? { termsOfUseUrl: process.env.TEAMS_TERMS_URL } : {}),
  };
  writeFileSync(zipPath, await buildTeamsPackage({ appId, ...links }));
  console.log(`wrote ${zipPath} — upload it in Teams: Apps › Manage your apps › Upload an app`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 1;
});
