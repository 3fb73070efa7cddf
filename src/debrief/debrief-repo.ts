import type { Storage } from '../storage/open-storage';
import type { Actor } from '../base/incoming';
import type { Ratings } from './score-debrief';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedStore, type SealedStore } from '../crypto/create-sealed-store';
import { COMPANY_INDEX, createCompanyIndex, type CompanyIndex } from './debrief-company-index';
import { createUserIndex, type UserIndex } from './debrief-user-index';

// Debriefs and answers, keyed by the verified workspace / tenant: every key starts with
// "<platform>:<tenantId>", taken from the Actor the adapter verified, never from a payload value.
// So an id from another workspace simply finds nothing.

export interface DebriefRecord {
  id: string;
  platform: Actor['platform'];
  tenantId: string;
  company: string;
  meeting: string;
  /** Who started it: sees the combined result, never anyone's individual answers. */
  starter: string;
  /** Invited participants (the starter is not listed); empty for a one-person debrief. */
  invitees: string[];
  /**
   * Who has answered, in order of answering. Worked out on every read from the answers themselves
   * (one key per respondent), so two people answering at once cannot overwrite each other.
   */
  respondents: string[];
  createdAt: string;
  /** YYYY-MM-DD: the meeting's date as the starter gave it (or as scheduled). */
  date?: string;
  /** When the meeting ends, for debriefs scheduled ahead. */
  meetingEndsAt?: string;
  /** Also worked out from the answers: one respondent marking it confidential is enough, for good. */
  confidential: boolean;
  followUps: { dueAt: string; by: string }[];
}

export interface DebriefResponse {
  debriefId: string;
  userId: string;
  /** YYYY-MM-DD, the meeting's date as the respondent gave it. */
  date: string;
  /** Guide format item id (e.g. "format-size") to the chosen option id. */
  formats: Record<string, string>;
  side: string;
  ratings: Ratings;
  satisfactionProcess: number;
  satisfactionOutcome: number | 'unknown';
  asks: string;
  successMeasure: string;
  notes: string;
  submittedAt: string;
}

export interface DebriefRepo {
  get(actor: Actor, id: string): Promise<DebriefRecord | undefined>;
  /** Creates or updates the record and keeps the company and user indexes in step. */
  save(record: DebriefRecord): Promise<void>;
  saveResponse(actor: Actor, response: DebriefResponse): Promise<void>;
  getResponse(actor: Actor, debriefId: string, userId: string): Promise<DebriefResponse | undefined>;
  /** Every answer to one debrief: only for combined results, never shown one by one. */
  responses(actor: Actor, record: DebriefRecord): Promise<DebriefResponse[]>;
  /** Companies debriefed in this workspace, in the spelling first used. */
  companies(actor: Actor): Promise<string[]>;
  forCompany(actor: Actor, company: string): Promise<DebriefRecord[]>;
  /** Debriefs the person started, was invited to or answered, newest first. */
  forUser(actor: Actor, limit?: number): Promise<DebriefRecord[]>;
  /** `/engage export me` and `forget me`: the person's own answers (never anyone else's). */
  personalData: PersonalDataSource;
  /** DEBRIEF_RETENTION_DAYS: deletes debriefs created before `cutoff`, with every answer and index entry. */
  deleteOlderThan(cutoff: Date): Promise<number>;
}

/** Chatham House and NDA meetings (and good-faith confidential ones) are never shown outside. */
export const CONFIDENTIAL_FORMATS: ReadonlySet<string> = new Set(['chatham-house', 'under-nda', 'confidential-informal']);

/**
 * Records and answers are sealed (AES-256-GCM, bound to tenant and record) in keyv namespaces; the
 * company index is a sealed versioned record; the one index in clear lists debrief ids per person.
 * The sealed stores and records, for `engage-bot rotate-key` and `doctor`. "debrief-companies" is
 * among the stores too while the release before's keyv copy may be waiting to be moved: a rotation
 * run before the new release first starts must re-seal it, or it would no longer open.
 */
export const DEBRIEF_SEALED_STORES = ['debriefs', 'debrief-answers', COMPANY_INDEX] as const;
export const DEBRIEF_SEALED_RECORDS = [COMPANY_INDEX] as const;
/** Where older releases kept the per-person lists and (older still) the company index, in clear. */
const LEGACY_INDEX = 'debrief-index';

const tenant = (a: { platform: string; tenantId: string }) => `${a.platform}:${a.tenantId}`;
const people = (record: DebriefRecord) => new Set([record.starter, ...record.invitees]);

interface Stores {
  records: SealedStore<DebriefRecord>;
  answers: SealedStore<DebriefResponse>;
  companies: CompanyIndex;
  users: UserIndex;
}

