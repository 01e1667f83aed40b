/** Go's fmt for the values a docker template meets: %v printing, Sprint and Sprintf's verbs. */

import { formatGoFloat } from '../humanize';
import { goQuote, utf8Bytes } from './strconv';
import { goTypeName, isObject, isStruct, sortedKeys } from './value';

/** Go's %v for a value inside the template's data (nil prints "<nil>"). */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (typeof v === 'function') return '<func>';
  if (isStruct(v)) return `{${Object.keys(v).map((k) => formatValue(v[k])).join(' ')}}`;
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return `map[${sortedKeys(obj)
      .map((k) => `${k}:${formatValue(obj[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** Whole numbers print as Go ints (docker's data has int fields), others as float64 %v. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  return formatGoFloat(n, 'g', -1);
}

/** fmt.Sprint: operands are separated by a space when neither side is a string. */
export function goSprint(args: unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(arg);
  });
  return out;
}

// Sprintf: the verbs and flags docker templates use.

interface FmtSpec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

function badVerb(verb: string, v: unknown): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function padTo(s: string, spec: FmtSpec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  const fill = width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero) {
    // Zeros go after the sign of a number.
    const sign = numeric && /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(s: string, negative: boolean, spec: FmtSpec): string {
  if (negative) return '-' + s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function formatInteger(n: number, verb: string, spec: FmtSpec): string {
  const neg = n < 0;
  const abs = BigInt(Math.abs(n));
  let digits: string;
  switch (verb) {
    case 'b':
      digits = abs.toString(2);
      break;
    case 'o':
    case 'O':
      digits = (verb === 'O' ? '0o' : spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'x':
      digits = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      digits = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    default:
      digits = abs.toString();
  }
  if (spec.prec !== null) digits = digits.padStart(spec.prec, '0');
  return signed(digits, neg, spec);
}

function formatOne(verb: string, v: unknown, spec: FmtSpec, depth: number): string {
  if (v === undefined || v === null) return depth > 0 || verb === 'v' ? '<nil>' : badVerb(verb, v);
  if (Array.isArray(v)) return `[${v.map((x) => formatOne(verb, x, spec, depth + 1)).join(' ')}]`;
  if (isStruct(v)) return `{${Object.keys(v).map((k) => formatOne(verb, v[k], spec, depth + 1)).join(' ')}}`;
  if (isObject(v)) {
    return `map[${sortedKeys(v)
      .map((k) => `${formatOne(verb, k, spec, depth + 1)}:${formatOne(verb, v[k], spec, depth + 1)}`)
      .join(' ')}]`;
  }
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? String(v) : badVerb(verb, v);
  if (typeof v === 'string') {
    switch (verb) {
      case 'v':
      case 's':
        return spec.prec === null ? v : [...v].slice(0, spec.prec).join('');
      case 'q':
        return goQuote(v);
      case 'x':
      case 'X': {
        const hex = utf8Bytes(v)
          .map((b) => b.toString(16).padStart(2, '0'))
          .join(spec.space ? ' ' : '');
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
      default:
        return badVerb(verb, v);
    }
  }
  if (typeof v === 'number') {
    const isInt = Number.isInteger(v) && Math.abs(v) < 2 ** 63;
    switch (verb) {
      case 'v':
        return isInt ? signed(formatNumber(Math.abs(v)), v < 0, spec) : signed(formatGoFloat(Math.abs(v), 'g', spec.prec ?? -1), v < 0, spec);
      case 'd':
      case 'b':
      case 'o':
      case 'O':
      case 'x':
      case 'X':
        return isInt ? formatInteger(v, verb, spec) : badVerb(verb, v);
      case 'c':
        return isInt ? String.fromCodePoint(v) : badVerb(verb, v);
      case 'q':
        return isInt ? `'${String.fromCodePoint(v)}'` : badVerb(verb, v);
      case 'U':
        return isInt ? `U+${v.toString(16).toUpperCase().padStart(4, '0')}` : badVerb(verb, v);
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        // Lenient: JSON numbers that happen to be whole are still numbers to a float verb.
        const lower = verb.toLowerCase() as 'e' | 'f' | 'g';
        const prec = spec.prec ?? (lower === 'g' ? -1 : 6);
        const text = formatGoFloat(Math.abs(v), lower, prec);
        return signed(verb === 'E' || verb === 'G' ? text.toUpperCase() : text, v < 0 || Object.is(v, -0), spec);
      }
      default:
        return badVerb(verb, v);
    }
  }
  return verb === 'v' ? formatValue(v) : badVerb(verb, v);
}

export function goSprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const takeNumber = (): number | null => {
    if (format[i] === '*') {
      i++;
      const a = args[argi++];
      return typeof a === 'number' && Number.isInteger(a) ? a : null;
    }
    const m = /^\d+/.exec(format.slice(i));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  };
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: FmtSpec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (;;) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
      i++;
    }
    spec.width = takeNumber();
    if (spec.width !== null && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = takeNumber() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    // %+v means "field names" in Go, not a plus sign.
    if (verb === 'v') spec.plus = false;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argi++];
    const text = formatOne(verb, arg, spec, 0);
    out += padTo(text, spec, typeof arg === 'number');
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (a === undefined || a === null ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
