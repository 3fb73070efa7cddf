import { Pool } from 'pg';
import KeyvPostgres from '@keyv/postgres';

// One pg Pool per storage handle, shared by every keyv namespace and the store operations
// (postgres-operations.ts).
// @keyv/postgres keeps a single module-wide pool with no 'error' listener: a connection the server
// closes while idle (a restart, a failover, an administrator) then threw from the pool and took the
// whole bot down, and closing one storage handle ended the pool of every other handle in the process.

export function openPostgresPool(url: string, connectTimeoutMs: number): Pool {
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, max: 10, application_name: 'engage-bot' });
  // The pool drops the broken client by itself; the next query takes a fresh connection, and a
  // server that stays down fails that query, where the caller sees it.
  pool.on('error', () => undefined);
  return pool;
}

/** @keyv/postgres with its queries on a pool we own (ended once, by the storage that opened it). */
export class PooledKeyvPostgres extends KeyvPostgres {
  constructor(pool: Pool, table: string) {
    // connect() runs inside super(), before a field of ours could be set: the pool travels in opts.
    super({ table, pgPool: pool } as ConstructorParameters<typeof KeyvPostgres>[0]);
  }

  override async connect() {
    const pool = (this.opts as { pgPool: Pool }).pgPool;
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
  }

  override async disconnect() {}
}
