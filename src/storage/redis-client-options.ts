import type { RedisClientOptions } from '@redis/client';

// The same connection policy for keyv's client and the store operations' client (redis-operations.ts).
// - The client's own connect timeout: KeyvRedis's `connectionTimeout` leaves a timer running that
//   holds the process open after close.
// - A bounded reconnect: commands issued while Redis is away wait about a second, then fail where
//   the caller sees them, instead of queueing for as long as the outage lasts. Both users reopen a
//   closed client on their next command, so the bot recovers once Redis is back.
// - A name, so an operator reading CLIENT LIST knows whose connections these are.
export function redisClientOptions(url: string, connectTimeoutMs: number): RedisClientOptions {
  return {
    url,
    name: 'engage-bot',
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries: number) => (retries < 3 ? 200 * (retries + 1) : false) },
  };
}
