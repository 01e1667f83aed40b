import { parse as shellParse } from 'shell-quote';

/**
 * The interpreter's syntax: lists (`;`, `&&`, `||`) of pipelines (`|`) of simple commands with
 * redirections. Word splitting, quoting and `$VAR` expansion come from shell-quote; this module
 * adds what it leaves out (unterminated quotes, redirection targets, syntax errors as sh prints them).
 */

export interface Redirect {
  fd: 1 | 2;
  /** '>' or '>>'; '>&' duplicates onto another fd. */
  op: '>' | '>>' | '>&';
  target: string;
}

export interface SimpleCommand {
  argv: string[];
  redirects: Redirect[];
  /** stdin from a file (`< file`). */
  input: string | null;
}

export interface ListItem {
  /** How this pipeline is joined to the previous one. */
  join: ';' | '&&' | '||' | null;
  pipeline: SimpleCommand[];
  background: boolean;
}

export type ParseResult = { ok: true; list: ListItem[] } | { ok: false; error: string };

/** Finds an unterminated quote the way sh would complain about it. */
function unterminatedQuote(line: string): string | null {
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q === null) {
      if (ch === '\\') i++;
      else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return null;
      else if (ch === '"' || ch === "'" || ch === '`') q = ch;
    } else if (ch === q) q = null;
    else if (ch === '\\' && q === '"') i++;
  }
  return q;
}

type Token = string | { op: string } | { comment: string } | { op: 'glob'; pattern: string };

/** Stands for an unset variable while shell-quote splits words: an unquoted `$UNSET` vanishes. */
const UNSET = '\u0001unset\u0001';

export function parseLine(line: string, env: (name: string) => string | undefined): ParseResult {
  const q = unterminatedQuote(line);
  if (q) return { ok: false, error: `unexpected EOF while looking for matching \`${q}'` };
  let tokens: Token[];
  try {
    // Variables expand while words are split, so a quoted "$X" stays one word.
    tokens = shellParse(line, (key: string) => env(key) ?? UNSET) as Token[];
  } catch {
    return { ok: false, error: 'syntax error' };
  }
  const list: ListItem[] = [];
  let pipeline: SimpleCommand[] = [];
  let cmd: SimpleCommand = { argv: [], redirects: [], input: null };
  let join: ListItem['join'] = null;
  const endCommand = (opText: string): string | null => {
    if (cmd.argv.length === 0) return `syntax error near unexpected token \`${opText}'`;
    pipeline.push(cmd);
    cmd = { argv: [], redirects: [], input: null };
    return null;
  };
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i]!;
    if (typeof t === 'string') {
      if (t === UNSET) continue;
      t = t.split(UNSET).join('');
      // shell-quote splits "2>&1" into "2" + ">&"; fold a lone fd number into the redirection.
      const next = tokens[i + 1];
      if ((t === '1' || t === '2') && next && typeof next === 'object' && 'op' in next && ['>', '>>', '>&'].includes(next.op)) {
        const target = tokens[i + 2];
        if (typeof target !== 'string') return { ok: false, error: `syntax error near unexpected token \`newline'` };
        cmd.redirects.push({ fd: t === '2' ? 2 : 1, op: next.op as Redirect['op'], target });
        i += 2;
        continue;
      }
      cmd.argv.push(t);
      continue;
    }
    if ('comment' in t) break;
    if (t.op === 'glob') {
      cmd.argv.push((t as { pattern: string }).pattern);
      continue;
    }
    switch (t.op) {
      case '>':
      case '>>':
      case '>&':
      case '<': {
        const target = tokens[i + 1];
        if (typeof target !== 'string') return { ok: false, error: `syntax error near unexpected token \`newline'` };
        if (t.op === '<') cmd.input = target;
        else cmd.redirects.push({ fd: 1, op: t.op as Redirect['op'], target });
        i++;
        break;
      }
      case '|': {
        const e = endCommand('|');
        if (e) return { ok: false, error: e };
        break;
      }
      case ';':
      case '&&':
      case '||':
      case '&': {
        if (cmd.argv.length === 0 && pipeline.length === 0) {
          return { ok: false, error: `syntax error near unexpected token \`${t.op}'` };
        }
        const e = endCommand(t.op);
        if (e) return { ok: false, error: e };
        list.push({ join, pipeline, background: t.op === '&' });
        pipeline = [];
        join = t.op === '&' ? ';' : (t.op as ListItem['join']);
        break;
      }
      case '(':
      case ')':
        return { ok: false, error: `sim: subshells ( ... ) are not part of this lab's shell` };
      default:
        return { ok: false, error: `syntax error near unexpected token \`${t.op}'` };
    }
  }
  if (cmd.argv.length > 0 || cmd.redirects.length > 0) {
    if (cmd.argv.length === 0) return { ok: false, error: `syntax error near unexpected token \`newline'` };
    pipeline.push(cmd);
  } else if (pipeline.length > 0) {
    return { ok: false, error: `syntax error: unexpected end of file` };
  } else if (join === '&&' || join === '||') {
    return { ok: false, error: `syntax error: unexpected end of file` };
  }
  if (pipeline.length > 0) list.push({ join, pipeline, background: false });
  return { ok: true, list };
}
