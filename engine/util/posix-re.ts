/**
 * POSIX regular expressions (grep, sed: BRE; grep -E, sed -E: ERE) matched in linear time by
 * re2js, so no pattern a learner types can backtrack for minutes (`grep -E '(a+)+$'`, issue 13).
 * Patterns are translated to RE2 syntax: BRE's \( \) \{ \} \| \+ \? become groups and operators
 * and their bare forms literals; `*` where it cannot repeat anything is literal; `\<` `\>` are
 * word boundaries; brackets keep their POSIX meaning (a backslash inside is literal). Matching is
 * leftmost-longest, as POSIX wants. Back-references cannot be matched in linear time: the lab
 * says so. re2js is loaded on first use, so pages that never run grep do not fetch it.
 */
import type { RE2JS as RE2Type } from 're2js';

export type PosixError =
  | { kind: 'bracket' }
  | { kind: 'paren' }
  | { kind: 'rparen' }
  | { kind: 'brace' }
  | { kind: 'interval' }
  | { kind: 'trailing' }
  | { kind: 'class' }
  | { kind: 'range' }
  | { kind: 'backref' }
  | { kind: 'toobig' }
  | { kind: 'invalid' };

export interface PosixOptions {
  /** ERE (grep -E, sed -E); otherwise BRE. */
  extended: boolean;
  ignoreCase?: boolean;
  /** grep -F: the pattern is a plain string. */
  fixed?: boolean;
  /** grep -w: the match must be a whole word. */
  word?: boolean;
  /** grep -x: the match must be the whole line. */
  line?: boolean;
}

export interface PosixMatch {
  index: number;
  text: string;
  /** Capture groups (\1…\9 in sed's replacement); '' for a group that did not take part. */
  groups: string[];
}

export interface PosixRegex {
  test(text: string): boolean;
  /** The first match at or after `from`, or null. */
  exec(text: string, from?: number): PosixMatch | null;
}

const CLASSES = new Set(['alnum', 'alpha', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'xdigit']);
/** RE2's largest repeat count (GNU allows 32767). */
const MAX_REPEAT = 1000;

function literal(ch: string): string {
  return /[\\.+*?()|[\]{}^$]/.test(ch) ? `\\${ch}` : ch;
}

/** A bracket expression from `[` at `i`: its RE2 form and the index of its closing `]`. */
function bracket(p: string, i: number): { text: string; end: number } | PosixError {
  let j = i + 1;
  let out = '[';
  if (p[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (; j < p.length; j++) {
    const c = p[j]!;
    if (c === ']' && !first) return { text: `${out}]`, end: j };
    first = false;
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '=' || p[j + 1] === '.')) {
      const kind = p[j + 1]!;
      const close = p.indexOf(`${kind}]`, j + 2);
      if (close < 0) return { kind: 'bracket' };
      const name = p.slice(j + 2, close);
      if (kind === ':') {
        if (!CLASSES.has(name)) return { kind: 'class' };
        out += `[:${name}:]`;
      } else {
        // Equivalence classes and collating symbols of the C locale are the character itself.
        if ([...name].length !== 1) return { kind: 'invalid' };
        out += `\\${name}`;
      }
      j = close + 1;
      continue;
    }
    out += c === '\\' || c === '[' || c === ']' ? `\\${c}` : c;
  }
  return { kind: 'bracket' };
}

/** An interval's body `m`, `m,`, `m,n` (the text between the braces), checked. */
function interval(body: string): string | PosixError {
  const m = /^(\d+)(,(\d*))?$/.exec(body);
  if (!m) return { kind: 'interval' };
  const lo = Number(m[1]);
  const hi = m[3] ? Number(m[3]) : null;
  if (hi !== null && hi < lo) return { kind: 'interval' };
  if (lo > MAX_REPEAT || (hi ?? 0) > MAX_REPEAT) return { kind: 'toobig' };
  return `{${body}}`;
}

