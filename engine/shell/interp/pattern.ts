/**
 * Shell patterns (`case`, `${x%pat}`, `[[ x == pat ]]`, globbing): `*`, `?`, `[…]` with ranges,
 * negation and `[:classes:]`; a backslash makes the next character literal (quoted text arrives
 * escaped). Matching is the two-pointer wildcard algorithm, O(text × pattern) with no regex
 * backtracking, and every call is charged to a work budget so no pattern can stall the page.
 */

type Tok =
  | { k: 'ch'; c: string }
  | { k: 'any' }
  | { k: 'star' }
  | { k: 'set'; neg: boolean; test: (c: string) => boolean };

const CLASSES: Record<string, RegExp> = {
  alpha: /[A-Za-z]/, digit: /[0-9]/, alnum: /[A-Za-z0-9]/, upper: /[A-Z]/, lower: /[a-z]/, space: /\s/,
  blank: /[ \t]/, punct: /[!-/:-@[-`{-~]/, xdigit: /[0-9A-Fa-f]/, print: /[ -~]/, graph: /[!-~]/, cntrl: /[\x00-\x1f\x7f]/, word: /\w/,
};

/** Raised when matching has done more work than the budget allows. */
export class PatternTooCostly {}

/** Character comparisons allowed per pattern operation before giving up. */
const WORK_LIMIT = 20_000_000;

const cache = new Map<string, Tok[]>();

function compile(pat: string): Tok[] {
  const hit = cache.get(pat);
  if (hit) return hit;
  const toks: Tok[] = [];
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\' && i + 1 < pat.length) toks.push({ k: 'ch', c: pat[++i]! });
    else if (c === '*') {
      if (toks[toks.length - 1]?.k !== 'star') toks.push({ k: 'star' });
    } else if (c === '?') toks.push({ k: 'any' });
    else if (c === '[') {
      const set = bracket(pat, i);
      if (set) {
        toks.push(set.tok);
        i = set.end;
      } else toks.push({ k: 'ch', c });
    } else toks.push({ k: 'ch', c });
  }
  if (cache.size > 500) cache.clear();
  cache.set(pat, toks);
  return toks;
}

/** A bracket expression starting at `start`; null if it never closes (then `[` is literal). */
function bracket(pat: string, start: number): { tok: Tok; end: number } | null {
  let i = start + 1;
  let neg = false;
  if (pat[i] === '!' || pat[i] === '^') {
    neg = true;
    i++;
  }
  const tests: ((c: string) => boolean)[] = [];
  let first = true;
  for (; i < pat.length; i++) {
    let c = pat[i]!;
    if (c === ']' && !first) return { tok: { k: 'set', neg, test: (x) => tests.some((t) => t(x)) }, end: i };
    first = false;
    if (c === '[' && pat[i + 1] === ':') {
      const close = pat.indexOf(':]', i + 2);
      if (close > 0) {
        const re = CLASSES[pat.slice(i + 2, close)];
        tests.push(re ? (x) => re.test(x) : () => false);
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < pat.length) c = pat[++i]!;
    if (pat[i + 1] === '-' && pat[i + 2] !== undefined && pat[i + 2] !== ']') {
      let hi = pat[i + 2]!;
      let skip = 2;
      if (hi === '\\' && pat[i + 3] !== undefined) {
        hi = pat[i + 3]!;
        skip = 3;
      }
      const lo = c;
      tests.push((x) => x >= lo && x <= hi);
      i += skip;
      continue;
    }
    const lit = c;
    tests.push((x) => x === lit);
  }
  return null;
}

function one(t: Tok, c: string): boolean {
  if (t.k === 'ch') return t.c === c;
  if (t.k === 'any') return true;
  if (t.k === 'set') return t.test(c) !== t.neg;
  return false;
}

export class Budget {
  work = 0;
  charge(n: number): void {
    this.work += n;
    if (this.work > WORK_LIMIT) throw new PatternTooCostly();
  }
}

/** Whether `s.slice(from, to)` matches the whole pattern. */
function matchRange(toks: Tok[], s: string, from: number, to: number, budget: Budget): boolean {
  let pi = 0;
  let si = from;
  let starPi = -1;
  let starSi = 0;
  const start = si;
  while (si < to) {
    const t = toks[pi];
    if (t?.k === 'star') {
      starPi = pi++;
      starSi = si;
      continue;
    }
    if (t && one(t, s[si]!)) {
      pi++;
      si++;
      continue;
    }
    if (starPi >= 0) {
      pi = starPi + 1;
      si = ++starSi;
      budget.charge(si - start + 1);
      continue;
    }
    budget.charge(si - start + 1);
    return false;
  }
  budget.charge(to - start + 1);
  while (toks[pi]?.k === 'star') pi++;
  return pi === toks.length;
}

/** Whether a pattern has an active `*`, `?` or a bracket expression that closes. */
export function hasGlobChars(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pat.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

/** Escapes text so that it matches itself only. */
export function escapePattern(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Removes pattern escapes. */
export function unescapePattern(pat: string): string {
  return pat.replace(/\\(.)/gs, '$1');
}

/** The length every match has when the pattern has no `*` (then only one end needs trying), else null. */
function fixedLength(toks: Tok[]): number | null {
  return toks.some((t) => t.k === 'star') ? null : toks.length;
}

export function matchPattern(pat: string, s: string): boolean {
  return matchRange(compile(pat), s, 0, s.length, new Budget());
}

/** `${x#p}` / `${x##p}`: the length of the shortest / longest prefix matching, or -1. */
export function matchPrefix(pat: string, s: string, longest: boolean): number {
  const toks = compile(pat);
  const b = new Budget();
  const fixed = fixedLength(toks);
  if (fixed !== null) return fixed <= s.length && matchRange(toks, s, 0, fixed, b) ? fixed : -1;
  if (longest) {
    for (let k = s.length; k >= 0; k--) if (matchRange(toks, s, 0, k, b)) return k;
  } else {
    for (let k = 0; k <= s.length; k++) if (matchRange(toks, s, 0, k, b)) return k;
  }
  return -1;
}

/** `${x%p}` / `${x%%p}`: where the shortest / longest matching suffix starts, or -1. */
export function matchSuffix(pat: string, s: string, longest: boolean): number {
  const toks = compile(pat);
  const b = new Budget();
  const fixed = fixedLength(toks);
  if (fixed !== null) return fixed <= s.length && matchRange(toks, s, s.length - fixed, s.length, b) ? s.length - fixed : -1;
  if (longest) {
    for (let k = 0; k <= s.length; k++) if (matchRange(toks, s, k, s.length, b)) return k;
  } else {
    for (let k = s.length; k >= 0; k--) if (matchRange(toks, s, k, s.length, b)) return k;
  }
  return -1;
}

/** The first (longest) match at or after `from`, for `${x/p/r}`: [start, end] or null. */
export function findMatch(pat: string, s: string, from: number, anchor: 'start' | 'end' | null, budget = new Budget()): [number, number] | null {
  const toks = compile(pat);
  const last = anchor === 'start' ? 0 : s.length;
  const fixed = fixedLength(toks);
  for (let st = from; st <= last; st++) {
    if (fixed !== null) {
      const end = st + fixed;
      if (end <= s.length && (anchor !== 'end' || end === s.length) && matchRange(toks, s, st, end, budget)) return [st, end];
      continue;
    }
    if (anchor === 'end') {
      if (matchRange(toks, s, st, s.length, budget)) return [st, s.length];
      continue;
    }
    for (let end = s.length; end >= st; end--) if (matchRange(toks, s, st, end, budget)) return [st, end];
  }
  return null;
}

/** `${x//p/r}`: every non-overlapping longest match replaced, scanning left to right. */
export function replaceAll(pat: string, s: string, rep: string): string {
  const budget = new Budget();
  let out = '';
  let pos = 0;
  while (pos <= s.length) {
    const m = findMatch(pat, s, pos, null, budget);
    if (!m) break;
    out += s.slice(pos, m[0]) + (m[1] > m[0] ? rep : '');
    if (m[1] === m[0]) {
      if (m[0] < s.length) out += s[m[0]];
      pos = m[0] + 1;
    } else pos = m[1];
  }
  return pos <= s.length ? out + s.slice(pos) : out;
}
