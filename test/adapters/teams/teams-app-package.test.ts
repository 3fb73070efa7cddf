import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { loadCommandCatalog } from '../../../src/base/load-command-catalog';
import { buildTeamsManifest, PLACEHOLDER_APP_ID } from '../../../adapters/teams/build-teams-manifest';
import { APP_PACKAGE_DIR, buildTeamsPackage, teamsLocalizations, validateTeamsLocalization, validateTeamsManifest } from '../../../adapters/teams/build-teams-package';
import { promptsDirFor } from '../../../src/base/load-prompts';
import { loadTeamsPrompts } from '../../../adapters/teams/load-teams-prompts';

const committed = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));

test('appPackage/manifest.json matches the command catalog (run `npm run package:teams` after changing prompts/commands.json)', () => {
  expect(committed).toEqual(buildTeamsManifest(loadCommandCatalog(), loadTeamsPrompts()));
  const menu = committed.bots[0].commandLists[0].commands;
  expect(menu.map((c: { title: string }) => c.title)).toEqual([...loadCommandCatalog().map((c) => (c.name === 'engage' ? 'help' : c.name.replace('engage-', ''))), 'home']);
  expect(menu.length).toBeLessThanOrEqual(10);
});

test('a localization file per language, committed, valid for the official schema, with the menu described in that language', async () => {
  const files = teamsLocalizations();
  expect(Object.keys(files).sort()).toEqual(['ar.json', 'es.json', 'fr.json', 'pt.json']);
  expect(committed.localizationInfo.additionalLanguages.map((l: { file: string }) => l.file).sort()).toEqual(Object.keys(files).sort());
  for (const [name, file] of Object.entries(files)) {
    expect(JSON.parse(readFileSync(join(APP_PACKAGE_DIR, name), 'utf8'))).toEqual(file);
    expect(await validateTeamsLocalization(file)).toEqual([]);
    const lang = name.replace('.json', '') as 'es';
    expect((file as Record<string, string>)['bots[0].commandLists[0].commands[1].description']).toBe(loadCommandCatalog(promptsDirFor(lang))[1]!.summary);
  }
  expect(await validateTeamsLocalization({ ...files['es.json'], 'description.short': 'x'.repeat(81) })).not.toEqual([]);
});

test('the manifest is valid against the official Teams schema; a broken one is not', async () => {
  expect(await validateTeamsManifest(committed)).toEqual([]);
  const broken = { ...committed, bots: [{ ...committed.bots[0], commandLists: [{ scopes: ['personal'], commands: Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, description: 'd' })) }] }] };
  expect((await validateTeamsManifest(broken)).join('\n')).toMatch(/must NOT have more than 10 items/);
  expect(await validateTeamsManifest({ ...committed, id: 'not-a-guid' })).not.toEqual([]);
});

test('more than 10 menu commands is refused with a sentence, not silently cut', () => {
  const many = Array.from({ length: 10 }, (_, i) => ({ name: `engage-c${i}`, summary: 'Does a thing', usage: '', examples: ['x'] }));
  expect(() => buildTeamsManifest(many, loadTeamsPrompts())).toThrow(/at most 10 commands/);
});

function readPng(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = buf.readUInt32BE(16), height = buf.readUInt32BE(20), colourType = buf[25];
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at), type = buf.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  // Filter type 0 rows (as written): alpha is every 4th byte after each row's filter byte.
  const alpha = (x: number, y: number) => raw[y * (width * 4 + 1) + 1 + x * 4 + 3];
  return { width, height, colourType, alpha };
}

test('icons: colour 192×192, outline 32×32 with a transparent background and white strokes', () => {
  const color = readPng(readFileSync(join(APP_PACKAGE_DIR, 'color.png')));
  expect([color.width, color.height]).toEqual([192, 192]);
  const outline = readPng(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')));
  expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
  expect(outline.alpha(0, 0)).toBe(0);
  expect(outline.alpha(16, 10)).toBe(255);
});

test('the zip holds the manifest with the real app id and both icons, with privacy and terms links', async () => {
  const appId = '11111111-2222-3333-4444-555555555555';
  const zip = new AdmZip(await buildTeamsPackage({ appId }));
  expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['ar.json', 'color.png', 'es.json', 'fr.json', 'manifest.json', 'outline.png', 'pt.json']);
  const manifest = JSON.parse(zip.readAsText('manifest.json'));
  expect(manifest.id).toBe(appId);
  expect(manifest.bots[0].botId).toBe(appId);
  expect(committed.id).toBe(PLACEHOLDER_APP_ID);
  expect(manifest.developer.privacyUrl).toMatch(/^https:\/\//);
  expect(manifest.developer.termsOfUseUrl).toMatch(/^https:\/\//);
});
