import { mkdtempSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadDataCipher } from '../../src/crypto/load-data-cipher';
import { loadConfig } from '../../src/config/load-config';
import { createDataCipher, DataCipherError, generateDataKey, keyIdOf, parseDataKeys } from '../../src/crypto/create-data-cipher';

const keyA = generateDataKey();
const keyB = generateDataKey();
const here = { tenant: 'slack:T1', record: 'debrief:abc' };

describe('encryption at rest', () => {
  test('a sealed value opens in its own tenant and record, and hides the plaintext', () => {
    const cipher = createDataCipher(parseDataKeys(keyA));
    const sealed = cipher.seal('met under the Chatham House rule', here);
    expect(sealed).not.toContain('Chatham');
    expect(cipher.open(sealed, here)).toBe('met under the Chatham House rule');
    // Fresh IV each time: the same text never seals to the same bytes.
    expect(cipher.seal('x', here)).not.toBe(cipher.seal('x', here));
  });

  test('a value copied to another tenant or record fails to decrypt', () => {
    const cipher = createDataCipher(parseDataKeys(keyA));
    const sealed = cipher.seal('answers', here);
    expect(() => cipher.open(sealed, { ...here, tenant: 'slack:T2' })).toThrow(DataCipherError);
    expect(() => cipher.open(sealed, { ...here, record: 'debrief:other' })).toThrow(DataCipherError);
  });

  test('an altered value is refused', () => {
    const cipher = createDataCipher(parseDataKeys(keyA));
    const parts = cipher.seal('answers', here).split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.open(parts.join('.'), here)).toThrow(DataCipherError);
    expect(() => cipher.open('not sealed', here)).toThrow(DataCipherError);
  });

  test('rotation: the new key seals, old values still open and are reported stale', () => {
    const before = createDataCipher(parseDataKeys(`old:${keyA}`));
    const sealedOld = before.seal('kept', here);
    const after = createDataCipher(parseDataKeys(`new:${keyB},old:${keyA}`));
    expect(after.activeKeyId).toBe('new');
    expect(after.open(sealedOld, here)).toBe('kept');
    expect(after.isStale(sealedOld)).toBe(true);
    expect(after.isStale(after.seal('kept', here))).toBe(false);
    // Once the old key is dropped, old values cannot be read: rotate before removing a key.
    expect(() => createDataCipher(parseDataKeys(`new:${keyB}`)).open(sealedOld, here)).toThrow(/not configured/);
  });

  test('key parsing: bare keys get a derived id; wrong sizes and duplicates are refused', () => {
    const [key] = parseDataKeys(keyA);
    expect(key!.id).toBe(keyIdOf(Buffer.from(keyA, 'base64')));
    expect(() => parseDataKeys('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseDataKeys(`a:${keyA},a:${keyB}`)).toThrow(/share an id/);
    expect(() => parseDataKeys(' , ')).toThrow(/no key/);
  });
});

describe('where the key comes from', () => {
  test('without ENGAGE_DATA_KEY a local key file is made once, owner-only, and reused', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'engage-key-')), 'data', 'engage-bot.key');
    const first = loadDataCipher(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('kept', here);
    expect(loadDataCipher(undefined, file).open(sealed, here)).toBe('kept');
  });

  test('production refuses to start without a key, and a malformed key is named', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENGAGE_DATA_KEY is required/);
    expect(() => loadConfig({ ENGAGE_DATA_KEY: 'short' })).toThrow(/ENGAGE_DATA_KEY: each key must be 32 bytes/);
    expect(loadConfig({ NODE_ENV: 'production', ENGAGE_DATA_KEY: keyA }).ENGAGE_DATA_KEY).toBe(keyA);
  });
});
