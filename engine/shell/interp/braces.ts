import type { Word, WordPart } from '../syntax/ast';

/**
 * bash's and zsh's brace expansion, done first on a word's unquoted text: `{a,b}c` gives `ac bc`,
 * `{1..5}`, `{a..e}`, `{01..10..3}`. Only unquoted characters count as braces and commas;
 * quoted text and expansions (`{$x,y}`) travel through as opaque items.
 */

/** One item of a word: an unquoted character, or any other part kept whole. */
type Item = string | WordPart;

/** The most words one brace expression may produce. */
export const MAX_BRACE_WORDS = 100_000;

export class TooManyBraceWords {}

function items(w: Word): Item[] {
  const out: Item[] = [];
  for (const p of w.parts) {
    if (p.type === 'lit') for (const c of p.text) out.push(c);
    else out.push(p);
  }
  return out;
}

function toWord(list: Item[], text: string): Word {
  const parts: WordPart[] = [];
  let lit = '';
  for (const it of list) {
    if (typeof it === 'string') lit += it;
    else {
      if (lit) parts.push({ type: 'lit', text: lit });
      lit = '';
      parts.push(it);
    }
  }
  if (lit) parts.push({ type: 'lit', text: lit });
  return { parts, text };
}

/** A `{x..y[..step]}` sequence from the characters between the braces, or null. */
function sequence(inner: Item[]): string[] | null {
  if (inner.some((i) => typeof i !== 'string')) return null;
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(inner.join(''));
  if (!m) return null;
  const a = m[1]!;
  const b = m[2]!;
  const s = m[3];
  const numeric = /\d/.test(a);
  if (numeric !== /\d/.test(b)) return null;
  const from = numeric ? Number(a) : a.charCodeAt(0);
  const to = numeric ? Number(b) : b.charCodeAt(0);
  const step = Math.abs(Number(s ?? 1)) || 1;
  const count = Math.floor(Math.abs(to - from) / step) + 1;
  if (count > MAX_BRACE_WORDS) throw new TooManyBraceWords();
  const width = numeric && (/^-?0\d/.test(a) || /^-?0\d/.test(b)) ? Math.max(a.length, b.length) : 0;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const v = from + (to >= from ? k : -k) * step;
    if (!numeric) out.push(String.fromCharCode(v));
    else {
      const digits = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? `-${digits}` : digits);
    }
  }
  return out;
}

/** Expands the first brace expression in `list` (then the results, recursively). */
function expand(list: Item[], budget: { words: number }): Item[][] {
  for (let open = 0; open < list.length; open++) {
    if (list[open] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let i = open; i < list.length; i++) {
      const c = list[i];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        close = i;
        break;
      } else if (c === ',' && depth === 1) commas.push(i);
    }
    if (close < 0) return [list];
    const before = list.slice(0, open);
    const after = list.slice(close + 1);
    let alternatives: Item[][];
    if (commas.length > 0) {
      const bounds = [open, ...commas, close];
      alternatives = bounds.slice(0, -1).map((b, k) => list.slice(b + 1, bounds[k + 1]));
    } else {
      const seq = sequence(list.slice(open + 1, close));
      if (!seq) continue;
      alternatives = seq.map((s) => [...s]);
    }
    const out: Item[][] = [];
    for (const alt of alternatives) {
      for (const w of expand([...before, ...alt, ...after], budget)) {
        if (++budget.words > MAX_BRACE_WORDS) throw new TooManyBraceWords();
        out.push(w);
      }
    }
    return out;
  }
  return [list];
}

/** The words a word becomes; the word itself when it has no brace expression. */
export function braceExpand(w: Word): Word[] {
  if (!w.parts.some((p) => p.type === 'lit' && p.text.includes('{'))) return [w];
  const results = expand(items(w), { words: 0 });
  if (results.length === 1) return [w];
  return results.map((r) => toWord(r, w.text));
}
