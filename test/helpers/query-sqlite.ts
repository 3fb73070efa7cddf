import { Database } from 'sqlite3';

/** Rows of one query on an SQLite file, read beside the bot's own connections (opened and closed here). */
export function querySqlite<T = Record<string, unknown>>(file: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(file);
    db.all(sql, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as T[]))));
  });
}

/** The `key` column of a query's rows. */
export const queryKeys = async (file: string, sql: string, params: unknown[] = []): Promise<string[]> =>
  (await querySqlite<{ key: string }>(file, sql, params)).map((r) => r.key);
