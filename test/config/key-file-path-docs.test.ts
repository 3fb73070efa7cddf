import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { localKeyFileFor } from '../../src/crypto/load-data-cipher';
import { parseStoreUrl } from '../../src/storage/open-storage';

// Without ENGAGE_DATA_KEY the bot keeps its key in a file; whoever backs up or moves the data must
// find that file where the documentation says it is (it said data/engage-bot.key, while the
// default SQLite store keeps data/engage-bot.sqlite.key).

const ROOT = join(__dirname, '..', '..');
const shown = (path: string) => relative(process.cwd(), path);
const sqliteKeyFile = shown(localKeyFileFor(parseStoreUrl(loadConfig({}).STORE_URL)));
const serverKeyFile = shown(localKeyFileFor(parseStoreUrl('postgres://db.example/engage')));

test('the code keeps the key beside the default SQLite file, or under data/ for a server store', () => {
  expect([sqliteKeyFile, serverKeyFile]).toEqual(['data/engage-bot.sqlite.key', 'data/engage-bot.key']);
});

test('.env.example gives the key file the code uses for the default store', () => {
  const example = readFileSync(join(ROOT, '.env.example'), 'utf8').replace(/\n# ?/g, ' ');
  expect(example).toContain(`${sqliteKeyFile} for the default STORE_URL`);
  expect(example).toContain(`${serverKeyFile} with PostgreSQL or Redis`);
});

test('no setup document names a key file the code does not use', () => {
  const docs = ['.env.example', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  for (const doc of docs) {
    for (const [path] of readFileSync(join(ROOT, doc), 'utf8').matchAll(/\bdata\/[\w.-]+\.key\b/g)) {
      expect({ doc, path, known: [sqliteKeyFile, serverKeyFile].includes(path) }).toEqual({ doc, path, known: true });
    }
  }
});
