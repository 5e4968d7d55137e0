// A bounded per-process memo for derived values that never change for a given
// key (parsed keys, opened sealed keys). Bounded so a long-running server with
// many applications cannot grow it without limit.
const MAX_ENTRIES = 2000;

export function memo<T>(cache: Map<string, unknown>, key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}
