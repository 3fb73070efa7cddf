import type { createClient as CreateRedisClient } from '@redis/client';
import type { Clock } from '../base/clock';
import type { Claims, DueQueue, MemberSets, StoreOperations, VersionedRecords } from './store-operations';
import { redisClientOptions } from './redis-client-options';
import { REQUEST } from './store-names';

// The store's atomic operations in Redis: each decision is one command or one Lua script, which
// Redis runs without interleaving anything else, so instances sharing it cannot race in between.
// Key layout: claim:<key> (a string with PX), record:<key> (a hash: v = value, n = version),
// set:<key> (a sorted set scored by insertion sequence), queue:<name> (a sorted set scored by due ms).

type RedisClient = ReturnType<typeof CreateRedisClient>;

const SCAN_COUNT = 500;

// Renews only our own lease; a Redis-side check so two instances cannot both hold it.
const CLAIM = `local v = redis.call('GET', KEYS[1])
if (not v) or (ARGV[1] ~= '' and v == ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1] == '' and '-' or ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// ARGV[2]: the expected version, '' for "only if absent". Returns the new version, 0 when refused.
const PUT = `local n = redis.call('HGET', KEYS[1], 'n')
if ARGV[2] == '' then
  if n then return 0 end
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'n', 1) return 1 end
if n ~= ARGV[2] then return 0 end
local next = tonumber(n) + 1
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'n', next) return next`;
// ARGV[1]: max ('' for none), then the members. New ones are scored after the current last member.
const ADD = `local fresh, seen = {}, {}
for i = 2, #ARGV do
  local m = ARGV[i]
  if not seen[m] and not redis.call('ZSCORE', KEYS[1], m) then seen[m] = true fresh[#fresh + 1] = m end
end
if #fresh == 0 then return 0 end
if ARGV[1] ~= '' and redis.call('ZCARD', KEYS[1]) + #fresh > tonumber(ARGV[1]) then return 0 end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local seq = last[2] and tonumber(last[2]) or 0
for i, m in ipairs(fresh) do redis.call('ZADD', KEYS[1], seq + i, m) end
return #fresh`;
// ARGV: now, limit, lease end. The due ids, soonest first, moved to the lease end in the same step.
const TAKE = `local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[3], id) end
return ids`;

export interface RedisOperationsOptions {
  /** Taken for the same shape as the other backends; claims expire on Redis's own clock (PX). */
  clock: Clock;
  connectTimeoutMs: number;
}

/** The operations on a client of their own, opened on first use and closed by `close`. */
export function createRedisOperations(url: string, { connectTimeoutMs }: RedisOperationsOptions): StoreOperations {
  // Loaded here, not at the top: a bot on SQLite or Postgres never needs it (see open-storage.ts).
  const { createClient } = require('@redis/client') as { createClient: typeof CreateRedisClient };
  const client = createClient(redisClientOptions(url, connectTimeoutMs));
  client.on('error', () => undefined); // failures surface as rejected commands
  // Reopened on demand: after a restart outlasts the reconnect attempts the client is closed,
  // and without this every later claim (every Slack request's replay check) would fail.
  const open = async () => {
    if (!client.isOpen) await client.connect();
    return client;
  };
  const run = async (script: string, keys: string[], args: (string | number)[]) =>
    (await open()).eval(script, { keys, arguments: args.map(String) });
  return {
    ...redisClaims(run),
    records: redisRecords(open, run),
    sets: redisSets(open, run),
    queue: redisQueue(open, run),
    close: async () => { if (client.isOpen) await client.close().catch(() => undefined); },
  };
}

type Open = () => Promise<RedisClient>;
type Run = (script: string, keys: string[], args: (string | number)[]) => Promise<unknown>;

function redisClaims(run: Run): Claims {
  const claim = async (key: string, ttlMs: number, owner = '') =>
    (await run(CLAIM, [`claim:${key}`], [owner, Math.max(1, Math.round(ttlMs))])) === 1;
  return {
    claim,
    claimRequest: (key, ttlMs) => claim(REQUEST + key, ttlMs),
    async release(key, owner) { await run(RELEASE, [`claim:${key}`], [owner]); },
  };
}

/** A glob pattern matching exactly the keys that start with `prefix`. */
const globPrefix = (prefix: string) => `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;

/** Keys of one kind (`kind:`) starting with `prefix`, without the kind; SCAN, so Redis never blocks on it. */
async function* scanKeys(open: Open, kind: string, type: string, prefix: string): AsyncGenerator<string> {
  const client = await open();
  // SCAN may return a key twice (when the keyspace is rehashed meanwhile): each is listed once.
  const seen = new Set<string>();
  for await (const batch of client.scanIterator({ MATCH: globPrefix(`${kind}:${prefix}`), COUNT: SCAN_COUNT, TYPE: type })) {
    for (const key of batch) {
      if (seen.has(key)) continue;
      seen.add(key);
      yield key.slice(kind.length + 1);
    }
  }
}

function redisRecords(open: Open, run: Run): VersionedRecords {
  return {
    async get(key) {
      const [value, version] = await (await open()).hmGet(`record:${key}`, ['v', 'n']);
      return value == null || version == null ? undefined : { value: String(value), version: Number(version) };
    },
    async put(key, value, expected) {
      const version = Number(await run(PUT, [`record:${key}`], [value, expected ?? '']));
      return version > 0 ? version : undefined;
    },
    delete: async (key) => (await (await open()).del(`record:${key}`)) > 0,
    keys: (prefix) => scanKeys(open, 'record', 'hash', prefix),
  };
}

function redisSets(open: Open, run: Run): MemberSets {
  return {
    add: async (key, members, max) => (members.length ? Number(await run(ADD, [`set:${key}`], [max ?? '', ...members])) : 0),
    remove: async (key, members) => (members.length ? (await open()).zRem(`set:${key}`, [...members]) : 0),
    members: async (key) => (await open()).zRange(`set:${key}`, 0, -1),
    async delete(key) { await (await open()).del(`set:${key}`); },
    keys: (prefix) => scanKeys(open, 'set', 'zset', prefix),
  };
}

function redisQueue(open: Open, run: Run): DueQueue {
  return {
    async schedule(queue, id, dueAt) { await (await open()).zAdd(`queue:${queue}`, { score: dueAt, value: id }); },
    async cancel(queue, id) { await (await open()).zRem(`queue:${queue}`, id); },
    take: async (queue, now, limit, leaseMs) =>
      (limit > 0 ? ((await run(TAKE, [`queue:${queue}`], [now, limit, now + leaseMs])) as string[]) : []),
    size: async (queue) => (await open()).zCard(`queue:${queue}`),
  };
}
