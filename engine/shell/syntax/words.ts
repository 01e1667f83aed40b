import type { ParamOp, ParamPart, Script, ShellKind, Word, WordPart } from './ast';
import { readAnsiC } from './ansi';
import type { ShellSyntaxError } from './errors';

/** Thrown inside the parser; `incomplete` means more input could complete the command. */
export class ParseFailure {
  constructor(
    readonly error: ShellSyntaxError,
    readonly incomplete: boolean,
  ) {}
}

export interface ReaderOptions {
  shell: ShellKind;
  /** A terminal: running out of input asks for another line instead of failing. */
  interactive: boolean;
}

/** What the word reader needs from the parser: nested command lists for `$(…)` and backticks. */
export interface SubParsers {
  /** Parses a list up to and including `)`, from the reader's position. */
  parseSub(): Script;
  /** Parses a backtick's unescaped text on its own. */
  parseText(text: string, line: number): Script;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL = '@*#?-$!';
/** Characters that end an unquoted word. */
const WORD_END = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** A run of characters that are neither a word's end nor special inside it (quotes, `\`, `$`, backtick). */
const PLAIN_RUN = /[^ \t\n;&|()<>\\'"`$]+/y;
/** The same inside double quotes, where only `"`, `\`, `$`, backtick (and newlines, for the line count) matter. */
const DQ_RUN = /[^"\\$`\n]+/y;

/** Builds a part list, merging adjacent literal text. */
export class Parts {
  readonly list: WordPart[] = [];
  private lit = '';
  add(text: string): void {
    this.lit += text;
  }
  push(part: WordPart): void {
    this.flush();
    this.list.push(part);
  }
  flush(): void {
    if (this.lit) this.list.push({ type: 'lit', text: this.lit });
    this.lit = '';
  }
  done(): WordPart[] {
    this.flush();
    return this.list;
  }
}

/** Reads words and their expansions from the source; the lexer builds on it. */
export class WordReader {
  pos = 0;
  line = 1;
  sub: SubParsers | null = null;

  constructor(
    readonly src: string,
    readonly opts: ReaderOptions,
  ) {}

  protected fail(error: ShellSyntaxError, incomplete = false): never {
    throw new ParseFailure(error, incomplete);
  }

  /** The input ended inside something that more lines could close. */
  protected unterminated(what: '"' | "'" | '`' | ')' | '}' | '))'): never {
    this.fail({ kind: 'unterminated', what, line: this.line }, this.opts.interactive);
  }

  /** Skips backslash-newline pairs; true if any were skipped. */
  protected continuation(): boolean {
    let skipped = false;
    while (this.src[this.pos] === '\\' && this.src[this.pos + 1] === '\n') {
      this.pos += 2;
      this.line++;
      skipped = true;
    }
    if (skipped && this.pos >= this.src.length && this.opts.interactive) {
      this.fail({ kind: 'eof', expecting: null, near: '\\', line: this.line }, true);
    }
    return skipped;
  }

  /** An unquoted word, from the current position up to a blank or an operator. */
  readWord(): Word {
    const start = this.pos;
    PLAIN_RUN.lastIndex = start;
    const whole = PLAIN_RUN.exec(this.src);
    if (whole) {
      const after = this.src[start + whole[0].length];
      if (after === undefined || WORD_END.has(after)) {
        // A word of plain text only (most words typed): no part list to build.
        this.pos = start + whole[0].length;
        return { parts: [{ type: 'lit', text: whole[0] }], text: whole[0] };
      }
    }
    const parts = new Parts();
    for (;;) {
      const c = this.src[this.pos];
      if (c === '\\' && this.continuation()) continue;
      if (c === undefined || WORD_END.has(c)) break;
      // Most words are plain text (`docker`, `--name`, `alpine`): take the whole run at once.
      PLAIN_RUN.lastIndex = this.pos;
      const run = PLAIN_RUN.exec(this.src);
      if (run) {
        parts.add(run[0]);
        this.pos += run[0].length;
      } else this.readPiece(parts);
    }
    return { parts: parts.done(), text: this.src.slice(start, this.pos) };
  }

  /** One quoted string, escape, expansion or plain character of a word. */
  private readPiece(parts: Parts): void {
    const c = this.src[this.pos]!;
    if (c === '\\') {
      const n = this.src[this.pos + 1];
      this.pos += n === undefined ? 1 : 2;
      if (n === undefined) parts.add('\\');
      else parts.push({ type: 'quoted', text: n });
    } else if (c === "'") parts.push({ type: 'quoted', text: this.readSingle() });
    else if (c === '"') parts.push({ type: 'dq', parts: this.readDouble() });
    else if (c === '`') parts.push(this.readBacktick(false));
    else if (c === '$') this.readDollar(parts, false);
    else {
      if (c === '\n') this.line++;
      parts.add(c);
      this.pos++;
    }
  }

  private readSingle(): string {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) this.unterminated("'");
    const text = this.src.slice(this.pos + 1, end);
    this.line += countNewlines(text);
    this.pos = end + 1;
    return text;
  }

  private readDouble(): WordPart[] {
    this.pos++;
    const parts = new Parts();
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.unterminated('"');
      if (c === '"') break;
      DQ_RUN.lastIndex = this.pos;
      const run = DQ_RUN.exec(this.src);
      if (run) {
        parts.add(run[0]);
        this.pos += run[0].length;
        continue;
      }
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (n !== undefined && '$`"\\'.includes(n)) {
          parts.add(n);
          this.pos += 2;
        } else {
          parts.add('\\');
          this.pos++;
        }
      } else if (c === '$') this.readDollar(parts, true);
      else if (c === '`') parts.push(this.readBacktick(true));
      else {
        if (c === '\n') this.line++;
        parts.add(c);
        this.pos++;
      }
    }
    this.pos++;
    return parts.done();
  }

