import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Config } from '../../../src/config/load-config';
import { createDataCipher, DataCipherError, parseDataKeys, type DataCipher } from '../../../src/crypto/create-data-cipher';
import { localKeyFileFor } from '../../../src/crypto/load-data-cipher';
import { parseStoreUrl, type Storage } from '../../../src/storage/open-storage';
import { fail, pass, type CheckResult } from './check-result';
import { allSealedStores } from '../sealed-store-names';

// The encryption key: present (ENGAGE_DATA_KEY, or the development key file beside the data), valid,
// able to seal and open a value — and able to open what is already stored. The last part reads the
// first value of each sealed store only (a sample, not a scan: `engage-bot rotate-key` reads all),
// which catches the costly mistake: a new key set while the data was sealed with the old one.
// Unlike `start`, the doctor never creates a key file.

const LABEL = 'Encryption key';

class NoKey extends Error {}
/** Stands in when there is no key at all, to find out whether anything sealed is stored. */
const noKeyCipher: DataCipher = { activeKeyId: '', seal: () => { throw new NoKey(); }, open: () => { throw new NoKey(); }, isStale: () => false };

export async function checkDataKey(config: Config, storage: Storage | undefined, cwd = process.cwd()): Promise<CheckResult> {
  let cipher: DataCipher | undefined;
  let source: string;
  const keyFile = localKeyFileFor(parseStoreUrl(config.STORE_URL));
  const shownFile = relative(cwd, keyFile) || keyFile;
  if (config.ENGAGE_DATA_KEY) {
    const keys = parseDataKeys(config.ENGAGE_DATA_KEY); // loadConfig has already refused a bad one
    cipher = createDataCipher(keys);
    source = `ENGAGE_DATA_KEY holds ${keys.length} key${keys.length > 1 ? 's' : ''}; new values are sealed with "${cipher.activeKeyId}"`;
  } else if (existsSync(keyFile)) {
    try {
      cipher = createDataCipher(parseDataKeys(readFileSync(keyFile, 'utf8').trim()));
    } catch (err) {
      return fail(LABEL, `the development key file ${shownFile} does not hold a valid key (${(err as Error).message}). If data was sealed with it, restore it from a backup; set ENGAGE_DATA_KEY for production.`);
    }
    source = `no ENGAGE_DATA_KEY, so the development key file ${shownFile} is used (set ENGAGE_DATA_KEY before production)`;
  } else {
    source = `no ENGAGE_DATA_KEY and no key file yet: \`engage-bot start\` creates a development key file at ${shownFile} (set ENGAGE_DATA_KEY before production)`;
  }

  if (cipher) {
    const context = { tenant: 'doctor', record: 'probe' };
    if (cipher.open(cipher.seal('probe', context), context) !== 'probe') return fail(LABEL, 'a test value sealed with the key did not open again; please report this.');
  }
  const stored = storage ? await openFirstStored(storage, cipher ?? noKeyCipher) : 'not-read';
  if (stored === 'ok' || stored === 'empty' || stored === 'not-read') {
    const tested = cipher ? '; a test value was sealed and opened' : '';
    const data = stored === 'ok' ? ', and stored data opens with it' : '';
    return pass(LABEL, `${source}${tested}${data}.`);
  }
  if (stored instanceof NoKey) {
    return fail(LABEL, `the store holds encrypted data, but there is no ENGAGE_DATA_KEY and no key file at ${shownFile}: restore the key file (or set ENGAGE_DATA_KEY to the key that sealed the data). A new key cannot read it.`);
  }
  const unknownKey = /sealed with key "([^"]+)"/.exec(stored.message)?.[1];
  if (unknownKey) {
    const where = config.ENGAGE_DATA_KEY ? 'ENGAGE_DATA_KEY' : `the key file ${shownFile}`;
    return fail(LABEL, `stored data was sealed with key "${unknownKey}", which is not in ${where}: add that key back after the new one (new:KEY,${unknownKey}:OLDKEY), run \`engage-bot rotate-key\`, and only then remove it.`);
  }
  return fail(LABEL, `a stored value does not open with the configured key (${stored.message}): the key with that id is not the one that sealed the data.`);
}

/** 'ok' when the first value of each sealed store opens, 'empty' when nothing is stored, else the error. */
async function openFirstStored(storage: Storage, cipher: DataCipher): Promise<'ok' | 'empty' | 'not-read' | Error> {
  let seen = false;
  for (const store of allSealedStores(storage, cipher)) {
    try {
      for await (const _entry of store.entries()) {
        seen = true;
        break;
      }
    } catch (err) {
      if (err instanceof NoKey || err instanceof DataCipherError) return err;
      if (/cannot list keys/.test((err as Error).message)) return 'not-read';
      throw err;
    }
  }
  return seen ? 'ok' : 'empty';
}
