// keyv keeps a row's expiry inside its JSON value, `{"value":…,"expires":<ms>}`, and enforces it
// only when the row is read: on SQLite and PostgreSQL a row nobody reads again (the pages behind a
// "More" button nobody pressed) stayed on disk for good. These statements delete such rows; the
// claims' prune runs them (Redis expires keys itself). The expiry is keyv's own `Date.now()`, so
// callers compare with the real time, never an injected clock.

export const EXPIRED_KEYV_ROWS = {
  // json_valid first: one row that is not JSON must not stop every later prune.
  sqlite: (table: string) => `DELETE FROM ${table} WHERE CASE WHEN json_valid(value) THEN json_extract(value, '$.expires') END <= ?`,
  // The top-level "expires" is the last member keyv writes; a nested one is followed by a second "}".
  postgres: (table: string) => `DELETE FROM ${table} WHERE substring(value from '"expires":(\\d+)}$')::bigint <= $1`,
};