/** Reading debriefs back, with who answered worked out from the answers. */
function debriefReader({ records, answers }: Stores) {
  const participantAnswers = async (record: DebriefRecord) => {
    const found = await Promise.all([...people(record)].map((u) => answers.get(tenant(record), `${record.id}:${u}`)));
    return found.filter((r): r is DebriefResponse => Boolean(r)).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  };
  const hydrate = async (record: DebriefRecord): Promise<DebriefRecord> => {
    const given = await participantAnswers(record);
    return {
      ...record,
      respondents: given.map((a) => a.userId),
      confidential: record.confidential || given.some((a) => CONFIDENTIAL_FORMATS.has(a.formats['format-confidentiality'] ?? '')),
    };
  };
  const load = async (actor: Actor, ids: string[]) => {
    const found = await Promise.all(ids.map((id) => records.get(tenant(actor), id)));
    return Promise.all(found.filter((r): r is DebriefRecord => Boolean(r) && tenant(r!) === tenant(actor)).map(hydrate));
  };
  return { participantAnswers, hydrate, load };
}

/**
 * Deletes debriefs of one workspace with every answer and index entry; the company index first,
 * so a company's name never outlives its last debrief.
 */
function debriefDropper({ records, answers, companies, users }: Stores) {
  return async (t: string, doomed: DebriefRecord[]) => {
    if (!doomed.length) return;
    await companies.remove(t, new Set(doomed.map((r) => r.id)));
    for (const record of doomed) {
      for (const user of people(record)) await answers.delete(t, `${record.id}:${user}`);
      await users.remove(t, people(record), record.id);
      await records.delete(t, record.id);
    }
  };
}

type Reader = ReturnType<typeof debriefReader>;
type Drop = ReturnType<typeof debriefDropper>;

function debriefPersonalData({ answers, users }: Stores, { load }: Reader, drop: Drop): PersonalDataSource {
  return {
    label: 'debrief answers',
    async export(actor) {
      const ids = await users.ids(tenant(actor), actor.userId);
      const found = await Promise.all(ids.map((id) => answers.get(tenant(actor), `${id}:${actor.userId}`)));
      return found.filter(Boolean) as DebriefResponse[];
    },
    async erase(actor) {
      const ids = await users.ids(tenant(actor), actor.userId);
      let erased = 0;
      for (const id of ids) if (await answers.delete(tenant(actor), `${id}:${actor.userId}`)) erased++;
      // Debriefs the person started that nobody else answered go too, company index entry and
      // all; shared ones keep the others' answers, which are theirs to erase.
      const alone = (await load(actor, ids)).filter((r) => r.starter === actor.userId && r.respondents.length === 0);
      await drop(tenant(actor), alone);
      await users.clear(tenant(actor), actor.userId);
      return erased + alone.length;
    },
  };
}

export function createDebriefRepo(storage: Storage, cipher: DataCipher): DebriefRepo {
  const companies = createCompanyIndex(storage, cipher, LEGACY_INDEX);
  const stores: Stores = {
    records: createSealedStore<DebriefRecord>(storage, cipher, DEBRIEF_SEALED_STORES[0]),
    answers: createSealedStore<DebriefResponse>(storage, cipher, DEBRIEF_SEALED_STORES[1]),
    companies,
    users: createUserIndex(storage, LEGACY_INDEX, companies.ready),
  };
  const { records, answers, users } = stores;
  const reader = debriefReader(stores);
  const drop = debriefDropper(stores);
  return {
    async get(actor, id) {
      if (!/^[a-z0-9]{6,40}$/.test(id)) return undefined;
      const record = await records.get(tenant(actor), id);
      // Belt and braces: the key already carries the tenant.
      return record && tenant(record) === tenant(actor) ? reader.hydrate(record) : undefined;
    },
    async save(record) {
      // Respondents are never stored on the record (see DebriefRecord.respondents).
      await records.set(tenant(record), record.id, { ...record, respondents: [] });
      await companies.add(tenant(record), record.company, record.id);
      await users.add(tenant(record), people(record), record.id);
    },
    saveResponse: (actor, response) => answers.set(tenant(actor), `${response.debriefId}:${response.userId}`, response).then(() => undefined),
    getResponse: (actor, debriefId, userId) => answers.get(tenant(actor), `${debriefId}:${userId}`),
    responses: async (actor, record) => (tenant(actor) === tenant(record) ? reader.participantAnswers(record) : []),
    companies: (actor) => companies.names(tenant(actor)),
    forCompany: async (actor, company) => reader.load(actor, await companies.ids(tenant(actor), company)),
    forUser: async (actor, limit = 20) => reader.load(actor, await users.ids(tenant(actor), actor.userId, limit)),
    async deleteOlderThan(cutoff) {
      const old = new Map<string, DebriefRecord[]>();
      // Collect first, delete after: deleting while a backend iterates can skip rows.
      for await (const { tenant: t, value } of records.entries()) {
        if (new Date(value.createdAt).getTime() < cutoff.getTime()) old.set(t, [...(old.get(t) ?? []), value]);
      }
      for (const [t, doomed] of old) await drop(t, doomed);
      return [...old.values()].reduce((n, doomed) => n + doomed.length, 0);
    },
    personalData: debriefPersonalData(stores, reader, drop),
  };
}