/**
 * The pattern in RE2 syntax, or what is wrong with it. In an ERE, GNU grep takes `*`, `+`, `?`
 * or `{…}` with nothing before them as repeating nothing (and warns: they go to `warnings`).
 */
export function toRe2(p: string, extended: boolean, warnings: string[] = []): string | PosixError {
  let out = '';
  let depth = 0;
  // Where a `*` has nothing to repeat (start, after a group opens, after | or ^): it is literal.
  let atStart = true;
  // Where the last atom starts in `out`, and whether a repetition follows it already.
  let atom = 0;
  let repeated = false;
  const emitAtom = (text: string) => {
    atom = out.length;
    out += text;
    atStart = false;
    repeated = false;
  };
  const repeat = (op: string) => {
    // `a**`, `(a+)+`-like doubles: RE2 refuses a repetition of a repetition, so group the first.
    if (repeated) out = `${out.slice(0, atom)}(?:${out.slice(atom)})`;
    out += op;
    repeated = true;
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '[') {
      const b = bracket(p, i);
      if ('kind' in b) return b;
      emitAtom(b.text);
      i = b.end;
      continue;
    }
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) return { kind: 'trailing' };
      i++;
      if (!extended) {
        if (n === '(') {
          depth++;
          atom = out.length;
          out += '(';
          atStart = true;
          repeated = false;
          continue;
        }
        if (n === ')') {
          if (depth === 0) return { kind: 'rparen' };
          depth--;
          out += ')';
          atStart = false;
          repeated = false;
          atom = groupStart(out);
          continue;
        }
        if (n === '|') {
          out += '|';
          atStart = true;
          continue;
        }
        if (n === '{') {
          const close = p.indexOf('\\}', i + 1);
          if (close < 0) return { kind: 'brace' };
          const body = interval(p.slice(i + 1, close));
          if (typeof body !== 'string') return body;
          i = close + 1;
          if (atStart) emitAtom(literal('{') + body.slice(1, -1) + literal('}'));
          else repeat(body);
          continue;
        }
        if (n === '+' || n === '?') {
          if (atStart) emitAtom(literal(n));
          else repeat(n);
          continue;
        }
      }
      if (/[1-9]/.test(n)) return { kind: 'backref' };
      if (n === '<' || n === '>') {
        out += '\\b';
        continue;
      }
      if (/[wWsS]/.test(n)) {
        emitAtom(`\\${n}`);
        continue;
      }
      if (n === 'b' || n === 'B') {
        out += `\\${n}`;
        continue;
      }
      emitAtom(literal(n));
      continue;
    }
    if (c === '*') {
      if (atStart && extended) warnings.push('*');
      else if (atStart) emitAtom('\\*');
      else repeat('*');
      continue;
    }
    if (extended) {
      if (c === '(') {
        depth++;
        atom = out.length;
        out += '(';
        atStart = true;
        repeated = false;
        continue;
      }
      if (c === ')') {
        if (depth === 0) {
          emitAtom('\\)');
          continue;
        }
        depth--;
        out += ')';
        atStart = false;
        repeated = false;
        atom = groupStart(out);
        continue;
      }
      if (c === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (c === '+' || c === '?') {
        if (atStart) warnings.push(c);
        else repeat(c);
        continue;
      }
      if (c === '{') {
        const close = p.indexOf('}', i + 1);
        const text = close < 0 ? null : p.slice(i + 1, close);
        // Only digits and commas make an interval; anything else is a plain brace to GNU grep.
        if (text === null || !/^[0-9,]*$/.test(text)) {
          emitAtom('\\{');
          continue;
        }
        if (atStart) {
          warnings.push('{...}');
          continue;
        }
        const body = interval(text.startsWith(',') ? `0${text}` : text);
        if (typeof body !== 'string') return body;
        repeat(body);
        i = close;
        continue;
      }
      if (c === '^') {
        // An anchor that a following `*` may repeat, as GNU's ERE lets it (`^*a` is `a` anywhere).
        emitAtom('(?:^)');
        if ('*+?{'.includes(p[i + 1] ?? '')) warnings.push(p[i + 1] === '{' ? '{...}' : p[i + 1]!);
        continue;
      }
      if (c === '$') {
        out += '$';
        continue;
      }
    } else {
      if ('(){}|+?'.includes(c)) {
        emitAtom(literal(c));
        continue;
      }
      if (c === '^') {
        // An anchor only where a BRE can start; elsewhere a plain character.
        const anchor = i === 0 || p.slice(Math.max(0, i - 2), i) === '\\(' || p.slice(Math.max(0, i - 2), i) === '\\|';
        if (anchor) {
          out += '^';
          atStart = true;
        } else emitAtom('\\^');
        continue;
      }
      if (c === '$') {
        const rest = p.slice(i + 1);
        if (rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) out += '$';
        else emitAtom('\\$');
        continue;
      }
    }
    emitAtom(c === '.' ? '.' : literal(c));
  }
  if (depth > 0) return { kind: 'paren' };
  return out;
}

