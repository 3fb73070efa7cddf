import { ConfigError, loadConfig } from '../../src/config/load-config';
import { openStorage, parseStoreUrl, StorageUrlError } from '../../src/storage/open-storage';
import { InstanceLockedError, lockSqliteInstance } from '../../src/storage/lock-sqlite-instance';
import { loadDataCipher, localKeyFileFor } from '../../src/crypto/load-data-cipher';
import { allSealedStores } from './sealed-store-names';

/**
 * `engage-bot rotate-key`: re-seals every stored value with the first key of ENGAGE_DATA_KEY.
 * Run it after putting the new key first (`new:KEY,old:KEY`); once it reports nothing left on the
 * old key, the old key can be removed. On SQLite it refuses to run beside a running bot.
 */
export async function runRotateKey(env: Record<string, string | undefined>, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) { err.write(`${e.message}\n`); return 2; }
    throw e;
  }
  let store;
  try {
    store = parseStoreUrl(config.STORE_URL);
  } catch (e) {
    if (e instanceof StorageUrlError) { err.write(`${e.message}\n`); return 2; }
    throw e;
  }
  let lock;
  try {
    if (store.kind === 'sqlite') lock = await lockSqliteInstance(store.target);
  } catch (e) {
    if (e instanceof InstanceLockedError) { err.write('The bot is running on this SQLite file: stop it, then run rotate-key again.\n'); return 2; }
    throw e;
  }
  const storage = openStorage(config.STORE_URL);
  try {
    const cipher = loadDataCipher(config.ENGAGE_DATA_KEY, localKeyFileFor(store));
    let resealed = 0;
    for (const store of allSealedStores(storage, cipher)) {
      const result = await store.rotate();
      out.write(`${store.name}: ${result.resealed} of ${result.total} re-sealed with key "${cipher.activeKeyId}"\n`);
      resealed += result.resealed;
    }
    out.write(resealed ? 'Done. Every value now uses the first key; older keys can be removed from ENGAGE_DATA_KEY.\n' : 'Nothing to do: every value already uses the first key.\n');
    return 0;
  } catch (e) {
    err.write(`Rotation stopped: ${(e as Error).message}. Values already re-sealed stay readable; run it again once fixed.\n`);
    return 1;
  } finally {
    await storage.close();
    await lock?.release();
  }
}
