/**
 * Maps keyed by what a learner types (container, network and label names, env and shell
 * variables, options): `constructor`, `toString` or `__proto__` must be ordinary keys. Reading
 * `obj[name]` finds Object.prototype's members, and writing `obj['__proto__']` replaces the
 * prototype instead of storing a value. Lab state is plain JSON, so records restored from a
 * snapshot are ordinary objects: read them with `own`, write them with `setOwn`; maps built
 * fresh can be `dict()`s, which have no prototype at all.
 */

/** `rec[key]` if it is the record's own property, else undefined. */
export function own<T>(rec: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return rec != null && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** Stores `rec[key] = value` as an own property, even for `__proto__`. */
export function setOwn<T>(rec: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
  else rec[key] = value;
}

/** A record without a prototype (JSON.stringify, spreads and Object.entries treat it as any object). */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}
