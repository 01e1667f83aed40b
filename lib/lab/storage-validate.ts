/**
 * Tiny shape checks for what we read back from localStorage. (zod would do, but it is ≈30 KiB of
 * JavaScript on every page's first load; these few checks are all the client needs.)
 */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * A record for keys that come from outside (lesson slugs, exercise ids, a progress file): no
 * prototype, so "__proto__", "constructor" or "toString" are keys like any other, never
 * Object.prototype's members. Read it with `own()`.
 */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** The record's own value under `key`; never an inherited member (a plain object's `constructor`). */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
