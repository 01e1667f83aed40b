/** Builtin functions: Go's and docker's (docker/cli cli/templates/templates.go). */

import { formatValue, goSprint, goSprintf } from './fmt';
import type { TemplateFunc } from './types';
import { utf8Bytes, utf8Length } from './strconv';
import { goTypeName, isObject, truth } from './value';

export interface CallContext {
  /** Throws an execution error at the current node. */
  error(message: string): never;
}

interface Builtin {
  /** Fixed parameter count, or the count before the variadic tail. */
  params: number;
  variadic: boolean;
  fn: (args: unknown[], ctx: CallContext) => unknown;
}

const fixed = (params: number, fn: Builtin['fn']): Builtin => ({ params, variadic: false, fn });
const variadic = (params: number, fn: Builtin['fn']): Builtin => ({ params, variadic: true, fn });

function wantString(v: unknown, ctx: CallContext): string {
  if (typeof v !== 'string') ctx.error(`wrong type for value; expected string; got ${goTypeName(v)}`);
  return v;
}

function wantInt(v: unknown, ctx: CallContext): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) ctx.error(`wrong type for value; expected int; got ${goTypeName(v)}`);
  return v;
}

function goTitle(s: string): string {
  const isSeparator = (c: string) => {
    if (c.codePointAt(0)! <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
    if (/[\p{L}\p{Nd}]/u.test(c)) return false;
    return /\s/u.test(c);
  };
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

/** The byte length of a string, elements of an array, or keys of an object (Go's len). */
function goLen(v: unknown, ctx: CallContext): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string') return utf8Length(v);
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  ctx.error(`error calling len: len of type ${goTypeName(v)}`);
}

/**
 * Go's zero value for a map's element type, as `index` returns for a missing key. The type
 * is guessed from the values present: docker's Labels and Options are map[string]string, so
 * a missing label is "" (not "<no value>"), and a missing network is a nil pointer.
 */
function zeroOfElements(obj: Record<string, unknown> | null | undefined): unknown {
  const values = obj ? Object.values(obj) : [];
  if (values.length === 0 || values.every((x) => typeof x === 'string')) return '';
  if (values.every((x) => typeof x === 'number')) return 0;
  if (values.every((x) => typeof x === 'boolean')) return false;
  return null;
}

function goIndex(item: unknown, indexes: unknown[], ctx: CallContext): unknown {
  let v = item;
  for (const index of indexes) {
    if (Array.isArray(v) || typeof v === 'string') {
      const seq = typeof v === 'string' ? utf8Bytes(v) : v;
      if (typeof index !== 'number' || !Number.isInteger(index)) ctx.error(`error calling index: cannot index slice/array with type ${goTypeName(index)}`);
      if (index < 0 || index >= seq.length) ctx.error(`error calling index: index out of range: ${index}`);
      v = seq[index];
    } else if (isObject(v) || v === null || v === undefined) {
      if (typeof index !== 'string') ctx.error(`error calling index: value has type ${goTypeName(index)}; should be string`);
      const obj = isObject(v) ? v : null;
      v = obj && Object.prototype.hasOwnProperty.call(obj, index) ? obj[index] : zeroOfElements(obj);
    } else {
      ctx.error(`error calling index: can't index item of type ${goTypeName(v)}`);
    }
  }
  return v;
}

function goSlice(item: unknown, indexes: unknown[], ctx: CallContext): unknown {
  if (typeof item !== 'string' && !Array.isArray(item)) ctx.error(`error calling slice: can't slice item of type ${goTypeName(item)}`);
  if (indexes.length > 2) ctx.error(`error calling slice: too many slice indexes: ${indexes.length}`);
  const len = typeof item === 'string' ? item.length : item.length;
  const bounds = indexes.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i)) ctx.error(`error calling slice: cannot index slice/array with type ${goTypeName(i)}`);
    return i;
  });
  const [from = 0, to = len] = bounds;
  if (from < 0 || to > len || from > to) ctx.error(`error calling slice: index out of range: ${from > to ? from : to}`);
  return item.slice(from, to);
}

type Kind = 'invalid' | 'bool' | 'number' | 'string' | 'other';
const kindOf = (v: unknown): Kind =>
  v === undefined || v === null ? 'invalid' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'other';

function goEq(name: string, args: unknown[], ctx: CallContext): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) ctx.error(`error calling ${name}: missing argument for comparison`);
  const ka = kindOf(a);
  for (const b of rest) {
    const kb = kindOf(b);
    if (ka !== kb) {
      if (ka !== 'invalid' && kb !== 'invalid') ctx.error(`error calling ${name}: incompatible types for comparison`);
      continue;
    }
    if (ka === 'other') ctx.error(`error calling ${name}: non-comparable type ${formatValue(a)}: ${goTypeName(a)}`);
    if (a === b || ka === 'invalid') return true;
  }
  return false;
}

