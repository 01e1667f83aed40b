/** Values: how Go would see JSON-like data (struct or map, type names, truth). */

const STRUCT = Symbol('go-struct');

/**
 * Marks a plain object as a Go struct: printed as `{v1 v2}` in field order (as Docker's typed
 * data prints), where a map prints as `map[k:v]`. The mark is a symbol, so JSON ignores it.
 */
export function goStruct<T extends object>(obj: T): T {
  Object.defineProperty(obj, STRUCT, { value: true, enumerable: false });
  return obj;
}

/**
 * A Go nil slice: JSON writes it as null, templates print it as `[]` (a nil []T prints like an
 * empty one, where a nil pointer prints `<nil>`).
 */
export function nilSlice(): unknown[] {
  const a: unknown[] = [];
  Object.defineProperty(a, 'toJSON', { value: () => null, enumerable: false });
  return a;
}

export function isStruct(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && (v as { [STRUCT]?: boolean })[STRUCT] === true;
}

export function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** obj[key] only if it is the object's own key (so "constructor" is not a function name). */
export function ownValue<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The Go type a value would have in docker's JSON data, for error messages. */
export function goTypeName(v: unknown): string {
  if (v === undefined || v === null) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'function') return 'func';
  return 'map[string]interface {}';
}

/** Go's template truth: false, 0, "", nil and empty collections are false. */
export function truth(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}
