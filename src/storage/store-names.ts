// Names and bounds every backend shares: the SQL backends must create the same tables (doctor,
// purge and migrations read them by name), and every backend files request claims the same way.

/** Request keys (replays) live beside the other claims, under their own prefix. */
export const REQUEST = 'request:';
/** Expired claims and keyv rows are deleted this often (SQLite, Postgres; Redis expires them itself). */
export const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Keys listed per round trip by `keys(prefix)`. */
export const PAGE = 500;
/** Above every character a key can hold: `prefix + TOP` bounds the keys that start with `prefix`. */
export const TOP = '\u{10FFFF}';

export const CLAIMS = 'engage_claims';
export const RECORDS = 'engage_records';
export const SETS = 'engage_sets';
export const QUEUE = 'engage_queue';
