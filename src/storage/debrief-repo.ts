import type { Storage } from './open-storage';
import type { Actor } from '../core/incoming';
import type { Ratings } from '../survey/score-debrief';
import type { PersonalDataSource } from '../privacy/personal-data';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedStore } from '../crypto/create-sealed-store';

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

export const companyKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Records and answers are sealed (AES-256-GCM, bound to tenant and record); the indexes hold ids and company names. */
/** The sealed stores debriefs keep, for `engage-bot rotate-key`. */
export const DEBRIEF_SEALED_STORES = ['debriefs', 'debrief-answers'] as const;

export function createDebriefRepo(storage: Storage, cipher: DataCipher): DebriefRepo {
  const records = createSealedStore<DebriefRecord>(storage, cipher, DEBRIEF_SEALED_STORES[0]);
  const answers = createSealedStore<DebriefResponse>(storage, cipher, DEBRIEF_SEALED_STORES[1]);
  const index = storage.namespace<string[]>('debrief-index');
  const tenant = (a: { platform: string; tenantId: string }) => `${a.platform}:${a.tenantId}`;

  const addTo = async (key: string, value: string, atFront = false) => {
    const list = (await index.get(key)) ?? [];
    if (list.includes(value)) return;
    await index.set(key, atFront ? [value, ...list] : [...list, value]);
  };
  const removeFrom = async (key: string, value: string) => {
    const list = ((await index.get(key)) ?? []).filter((v) => v !== value);
    if (list.length) await index.set(key, list);
    else await index.delete(key);
  };
  const participantAnswers = async (record: DebriefRecord) => {
    const people = [...new Set([record.starter, ...record.invitees])];
    const found = await Promise.all(people.map((u) => answers.get(tenant(record), `${record.id}:${u}`)));
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

  return {
    async get(actor, id) {
      if (!/^[a-z0-9]{6,40}$/.test(id)) return undefined;
      const record = await records.get(tenant(actor), id);
      // Belt and braces: the key already carries the tenant.
      return record && tenant(record) === tenant(actor) ? hydrate(record) : undefined;
    },
    async save(record) {
      // Respondents are never stored on the record (see DebriefRecord.respondents).
      await records.set(tenant(record), record.id, { ...record, respondents: [] });
      const companies = (await index.get(`${tenant(record)}:companies`)) ?? [];
      if (!companies.some((c) => companyKey(c) === companyKey(record.company))) {
        await index.set(`${tenant(record)}:companies`, [...companies, record.company]);
      }
      await addTo(`${tenant(record)}:company:${companyKey(record.company)}`, record.id);
      for (const user of new Set([record.starter, ...record.invitees])) {
        await addTo(`${tenant(record)}:user:${user}`, record.id, true);
      }
    },
    saveResponse: (actor, response) => answers.set(tenant(actor), `${response.debriefId}:${response.userId}`, response).then(() => undefined),
    getResponse: (actor, debriefId, userId) => answers.get(tenant(actor), `${debriefId}:${userId}`),
    responses: async (actor, record) => (tenant(actor) === tenant(record) ? participantAnswers(record) : []),
    companies: async (actor) => (await index.get(`${tenant(actor)}:companies`)) ?? [],
    forCompany: async (actor, company) => load(actor, (await index.get(`${tenant(actor)}:company:${companyKey(company)}`)) ?? []),
    forUser: async (actor, limit = 20) => load(actor, ((await index.get(`${tenant(actor)}:user:${actor.userId}`)) ?? []).slice(0, limit)),
    async deleteOlderThan(cutoff) {
      const old: DebriefRecord[] = [];
      // Collect first, delete after: deleting while a backend iterates can skip rows.
      for await (const { value } of records.entries()) if (new Date(value.createdAt).getTime() < cutoff.getTime()) old.push(value);
      for (const record of old) {
        const t = tenant(record);
        const people = [...new Set([record.starter, ...record.invitees])];
        for (const user of people) {
          await answers.delete(t, `${record.id}:${user}`);
          await removeFrom(`${t}:user:${user}`, record.id);
        }
        await removeFrom(`${t}:company:${companyKey(record.company)}`, record.id);
        if (!(await index.get(`${t}:company:${companyKey(record.company)}`))) {
          // The last debrief with this company went: so does its name from the workspace's list.
          const companies = ((await index.get(`${t}:companies`)) ?? []).filter((c) => companyKey(c) !== companyKey(record.company));
          if (companies.length) await index.set(`${t}:companies`, companies);
          else await index.delete(`${t}:companies`);
        }
        await records.delete(t, record.id);
      }
      return old.length;
    },
    personalData: {
      label: 'debrief answers',
      async export(actor) {
        const ids = (await index.get(`${tenant(actor)}:user:${actor.userId}`)) ?? [];
        const found = await Promise.all(ids.map((id) => answers.get(tenant(actor), `${id}:${actor.userId}`)));
        return found.filter(Boolean) as DebriefResponse[];
      },
      async erase(actor) {
        const ids = (await index.get(`${tenant(actor)}:user:${actor.userId}`)) ?? [];
        let erased = 0;
        for (const id of ids) if (await answers.delete(tenant(actor), `${id}:${actor.userId}`)) erased++;
        // Debriefs the person started that nobody else answered go too; shared ones keep the
        // others' answers, which are theirs to erase.
        for (const record of await load(actor, ids)) {
          if (record.starter === actor.userId && record.respondents.length === 0) {
            await records.delete(tenant(actor), record.id);
            erased++;
          }
        }
        await index.delete(`${tenant(actor)}:user:${actor.userId}`);
        return erased;
      },
    },
  };
}
