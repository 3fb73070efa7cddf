import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { loadCommandCatalog } from '../../src/base/load-command-catalog';
import { findPackageRoot } from '../../src/base/package-root';
import { buildTeamsManifest, type ManifestOptions } from './build-teams-manifest';
import { loadTeamsPrompts } from './load-teams-prompts';

export const APP_PACKAGE_DIR = join(findPackageRoot(), 'adapters', 'teams', 'appPackage');

/** Checks a manifest against the official schema shipped in @microsoft/app-manifest (offline). */
export async function validateTeamsManifest(manifest: { manifestVersion: string }): Promise<string[]> {
  const schemaPath = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema);
}

/** The zip people upload to Teams: manifest.json with the real app id, and both icons. */
export async function buildTeamsPackage(opts: ManifestOptions & { appId: string }): Promise<Buffer> {
  const manifest = buildTeamsManifest(loadCommandCatalog(), loadTeamsPrompts(), opts);
  const problems = await validateTeamsManifest(manifest);
  if (problems.length) throw new Error(`The Teams manifest does not match the official schema:\n  ${problems.join('\n  ')}`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const icon of [manifest.icons.color, manifest.icons.outline]) zip.addFile(icon, readFileSync(join(APP_PACKAGE_DIR, icon)));
  return zip.toBuffer();
}
