import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataCipher, generateDataKey, parseDataKeys } from '../../src/crypto/create-data-cipher';
import { createSealedStore } from '../../src/crypto/create-sealed-store';
import { createSealedRecords } from '../../src/crypto/create-sealed-records';
import { createDebriefRepo, DEBRIEF_SEALED_RECORDS, type DebriefRecord } from '../../src/debrief/debrief-repo';
import { openStorage, type Storage } from '../../src/storage/open-storage';
import type { Actor } from '../../src/base/incoming';
import { describeWithBackend } from '../helpers/backends';
import { isolatedStoreUrl } from '../helpers/isolated-store';

// The per-person and per-company debrief indexes on every backend, with two instances sharing the
// store: saves at once lose no entry (the store adds set members and compare-and-sets the sealed
// company record), and the indexes the release before kept move over once at start-up.

const oldKey = `old:${generateDataKey()}`;
const newKey = `new:${generateDataKey()}`;
const cipher = createDataCipher(parseDataKeys(oldKey));
const dir = mkdtempSync(join(tmpdir(), 'engage-debrief-indexes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One workspace per test: on PostgreSQL and Redis the tests of a backend share one database. */
const workspace = (tenantId: string) => ({
  tenant: `slack:${tenantId}`,
  starter: { platform: 'slack', tenantId, userId: 'U0001' } as Actor,
  invitee: { platform: 'slack', tenantId, userId: 'U0002' } as Actor,
  debrief: (id: string, company: string): DebriefRecord => ({
    id, platform: 'slack', tenantId, company, meeting: 'consultation', starter: 'U0001', invitees: ['U0002'],
    respondents: [], createdAt: '2026-11-01T09:00:00.000Z', confidential: false, followUps: [],
  }),
});
const idsOf = (records: DebriefRecord[]) => records.map((r) => r.id);
const keysIn = async (storage: Storage, namespace: string) => {
  const store = storage.namespace<unknown>(namespace);
  const keys: string[] = [];
  for await (const [key] of store.iterator!(store.namespace)) keys.push(String(key));
  return keys;
};

describe.each(['sqlite', 'postgres', 'redis'])('debrief indexes on %s', (backend) => describeWithBackend(backend)('', () => {
  // A database of their own for the servers (dropped afterwards); one SQLite file for the suite.
  const url = isolatedStoreUrl(backend, () => `sqlite://${join(dir, 'store.sqlite')}`);
  const opened: Storage[] = [];
  const open = () => { const s = openStorage(url()); opened.push(s); return s; };
  afterEach(async () => { await Promise.all(opened.splice(0).map((s) => s.close())); });

  test('two instances saving 30 debriefs at once for the same people and company lose none', async () => {
    const { starter, invitee, debrief } = workspace('T0001');
    const [a, b] = [createDebriefRepo(open(), cipher), createDebriefRepo(open(), cipher)];
    const ids = Array.from({ length: 30 }, (_, i) => `race${String(i).padStart(4, '0')}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).save(debrief(id, i % 3 ? 'Acme Corp' : 'acme  corp'))));

    expect((await a.companies(starter))).toHaveLength(1);
    expect(idsOf(await b.forCompany(starter, 'ACME corp')).sort()).toEqual(ids);
    expect(idsOf(await a.forUser(starter, 100)).sort()).toEqual(ids);
    expect(idsOf(await b.forUser(invitee, 100)).sort()).toEqual(ids);

    // Retention deletes them all, from both instances at once: the company leaves the list.
    const deleted = await Promise.all([a.deleteOlderThan(new Date('2026-12-01')), b.deleteOlderThan(new Date('2026-12-01'))]);
    expect(deleted[0] + deleted[1]).toBeGreaterThanOrEqual(30);
    expect(await a.companies(starter)).toEqual([]);
    expect(await b.forUser(starter, 100)).toEqual([]);
  });

  test('a person’s debriefs list newest first', async () => {
    const { starter, invitee, debrief } = workspace('T0002');
    const repo = createDebriefRepo(open(), cipher);
    for (const id of ['first1', 'second2', 'third3']) await repo.save(debrief(id, 'Globex'));
    await repo.save(debrief('second2', 'Globex')); // saved again (an edit): keeps its place
    expect(idsOf(await repo.forUser(starter))).toEqual(['third3', 'second2', 'first1']);
    expect(idsOf(await repo.forUser(invitee, 2))).toEqual(['third3', 'second2']);
    expect(idsOf(await repo.forCompany(starter, 'globex'))).toEqual(['first1', 'second2', 'third3']);
  });

  test('the indexes of the releases before move at start-up, once, with two instances starting together', async () => {
    const { tenant, starter, invitee, debrief } = workspace('T0003');
    const other = workspace('T0004');
    // What the release before wrote: the person lists in clear (newest first), the company index
    // in a sealed keyv record; the release before that kept another workspace's companies in clear.
    const before = open();
    const debriefs = createSealedStore<DebriefRecord>(before, cipher, 'debriefs');
    await debriefs.set(tenant, 'older1', debrief('older1', 'Initech'));
    await debriefs.set(tenant, 'newer2', debrief('newer2', 'Initech'));
    await debriefs.set(other.tenant, 'other3', other.debrief('other3', 'Umbrella'));
    const legacy = before.namespace<string[]>('debrief-index');
    await legacy.set(`${tenant}:user:U0001`, ['newer2', 'older1']);
    await legacy.set(`${tenant}:user:U0002`, ['newer2', 'older1']);
    await legacy.set(`${other.tenant}:companies`, ['Umbrella']);
    await legacy.set(`${other.tenant}:company:umbrella`, ['other3']);
    await createSealedStore(before, cipher, 'debrief-companies').set(tenant, 'companies', [{ name: 'Initech', ids: ['older1', 'newer2'] }]);

    const [a, b] = [createDebriefRepo(open(), cipher), createDebriefRepo(open(), cipher)];
    for (const repo of [a, b]) {
      expect(idsOf(await repo.forUser(starter))).toEqual(['newer2', 'older1']);
      expect(idsOf(await repo.forUser(invitee))).toEqual(['newer2', 'older1']);
      expect(idsOf(await repo.forCompany(starter, 'initech'))).toEqual(['older1', 'newer2']);
      expect(await repo.companies(other.starter)).toEqual(['Umbrella']);
      expect(idsOf(await repo.forCompany(other.starter, 'Umbrella'))).toEqual(['other3']);
    }
    expect(await keysIn(before, 'debrief-index')).toEqual([]);
    expect(await keysIn(before, 'sealed-debrief-companies')).toEqual([]);

    // A third start finds nothing left to move and changes nothing; new saves go on top.
    const c = createDebriefRepo(open(), cipher);
    await c.save(debrief('latest4', 'Initech'));
    expect(idsOf(await a.forUser(starter))).toEqual(['latest4', 'newer2', 'older1']);
    expect(idsOf(await b.forCompany(starter, 'Initech'))).toEqual(['older1', 'newer2', 'latest4']);
  });

  test('one instance alone moves every old row, with more than a page of each kind', async () => {
    // keyv lists a namespace a page at a time (SQLite: LIMIT/OFFSET); both moves read this one.
    const before = open();
    const legacy = before.namespace<string[]>('debrief-index');
    const debriefs = createSealedStore<DebriefRecord>(before, cipher, 'debriefs');
    const crowd = Array.from({ length: 40 }, (_, i) => workspace(`T0X${i}`));
    for (const [i, w] of crowd.entries()) {
      await legacy.set(`${w.tenant}:user:U0001`, [`crowd${i}`]);
      await legacy.set(`${w.tenant}:companies`, [`Company ${i}`]);
      await legacy.set(`${w.tenant}:company:company ${i}`, [`crowd${i}`]);
      await debriefs.set(w.tenant, `crowd${i}`, w.debrief(`crowd${i}`, `Company ${i}`));
    }
    const repo = createDebriefRepo(open(), cipher);
    for (const [i, w] of crowd.entries()) {
      expect(idsOf(await repo.forUser(w.starter))).toEqual([`crowd${i}`]);
      expect(idsOf(await repo.forCompany(w.starter, `company ${i}`))).toEqual([`crowd${i}`]);
    }
    expect(await keysIn(before, 'debrief-index')).toEqual([]);
  });

  test('the sealed company record names no company in clear and re-seals with a new key', async () => {
    const { tenant, starter, debrief } = workspace('T0005');
    const storage = open();
    const repo = createDebriefRepo(storage, cipher);
    await repo.save(debrief('sealed1', 'Zyxwvut Mining'));
    const stored: string[] = [];
    for await (const key of storage.records.keys('')) stored.push(key, (await storage.records.get(key))!.value);
    expect(stored.join('\n')).toContain(tenant);
    expect(stored.join('\n')).not.toMatch(/zyxwvut/i);

    const rotated = createDataCipher(parseDataKeys(`${newKey},${oldKey}`));
    const [result, ...more] = await Promise.all(DEBRIEF_SEALED_RECORDS.map((name) => createSealedRecords(storage.records, rotated, name).rotate()));
    expect(more).toEqual([]);
    // The earlier tests' workspaces too: every one sealed with the old key.
    expect(result!.total).toBeGreaterThanOrEqual(1);
    expect(result!.resealed).toBe(result!.total);
    const onlyNew = createDebriefRepo(storage, createDataCipher(parseDataKeys(newKey)));
    expect(await onlyNew.companies(starter)).toEqual(['Zyxwvut Mining']);
  });
}));
