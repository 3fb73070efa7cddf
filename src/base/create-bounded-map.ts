/**
 * A small cache that never grows past `max` entries: writing a key makes it the newest, and when
 * full the oldest written goes (a Map iterates in insertion order). Expiry, where wanted, is the
 * caller's: store the deadline with the value. For small maps only: each eviction starts a new
 * iterator, which walks the holes earlier deletions left at the front (the replay memory, with
 * hundreds of thousands of entries, is a table of its own: create-replay-table.ts).
 */
export function createBoundedMap<K, V>(max: number) {
  const map = new Map<K, V>();
  return {
    get: (key: K): V | undefined => map.get(key),
    set(key: K, value: V): void {
      map.delete(key);
      if (map.size >= max) map.delete(map.keys().next().value!);
      map.set(key, value);
    },
    delete: (key: K): boolean => map.delete(key),
  };
}