  /** `…` : the text up to the closing backtick, unescaped, parsed on its own. */
  protected readBacktick(inDq: boolean): WordPart {
    const start = this.pos;
    const line = this.line;
    let inner = '';
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.unterminated('`');
      if (c === '`') break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n !== undefined && ('$`\\'.includes(n) || (inDq && n === '"'))) {
          inner += n;
          this.pos += 2;
          continue;
        }
      }
      if (c === '\n') this.line++;
      inner += c;
      this.pos++;
    }
    this.pos++;
    return { type: 'cmdsub', script: this.sub!.parseText(inner, line), text: this.src.slice(start, this.pos) };
  }

  /** `$` and what follows it; a `$` that starts no expansion is a plain character. */
  protected readDollar(parts: Parts, inDq: boolean): void {
    const start = this.pos;
    const n = this.src[this.pos + 1];
    if (n === '{') {
      parts.push(this.readBrace(inDq));
    } else if (n === '(') {
      if (this.src[this.pos + 2] === '(' && this.isArith(this.pos + 3)) {
        this.pos += 3;
        const expr = this.readUntil('))', inDq);
        parts.push({ type: 'arith', expr });
      } else {
        this.pos += 2;
        const script = this.sub!.parseSub();
        parts.push({ type: 'cmdsub', script, text: this.src.slice(start, this.pos) });
      }
    } else if (n === "'" && !inDq && this.opts.shell !== 'dash') {
      this.pos++;
      parts.push({ type: 'quoted', text: this.readAnsi() });
    } else if (n === '"' && !inDq && this.opts.shell !== 'dash') {
      this.pos++;
      parts.push({ type: 'dq', parts: this.readDouble() });
    } else if (n !== undefined && NAME_START.test(n)) {
      let end = this.pos + 2;
      while (end < this.src.length && NAME_CHAR.test(this.src[end]!)) end++;
      const name = this.src.slice(this.pos + 1, end);
      this.pos = end;
      parts.push(param(name, null, this.src.slice(start, end)));
    } else if (n !== undefined && (/[0-9]/.test(n) || SPECIAL.includes(n))) {
      this.pos += 2;
      parts.push(param(n, null, this.src.slice(start, this.pos)));
    } else {
      parts.add('$');
      this.pos++;
    }
  }

  /** `$((` starts arithmetic when its parentheses close with `))`; else it is `$( (…) )`. */
  private isArith(from: number): boolean {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else return this.src[i + 1] === ')' || i + 1 >= this.src.length;
      }
    }
    return true;
  }

  private readAnsi(): string {
    const r = readAnsiC(this.src, this.pos + 1);
    if (r === null) this.unterminated("'");
    this.line += countNewlines(this.src.slice(this.pos, r.end));
    this.pos = r.end;
    return r.text;
  }

  /** `${…}`: a name, then an operator and its word(s). */
  private readBrace(inDq: boolean): ParamPart {
    const start = this.pos;
    this.pos += 2;
    const s = this.src;
    let len = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && this.nameAt(this.pos + 1) > this.pos + 1 && s[this.nameAt(this.pos + 1)] === '}') {
      len = true;
      this.pos++;
    }
    const nameEnd = this.nameAt(this.pos);
    if (nameEnd === this.pos) return this.badBrace(start);
    const name = s.slice(this.pos, nameEnd);
    this.pos = nameEnd;
    const text = () => s.slice(start, this.pos);
    if (s[this.pos] === '}') {
      this.pos++;
      return param(name, len ? 'len' : null, text());
    }
    if (len) return this.badBrace(start);
    const bash = this.opts.shell !== 'dash';
    const two = s.slice(this.pos, this.pos + 2);
    let op: ParamOp | null = null;
    // Case changes are bash's and zsh's; ash has pattern replacement but not these.
    const caseOps = this.opts.shell === 'bash' || this.opts.shell === 'zsh';
    if (/^:[-=+?]$/.test(two)) op = two as ParamOp;
    else if (two === '%%' || two === '##' || (bash && (two === '//' || two === '/#' || two === '/%')) || (caseOps && (two === '^^' || two === ',,'))) op = two as ParamOp;
    else if ('-=+?%#'.includes(s[this.pos] ?? '\u0000') || (bash && s[this.pos] === '/') || (caseOps && '^,'.includes(s[this.pos] ?? '\u0000'))) op = s[this.pos] as ParamOp;
    else if (bash && s[this.pos] === ':') op = 'substr';
    if (!op) return this.badBrace(start);
    this.pos += op === 'substr' ? 1 : op.length;
    if (op === 'substr') {
      const arg = this.readUntil('}:', inDq);
      const arg2 = s[this.pos - 1] === ':' ? this.readUntil('}', inDq) : null;
      return { ...param(name, op, text()), arg, arg2 };
    }
    if (op[0] === '/') {
      const arg = this.readUntil('}/', inDq);
      const arg2 = s[this.pos - 1] === '/' ? this.readUntil('}', inDq) : null;
      return { ...param(name, op, text()), arg, arg2 };
    }
    const arg = this.readUntil('}', inDq);
    return { ...param(name, op, text()), arg };
  }

  /** The end of a parameter name at `i` (a name, digits, or one special character). */
  private nameAt(i: number): number {
    const s = this.src;
    const c = s[i];
    if (c === undefined) return i;
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < s.length && NAME_CHAR.test(s[j]!)) j++;
      return j;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9]/.test(s[j]!)) j++;
      return j;
    }
    return SPECIAL.includes(c) ? i + 1 : i;
  }

  /** A `${…}` the shell cannot read: kept whole, reported as "bad substitution" when expanded. */
  private badBrace(start: number): ParamPart {
    let depth = 0;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.unterminated('}');
      this.pos++;
      if (c === '\n') this.line++;
      if (c === '{') depth++;
      else if (c === '}' && depth-- === 0) break;
    }
    return param('', 'bad', this.src.slice(start, this.pos));
  }

  /** The expression of `$((…))`, `((…))` or a part of `for ((…;…;…))`, up to `))` (or `;`), consumed. */
  readArith(stop: '))' | ';'): Word {
    return this.readUntil(stop, false);
  }

  /**
   * The word inside `${…}` or `$((…))`, up to one of the stop characters (consumed); blanks and
   * operators are ordinary characters here. `))` stops arithmetic at parenthesis depth zero.
   */
  private readUntil(stops: string, inDq: boolean): Word {
    const start = this.pos;
    const parts = new Parts();
    let depth = 0;
    const arith = stops === '))';
    for (;;) {
      if (this.continuation()) continue;
      const c = this.src[this.pos];
      if (c === undefined) this.unterminated(arith || stops === ';' ? '))' : '}');
      if (arith) {
        if (c === ')' && depth === 0 && this.src[this.pos + 1] === ')') {
          const word = { parts: parts.done(), text: this.src.slice(start, this.pos) };
          this.pos += 2;
          return word;
        }
        if (c === '(') depth++;
        else if (c === ')') depth--;
      } else if (stops.includes(c)) {
        const word = { parts: parts.done(), text: this.src.slice(start, this.pos) };
        this.pos++;
        return word;
      }
      if (c === "'" && inDq) {
        parts.add(c);
        this.pos++;
      } else this.readPiece(parts);
    }
  }
}

function param(name: string, op: ParamPart['op'], text: string): ParamPart {
  return { type: 'param', name, op, arg: null, arg2: null, text };
}

export function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
