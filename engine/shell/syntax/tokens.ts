import type { Script, ShellKind, Word } from './ast';
import type { ShellSyntaxError } from './errors';
import { Lexer, type HereDocWarning, type Token } from './lexer';
import { ParseFailure } from './words';

export interface ParseOptions {
  shell: ShellKind;
  /** A terminal: input that could go on (an open quote, `if` without `fi`) is "incomplete", not an error. */
  interactive: boolean;
}

export type ParseResult =
  | { ok: true; script: Script; warnings: HereDocWarning[] }
  | { ok: false; incomplete: boolean; error: ShellSyntaxError };

/** Words that close a construct; at the start of a command they end the list being read. */
export const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
export const REDIR_OPS = new Set<string>(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);
export const LIST_ENDS = new Set([')', ';;', ';&', ';;&']);
/** Reserved words: dash and ash name them in errors (`"fi" unexpected`); other words are just `word`. */
export const RESERVED = new Set([...CLOSERS, 'if', 'while', 'until', 'for', 'case', 'in', '{', '!']);
export const MAX_DEPTH = 200;
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The literal text of a word with only unquoted characters (reserved words must be unquoted). */
export function plainText(w: Word): string | null {
  if (w.parts.length === 0) return '';
  return w.parts.length === 1 && w.parts[0]!.type === 'lit' ? w.parts[0]!.text : null;
}

/** A word's text with quotes removed and expansions left as written (here-doc delimiters). */
export function unquotedText(w: Word): string {
  const flat = (parts: Word['parts']): string =>
    parts.map((p) => (p.type === 'lit' || p.type === 'quoted' ? p.text : p.type === 'dq' ? flat(p.parts) : p.type === 'arith' ? `$((${p.expr.text}))` : p.text)).join('');
  return flat(w.parts);
}

/** Token-level helpers under the parser's layers (compound commands, then lists and simple commands). */
export abstract class TokenParser {
  readonly lx: Lexer;
  protected lastText = '';

  constructor(
    readonly src: string,
    readonly opts: ParseOptions,
  ) {
    this.lx = new Lexer(src, opts);
  }

  protected peek(): Token {
    return this.lx.peeked ?? this.lx.peek();
  }

  protected take(): Token {
    const t = this.lx.next();
    this.lastText = t.t === 'word' ? t.word.text : t.t === 'op' ? t.op : t.t === 'newline' ? '\\n' : this.lastText;
    return t;
  }

  protected keyword(t: Token): string | null {
    return t.t === 'word' ? plainText(t.word) : null;
  }

  protected isOp(t: Token, op: string, or?: string): boolean {
    return t.t === 'op' && (t.op === op || t.op === or);
  }

  protected fail(error: ShellSyntaxError, incomplete = false): never {
    throw new ParseFailure(error, incomplete);
  }

  /** A syntax error at `t`, or "incomplete" when the input simply ended there. */
  protected unexpected(t: Token, expecting: string | null = null): never {
    if (t.t === 'eof') this.fail({ kind: 'eof', expecting, near: this.lastText, line: t.line }, this.opts.interactive);
    const token = t.t === 'word' ? t.word.text : t.t === 'op' ? t.op : 'newline';
    const word = t.t === 'word' && !RESERVED.has(this.keyword(t) ?? '');
    this.fail({ kind: 'token', token, word, atEof: false, expecting, line: t.line });
  }

  protected expectWord(word: string): void {
    const t = this.peek();
    if (this.keyword(t) !== word) this.unexpected(t, word);
    this.take();
  }

  protected linebreak(): void {
    while (this.peek().t === 'newline') this.take();
  }
}