/** Where the group that `out` ends with opens (for a repetition of it to wrap). */
function groupStart(out: string): number {
  let depth = 0;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (out[i - 1] === '\\' && countBackslashes(out, i - 1) % 2 === 1) continue;
    if (c === ')') depth++;
    else if (c === '(') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return 0;
}

function countBackslashes(s: string, end: number): number {
  let n = 0;
  for (let i = end; i >= 0 && s[i] === '\\'; i--) n++;
  return n;
}

let loading: Promise<typeof RE2Type> | null = null;

function re2(): Promise<typeof RE2Type> {
  loading ??= import('re2js').then((m) => m.RE2JS);
  return loading;
}

type Compiled = { ok: true; re: PosixRegex; warnings: string[] } | { ok: false; error: PosixError };

/** Patterns compiled lately: a loop running `grep x` a thousand times compiles x once. */
const cache = new Map<string, Compiled>();
const CACHE_SIZE = 64;

/** Compiles a POSIX pattern for linear-time matching; an error says what is wrong with it. */
export async function compilePosix(pattern: string, o: PosixOptions): Promise<Compiled> {
  const key = `${[o.extended, o.ignoreCase, o.fixed, o.word, o.line].map((b) => (b ? 1 : 0)).join('')}\0${pattern}`;
  const known = cache.get(key);
  if (known) return known;
  const compiled = compile(await re2(), pattern, o);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

function compile(RE2: typeof RE2Type, pattern: string, o: PosixOptions): Compiled {
  let source: string;
  const warnings: string[] = [];
  if (o.fixed) source = RE2.quote(pattern);
  else {
    const t = toRe2(pattern, o.extended, warnings);
    if (typeof t !== 'string') return { ok: false, error: t };
    source = t;
  }
  if (o.word) source = `\\b(?:${source})\\b`;
  if (o.line) source = `^(?:${source})$`;
  let compiled: RE2Type;
  try {
    compiled = RE2.compile(source, RE2.LONGEST_MATCH | (o.ignoreCase ? RE2.CASE_INSENSITIVE : 0));
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (/character class range/.test(message)) return { ok: false, error: { kind: 'range' } };
    if (/repeat count/.test(message)) return { ok: false, error: { kind: 'toobig' } };
    if (/missing closing \]/.test(message)) return { ok: false, error: { kind: 'bracket' } };
    return { ok: false, error: { kind: 'invalid' } };
  }
  return {
    ok: true,
    warnings,
    re: {
      test: (text) => compiled.test(text),
      exec: (text, from = 0) => {
        const m = compiled.matcher(text);
        if (!m.find(from)) return null;
        const groups: string[] = [];
        for (let g = 1; g <= m.groupCount(); g++) groups.push(m.group(g) ?? '');
        return { index: m.start(), text: m.group() ?? '', groups };
      },
    },
  };
}
