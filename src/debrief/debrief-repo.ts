import type { Storage } from '../storage/open-storage';
import type { Actor } from '../base/incoming';
import type { Ratings } from './score-debrief';
import type { PersonalDataSource } from '../base/personal-data-source';
import type { DataCipher } from '../crypto/create-data-cipher';
import { createSealedStore } from '../crypto/create-sealed-store';
import { createCompanyIndex } from './debrief-company-index';

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
 * Records, answers and the company index are sealed (AES-256-GCM, bound to tenant and record); the
 * one index in clear lists debrief ids per person. These are the sealed stores, for `engage-bot rotate-key`.
 */
export const DEBRIEF_SEALED_STORES = ['debriefs', 'debrief-answers', 'debrief-companies'] as const;
const USER_INDEX = 'debrief-index';

export function createDebriefRepo(storage: Storage, cipher: DataCipher): DebriefRepo {
  const records = createSealedStore<DebriefRecord>(storage, cipher, DEBRIEF_SEALED_STORES[0]);
  const answers = createSealedStore<DebriefResponse>(storage, cipher, DEBRIEF_SEALED_STORES[1]);
  // The release before kept the company index in clear beside the user lists: sealed at start-up.
  const companies = createCompanyIndex(storage, cipher, DEBRIEF_SEALED_STORES[2], USER_INDEX);
  const index = storage.namespace<string[]>(USER_INDEX);
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
  /** Deletes debriefs of one workspace with every answer and index entry; the company index first,
   *  so a company's name never outlives its last debrief. */
  const drop = async (t: string, doomed: DebriefRecord[]) => {
    if (!doomed.length) return;
    await companies.remove(t, new Set(doomed.map((r) => r.id)));
    for (const record of doomed) {
      for (const user of new Set([record.starter, ...record.invitees])) {
        await answers.delete(t, `${record.id}:${user}`);
        await removeFrom(`${t}:user:${user}`, record.id);
      }
      await records.delete(t, record.id);
    }
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
      await companies.add(tenant(record), record.company, record.id);
      for (const user of new Set([record.starter, ...record.invitees])) {
        await addTo(`${tenant(record)}:user:${user}`, record.id, true);
      }
    },
    saveResponse: (actor, response) => answers.set(tenant(actor), `${response.debriefId}:${response.userId}`, response).then(() => undefined),
    getResponse: (actor, debriefId, userId) => answers.get(tenant(actor), `${debriefId}:${userId}`),
    responses: async (actor, record) => (tenant(actor) === tenant(record) ? participantAnswers(record) : []),
    companies: (actor) => companies.names(tenant(actor)),
    forCompany: async (actor, company) => load(actor, await companies.ids(tenant(actor), company)),
    forUser: async (actor, limit = 20) => load(actor, ((await index.get(`${tenant(actor)}:user:${actor.userId}`)) ?? []).slice(0, limit)),
    async deleteOlderThan(cutoff) {
      const old = new Map<string, DebriefRecord[]>();
      // Collect first, delete after: deleting while a backend iterates can skip rows.
      for await (const { tenant: t, value } of records.entries()) {
        if (new Date(value.createdAt).getTime() < cutoff.getTime()) old.set(t, [...(old.get(t) ?? []), value]);
      }
      for (const [t, doomed] of old) await drop(t, doomed);
      return [...old.values()].reduce((n, doomed) => n + doomed.length, 0);
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
        // Debriefs the person started that nobody else answered go too, company index entry and
        // all; shared ones keep the others' answers, which are theirs to erase.
        const alone = (await load(actor, ids)).filter((r) => r.starter === actor.userId && r.respondents.length === 0);
        await drop(tenant(actor), alone);
        await index.delete(`${tenant(actor)}:user:${actor.userId}`);
        return erased + alone.length;
      },
    },
  };
}
