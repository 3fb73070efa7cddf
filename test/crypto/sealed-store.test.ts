import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openStorage } from '../../src/storage/open-storage';
import { createDataCipher, generateDataKey, parseDataKeys } from '../../src/crypto/create-data-cipher';
import { createSealedStore } from '../../src/crypto/create-sealed-store';
import { TEST_POSTGRES_URL, TEST_REDIS_URL, describeWithBackend } from '../helpers/backends';

const oldKey = `old:${generateDataKey()}`;
const newKey = `new:${generateDataKey()}`;
const run = `${process.pid}${Date.now()}`;

const cases: [string, () => string][] = [
  ['sqlite', () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'engage-sealed-')), 's.sqlite')}`],
  ['postgres', () => TEST_POSTGRES_URL],
  ['redis', () => TEST_REDIS_URL],
];

describe.each(cases)('sealed store on %s', (backend, url) => {
  describeWithBackend(backend)('', () => {
    test('stores ciphertext only, opens per tenant, and rotates to a new key', async () => {
      const storage = openStorage(url());
      try {
        const name = `debrief-${run}`;
        const before = createSealedStore<{ notes: string }>(storage, createDataCipher(parseDataKeys(oldKey)), name);
        await before.set('slack:T1', 'd1', { notes: 'under NDA: launch in March' });
        await before.set('slack:T2', 'd1', { notes: 'another workspace' });

        const raw = storage.namespace<string>(`sealed-${name}`);
        const stored = await raw.get('slack:T1|d1');
        expect(stored).toMatch(/^v1\.old\./);
        expect(stored).not.toContain('NDA');
        // Copying a row under another tenant's key does not reveal it there.
        await raw.set('slack:T9|d1', stored!);
        await expect(before.get('slack:T9', 'd1')).rejects.toThrow(/does not belong here/);
        await raw.delete('slack:T9|d1');
        // …nor under another record of the same workspace: someone who can write rows cannot make
        // one person's sealed answer appear as another's.
        await raw.set('slack:T1|d2', stored!);
        await expect(before.get('slack:T1', 'd2')).rejects.toThrow(/does not belong here/);
        await raw.delete('slack:T1|d2');

        const after = createSealedStore<{ notes: string }>(storage, createDataCipher(parseDataKeys(`${newKey},${oldKey}`)), name);
        expect(await after.get('slack:T1', 'd1')).toEqual({ notes: 'under NDA: launch in March' });
        expect(await after.rotate()).toEqual({ resealed: 2, total: 2 });
        expect(await raw.get('slack:T1|d1')).toMatch(/^v1\.new\./);
        expect(await after.rotate()).toEqual({ resealed: 0, total: 2 });
        const onlyNew = createSealedStore<{ notes: string }>(storage, createDataCipher(parseDataKeys(newKey)), name);
        expect(await onlyNew.get('slack:T2', 'd1')).toEqual({ notes: 'another workspace' });
        expect(await onlyNew.delete('slack:T1', 'd1')).toBe(true);
        expect(await onlyNew.get('slack:T1', 'd1')).toBeUndefined();
        await onlyNew.delete('slack:T2', 'd1');
      } finally {
        await storage.close();
      }
    });
  });
});
