import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { loadCommandCatalog } from '../../src/base/load-command-catalog';
import { findPackageRoot } from '../../src/base/package-root';
import { buildTeamsLocalization, buildTeamsManifest, localizationFile, type ManifestOptions } from './build-teams-manifest';
import { loadTeamsPrompts } from './load-teams-prompts';
import { LANGUAGES, type Lang } from '../../src/base/language';
import { promptsDirFor } from '../../src/base/load-prompts';

export const APP_PACKAGE_DIR = join(findPackageRoot(), 'adapters', 'teams', 'appPackage');

/** Checks a manifest against the official schema shipped in @microsoft/app-manifest (offline). */
export async function validateTeamsManifest(manifest: { manifestVersion: string }): Promise<string[]> {
  const schemaPath = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema);
}

/**
 * A localization file checked against its official schema (shipped in @microsoft/app-manifest), with
 * the validator that package uses. Its own helper compiles patterns as Unicode regular expressions,
 * which one pattern of this schema is not ("…\\b]\\.description$": a lone bracket), so it throws.
 */
export async function validateTeamsLocalization(file: object): Promise<string[]> {
  const schemaPath = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', 'v1.19', 'MicrosoftTeams.Localization.schema.json');
  const validate = new Ajv({ unicodeRegExp: false, strict: false, allErrors: true, logger: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  return validate(file) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}

/** Each language's localization file (es.json, fr.json, …), by file name. */
export function teamsLocalizations(): Record<string, object> {
  const others = LANGUAGES.filter((l): l is Exclude<Lang, 'en'> => l !== 'en');
  return Object.fromEntries(others.map((lang) => [localizationFile(lang), buildTeamsLocalization(loadCommandCatalog(promptsDirFor(lang)), loadTeamsPrompts(promptsDirFor(lang)))]));
}

/** The zip people upload to Teams: manifest.json with the real app id, a localization file per language, and both icons. */
export async function buildTeamsPackage(opts: ManifestOptions & { appId: string }): Promise<Buffer> {
  const manifest = buildTeamsManifest(loadCommandCatalog(), loadTeamsPrompts(), opts);
  const problems = await validateTeamsManifest(manifest);
  if (problems.length) throw new Error(`The Teams manifest does not match the official schema:\n  ${problems.join('\n  ')}`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const [name, file] of Object.entries(teamsLocalizations())) {
    const wrong = await validateTeamsLocalization(file);
    if (wrong.length) throw new Error(`The Teams localization ${name} does not match the official schema:\n  ${wrong.join('\n  ')}`);
    zip.addFile(name, Buffer.from(`${JSON.stringify(file, null, 2)}\n`));
  }
  for (const icon of [manifest.icons.color, manifest.icons.outline]) zip.addFile(icon, readFileSync(join(APP_PACKAGE_DIR, icon)));
  return zip.toBuffer();
}
