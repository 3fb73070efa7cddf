import type { Actor } from './incoming';

// People's control of their data: every feature (and adapter) that stores something about a person
// contributes a source, and `/engage forget me` / `/engage export me` go through all of them.
// Erasure is physical deletion of the keys, never a TTL.

export interface PersonalDataSource {
  /** Shown to the person: what this source holds, e.g. "tip votes". */
  label: string;
  /** Set when only one platform stores it (e.g. Teams conversation details). */
  platform?: Actor['platform'];
  /** Everything held about this person in their workspace, ready for JSON. */
  export(actor: Actor): Promise<unknown[]>;
  /** Deletes it; returns how many records went. */
  erase(actor: Actor): Promise<number>;
}
