import { randomUUID } from 'node:crypto';
import type { Storage } from '../storage/open-storage';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedRecords, editSealedRecord } from '../crypto/create-sealed-records';
import type { Actor } from '../base/incoming';
import { companyKey } from '../debrief';
import type { CompanyRecord } from './company-record';

// Each company's record is one sealed versioned record; which companies a workspace has records for
// is one more, per workspace (the debrief's company index explains why names are never in a key).
// Every change is compare-and-set: an edit that lost a race with another instance reads the
// winner's record and applies itself again, so two people recording at once lose nothing.

export const ENGAGEMENT_RECORDS = 'engagements';
export const ENGAGEMENT_INDEX = 'engagement-companies';
export const ENGAGEMENT_SEALED_RECORDS = [ENGAGEMENT_RECORDS, ENGAGEMENT_INDEX] as const;

const INDEX_ID = 'companies';

export interface IndexEntry { name: string; id: string }

/** How one change applies: the record changed, or undefined to leave it as it is. It may run more
 *  than once (a lost race runs it again on the winner's record), so it only computes. */
export type Change = (record: CompanyRecord) => CompanyRecord | undefined;

export interface EngagementRepo {
  /** The workspace's companies with a record, in the spelling first used. */
  companies(actor: Actor): Promise<IndexEntry[]>;
  get(actor: Actor, id: string): Promise<CompanyRecord | undefined>;
  /** Changes the company's record, creating it (and its index entry) when there is none yet. */
  editCompany(actor: Actor, company: string, change: Change): Promise<CompanyRecord>;
  /** Changes an existing record; undefined when it is gone. */
  edit(actor: Actor, id: string, change: Change): Promise<CompanyRecord | undefined>;
  /** Every record of the workspace (forget me, export me, the home view). */
  all(actor: Actor): Promise<CompanyRecord[]>;
  /** Deletes a record that has nothing left in it, with its index entry: a company's name does not
   *  outlive what was recorded about it. */
  dropIfEmpty(actor: Actor, id: string): Promise<void>;
}

const tenant = (a: { platform: string; tenantId: string }) => `${a.platform}:${a.tenantId}`;
const isEmpty = (r: CompanyRecord) => !r.meetings.length && !r.asks.length && !r.commitments.length && !r.notes.length;

export function createEngagementRepo(storage: Storage, cipher: DataCipher): EngagementRepo {
  const records = createSealedRecords<CompanyRecord>(storage.records, cipher, ENGAGEMENT_RECORDS);
  const index = createSealedRecords<IndexEntry[]>(storage.records, cipher, ENGAGEMENT_INDEX);
  const companies = async (actor: Actor) => (await index.get(tenant(actor), INDEX_ID))?.value ?? [];
  /** The entry for `company`, added when missing: two people starting one company's record at once agree on one id. */
  const entryFor = async (actor: Actor, company: string, id: string = randomUUID().replace(/-/g, '')) => {
    const list = await editSealedRecord(index, tenant(actor), INDEX_ID, (entries = []) =>
      entries.some((e) => companyKey(e.name) === companyKey(company)) ? undefined : [...entries, { name: company, id }]);
    return list!.find((e) => companyKey(e.name) === companyKey(company))!;
  };
  const get = async (actor: Actor, id: string) => {
    if (!/^[a-z0-9]{8,40}$/.test(id)) return undefined;
    const found = (await records.get(tenant(actor), id))?.value;
    // Belt and braces: the key already carries the tenant.
    return found && tenant(found) === tenant(actor) ? found : undefined;
  };
  return {
    companies,
    get,
    async edit(actor, id, change) {
      if (!(await get(actor, id))) return undefined;
      return editSealedRecord(records, tenant(actor), id, (r) => (r ? change(r) : undefined));
    },
    async editCompany(actor, company, change) {
      const entry = await entryFor(actor, company);
      const fresh: CompanyRecord = { id: entry.id, platform: actor.platform, tenantId: actor.tenantId, company: entry.name, meetings: [], asks: [], commitments: [], notes: [] };
      const saved = (await editSealedRecord(records, tenant(actor), entry.id, (r) => change(r ?? fresh))) ?? fresh;
      // A forget-me emptying this company at the same moment may have taken its entry out of the
      // index: it goes back in, or the record would be out of every reach (list, export, erasure).
      if (!isEmpty(saved)) await entryFor(actor, entry.name, entry.id);
      return saved;
    },
    async all(actor) {
      const found = await Promise.all((await companies(actor)).map((e) => get(actor, e.id)));
      return found.filter((r): r is CompanyRecord => Boolean(r));
    },
    async dropIfEmpty(actor, id) {
      const record = await get(actor, id);
      if (!record || !isEmpty(record)) return;
      await editSealedRecord(index, tenant(actor), INDEX_ID, (list = []) => (list.some((e) => e.id === id) ? list.filter((e) => e.id !== id) : undefined));
      await records.delete(tenant(actor), id);
    },
  };
}