function goLess(name: string, a: unknown, b: unknown, ctx: CallContext): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'invalid' || ka === 'other' || kb === 'invalid' || kb === 'other') ctx.error(`error calling ${name}: invalid type for comparison`);
  if (ka !== kb) ctx.error(`error calling ${name}: incompatible types for comparison`);
  if (ka === 'bool') ctx.error(`error calling ${name}: invalid type for comparison`);
  return (a as number | string) < (b as number | string);
}

export const BUILTINS: Record<string, Builtin> = {
  // and/or are evaluated lazily by the executor; these bodies are for completeness.
  and: variadic(1, (args) => args.find((a) => !truth(a)) ?? args[args.length - 1]),
  or: variadic(1, (args) => args.find((a) => truth(a)) ?? args[args.length - 1]),
  not: fixed(1, ([a]) => !truth(a)),
  len: fixed(1, ([a], ctx) => goLen(a, ctx)),
  index: variadic(1, ([item, ...indexes], ctx) => goIndex(item, indexes, ctx)),
  slice: variadic(1, ([item, ...indexes], ctx) => goSlice(item, indexes, ctx)),
  print: variadic(0, (args) => goSprint(args)),
  println: variadic(0, (args) => args.map(formatValue).join(' ') + '\n'),
  printf: variadic(1, ([format, ...args], ctx) => goSprintf(wantString(format, ctx), args)),
  eq: variadic(1, (args, ctx) => goEq('eq', args, ctx)),
  ne: fixed(2, (args, ctx) => !goEq('ne', args, ctx)),
  lt: fixed(2, ([a, b], ctx) => goLess('lt', a, b, ctx)),
  le: fixed(2, ([a, b], ctx) => goLess('le', a, b, ctx) || goEq('le', [a, b], ctx)),
  gt: fixed(2, ([a, b], ctx) => !(goLess('gt', a, b, ctx) || goEq('gt', [a, b], ctx))),
  ge: fixed(2, ([a, b], ctx) => !goLess('ge', a, b, ctx)),
  call: variadic(1, ([fn, ...args], ctx) => {
    if (typeof fn !== 'function') return ctx.error(`error calling call: non-function of type ${goTypeName(fn)}`);
    return (fn as TemplateFunc)(...args);
  }),
  // docker's basicFunctions
  json: fixed(1, ([v]) => toGoJson(v)),
  split: fixed(2, ([s, sep], ctx) => {
    const str = wantString(s, ctx);
    const by = wantString(sep, ctx);
    return by === '' ? [...str] : str.split(by);
  }),
  join: fixed(2, ([elems, sep], ctx) => {
    // Go wants a []string; docker's data is typed, so any list of printable values is accepted.
    if (!Array.isArray(elems)) return ctx.error(`wrong type for value; expected []string; got ${goTypeName(elems)}`);
    return elems.map(formatValue).join(wantString(sep, ctx));
  }),
  title: fixed(1, ([s], ctx) => goTitle(wantString(s, ctx))),
  lower: fixed(1, ([s], ctx) => wantString(s, ctx).toLowerCase()),
  upper: fixed(1, ([s], ctx) => wantString(s, ctx).toUpperCase()),
  pad: fixed(3, ([s, left, right], ctx) => {
    const str = wantString(s, ctx);
    const l = wantInt(left, ctx);
    const r = wantInt(right, ctx);
    return str === '' ? str : ' '.repeat(Math.max(l, 0)) + str + ' '.repeat(Math.max(r, 0));
  }),
  truncate: fixed(2, ([s, n], ctx) => {
    const str = wantString(s, ctx);
    const length = wantInt(n, ctx);
    if (utf8Length(str) < length) return str;
    // Go slices bytes; a character cut in half is dropped here rather than printed as junk.
    let out = '';
    let used = 0;
    for (const ch of str) {
      used += utf8Length(ch);
      if (used > length) break;
      out += ch;
    }
    return out;
  }),
};

/**
 * Go's encoding/json as docker's `json` function uses it: compact, HTML escaping off
 * (docker calls SetEscapeHTML(false)), U+2028/U+2029 escaped. Keys keep the object's order,
 * so the engine should build objects in Go struct order (and sorted for Go maps). Like
 * docker, which ignores the encoder's error, an unencodable value (NaN, a function) gives "".
 */
function toGoJson(v: unknown): string {
  let unencodable = false;
  const text = JSON.stringify(v === undefined ? null : v, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) unencodable = true;
    if (typeof value === 'function' || typeof value === 'bigint') unencodable = true;
    return value === undefined ? null : value;
  });
  if (unencodable || text === undefined) return '';
  return text
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
    .replace(/\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd');
}
