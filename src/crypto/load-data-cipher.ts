import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createDataCipher, generateDataKey, parseDataKeys, type DataCipher } from './create-data-cipher';

/**
 * The cipher from ENGAGE_DATA_KEY; without it (development, the local console chat) a key is kept
 * in a file beside the data, readable by the owner only, so `npm start` works with no set-up and
 * nothing is ever stored in clear. Production refuses to start without ENGAGE_DATA_KEY (config).
 */
export function loadDataCipher(configured: string | undefined, localKeyFile: string): DataCipher {
  if (configured) return createDataCipher(parseDataKeys(configured));
  if (!existsSync(localKeyFile)) {
    mkdirSync(dirname(localKeyFile), { recursive: true });
    writeFileSync(localKeyFile, `${generateDataKey()}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(localKeyFile, 0o600);
  return createDataCipher(parseDataKeys(readFileSync(localKeyFile, 'utf8').trim()));
}

/** Where the development key file lives: beside an SQLite file, or under ./data for a server store. */
export const localKeyFileFor = (store: { kind: string; target: string }) =>
  store.kind === 'sqlite' ? `${store.target}.key` : resolve('data', 'engage-bot.key');
