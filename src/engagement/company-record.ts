import { randomUUID } from 'node:crypto';
import type { Actor } from '../base/incoming';

// One record per company and workspace: every meeting prepared with it, the asks brought, what the
// company committed to, what came of it, and notes. Kept whole so the thread survives a contact
// leaving or a colleague taking over ("High turnover" in the guide).

export type AskStatus = 'open' | 'answered' | 'committed' | 'declined' | 'not-discussed';
export const ASK_OUTCOMES = ['answered', 'committed', 'declined', 'not-discussed'] as const;

/** Who may see an item: a meeting's own participants when it is confidential, else the workspace. */
export interface Placed {
  /** The meeting it came from; its confidentiality decides who sees it. */
  meetingId?: string;
  /** Added outside a meeting and kept to its author ("only me"). */
  private?: boolean;
  /** The message it was added from (a platform permalink). */
  link?: string;
}

export interface Meeting {
  id: string;
  title: string;
  preparedBy: string;
  /** The preparer and the people named with them: who sees a confidential meeting. */
  participants: string[];
  createdAt: string;
  /** YYYY-MM-DD when known. */
  date?: string;
  startsAt?: string;
  endsAt?: string;
  goal: string;
  /** Guide company-team item ids. */
  teams: string[];
  /** Names of the company's people, as the preparer typed them: personal data, optional. */
  staff?: string;
  /** Guide format item id to option id; always holds format-confidentiality. */
  formats: Record<string, string>;
  /** Readiness items ticked (guide tip ids). */
  readiness: string[];
  debriefId?: string;
}

export interface Ask extends Placed {
  id: string;
  text: string;
  /** What "done" looks like. */
  done?: string;
  /** YYYY-MM-DD */
  by?: string;
  status: AskStatus;
  addedBy: string;
  addedAt: string;
  statusBy?: string;
  statusAt?: string;
}

export interface Outcome {
  at: string;
  by: string;
  delivered: 'yes' | 'partly' | 'no';
  text: string;
}

export interface Commitment extends Placed {
  id: string;
  askId?: string;
  text: string;
  /** YYYY-MM-DD */
  due?: string;
  status: 'open' | 'closed';
  recordedBy: string;
  recordedAt: string;
  outcomes: Outcome[];
  /** Follow-up reminders, one per person who asked to be followed up. */
  reminders: { by: string; id: string; at: string }[];
}

export interface Note extends Placed {
  id: string;
  text: string;
  by: string;
  at: string;
}

export interface CompanyRecord {
  id: string;
  platform: Actor['platform'];
  tenantId: string;
  /** In the spelling first used. */
  company: string;
  meetings: Meeting[];
  asks: Ask[];
  commitments: Commitment[];
  notes: Note[];
}

/** Caps that keep one sealed record small enough (about 1 MB at most) to rewrite on every change. */
export const RECORD_LIMITS = { meetings: 100, asks: 300, commitments: 300, notes: 200, outcomes: 5 } as const;
export const TEXT_LIMITS = { title: 100, goal: 300, ask: 300, done: 300, staff: 300, commitment: 300, note: 1000, outcome: 500 } as const;

/** Ids of meetings, asks, commitments and notes: unique within a record, never shown. */
export const newId = () => randomUUID().replace(/-/g, '').slice(0, 16);

/** The commitments kept when there are too many: the oldest closed ones go first, an open one last. */
export function capCommitments(list: readonly Commitment[]): Commitment[] {
  const over = list.length - RECORD_LIMITS.commitments;
  if (over <= 0) return [...list];
  const closed = list.filter((c) => c.status === 'closed').slice(0, over);
  const kept = list.filter((c) => !closed.includes(c));
  return kept.slice(-RECORD_LIMITS.commitments);
}
