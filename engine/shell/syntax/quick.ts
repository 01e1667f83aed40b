import type { Command, Script, Word, WordPart } from './ast';
import { RESERVED } from './tokens';

/**
 * Most lines typed at a terminal are a command or a short pipeline of plain and quoted words
 * (`docker network ls`, `curl -s localhost:8080`, `docker ps --format "table {{.Names}}"`,
 * `echo hello | grep h`). Those are read here without the recursive descent, which costs some
 * fifty calls per line and runs cold when most lines skip it. Anything else (expansions,
 * backslashes, other operators, assignments, reserved words, comments, globs, `~`) goes to the
 * parser. quick.test.ts checks on thousands of generated lines that both give the same tree.
 */

/** Characters of an unquoted word that no shell treats specially, by char code (a table: this runs on every line). */
const PLAIN = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./:,@%+=') PLAIN[c.charCodeAt(0)] = 1;
/** Inside double quotes: no expansion, no newline, and backslashes only where they stay literal (`\t`). */
const DQ_BODY = /(?:[^"$`\\\n]|\\[^"$`\\\n])*/y;
const SQ_BODY = /[^'\n]*/y;

/** The first word is where the grammar looks for keywords; these start something else there. */
const NOT_PLAIN_FIRST = new Set([...RESERVED, 'function', '[[', 'select', 'coproc']);

export function quickParse(src: string): Script | null {
  if (src.length > 4096) return null;
  const commands: Command[] = [];
  let words: Word[] = [];
  let i = 0;
  const n = src.endsWith('\n') ? src.length - 1 : src.length;
  for (;;) {
    while (i < n && (src[i] === ' ' || src[i] === '\t')) i++;
    if (i >= n || src[i] === '|') {
      if (words.length === 0) return null;
      commands.push({ type: 'simple', assigns: [], words, redirects: [], line: 1 });
      if (i >= n) break;
      // `|` alone (not `||` or `|&`), and a command must follow it.
      if (src[i + 1] === '|' || src[i + 1] === '&') return null;
      i++;
      words = [];
      continue;
    }
    const w = readWord(src, i, n);
    if (!w) return null;
    if (words.length === 0) {
      const first = w.word.parts.length === 1 && w.word.parts[0]!.type === 'lit' ? w.word.text : null;
      if (first === null || first.includes('=') || NOT_PLAIN_FIRST.has(first)) return null;
    }
    words.push(w.word);
    i = w.end;
  }
  return {
    type: 'script',
    items: [{ andor: { head: { bang: false, commands, line: 1 }, tail: [] }, background: false, text: src.trim() }],
  };
}

/** One word from `start`: plain runs and quoted strings, up to a blank, `|` or the end; null if anything else is in it. */
function readWord(src: string, start: number, end: number): { word: Word; end: number } | null {
  const parts: WordPart[] = [];
  let lit = '';
  let i = start;
  while (i < end) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '|') break;
    if (PLAIN[src.charCodeAt(i)] === 1) {
      let j = i + 1;
      // Indexing past the table (a code of 128 or more) reads undefined: not plain.
      while (j < end && PLAIN[src.charCodeAt(j)] === 1) j++;
      lit += src.slice(i, j);
      i = j;
      continue;
    }
    const body = c === '"' ? DQ_BODY : c === "'" ? SQ_BODY : null;
    if (!body) return null;
    body.lastIndex = i + 1;
    const text = body.exec(src)![0];
    const close = i + 1 + text.length;
    if (close >= end || src[close] !== c) return null;
    if (lit) parts.push({ type: 'lit', text: lit });
    lit = '';
    parts.push(c === '"' ? { type: 'dq', parts: text ? [{ type: 'lit', text }] : [] } : { type: 'quoted', text });
    i = close + 1;
  }
  if (lit) parts.push({ type: 'lit', text: lit });
  return { word: { parts, text: src.slice(start, i) }, end: i };
}
