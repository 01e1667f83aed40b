import type { HereDoc, Word } from './ast';
import { Parts, WordReader } from './words';

export interface TokenBase {
  line: number;
  start: number;
  end: number;
}
export type Token =
  | (TokenBase & { t: 'word'; word: Word })
  | (TokenBase & { t: 'op'; op: string; fd: number | null })
  | (TokenBase & { t: 'newline' })
  | (TokenBase & { t: 'eof' });

/** A here-document cut short by the end of a script (bash warns; the others say nothing). */
export interface HereDocWarning {
  line: number;
  delimiter: string;
}

const COMMON_OPS = ['&&', '||', ';;', '<<-', '<<', '<&', '<>', '>>', '>&', '>|', '&', '|', ';', '(', ')', '<', '>'];
/** bash's (and mostly ash's and zsh's) extra operators; dash reads `&>` as `&` then `>`. */
const BASH_OPS = ['&>>', '|&', '&>'];
/** Here-strings: bash and zsh (BusyBox 1.35 ash reads `<<<` as `<<` then `<`). */
const HERE_STRING: Record<string, string[]> = { bash: ['<<<'], zsh: ['<<<'] };
/** Case fall-through: `;&` in bash and zsh, `;;&` in bash only (ash and dash have neither). */
const FALLTHROUGH: Record<string, string[]> = { bash: [';;&', ';&'], zsh: [';&'] };

/** Each shell's operators, longest first (so `<<-` wins over `<<`), built once per shell. */
const OPS_BY_SHELL = new Map<string, readonly string[]>();
function opsFor(shell: string): readonly string[] {
  let ops = OPS_BY_SHELL.get(shell);
  if (!ops) {
    ops = [...(FALLTHROUGH[shell] ?? []), ...(HERE_STRING[shell] ?? []), ...(shell === 'dash' ? [] : BASH_OPS), ...COMMON_OPS].sort((a, b) => b.length - a.length);
    OPS_BY_SHELL.set(shell, ops);
  }
  return ops;
}
/** The characters an operator can start with: anything else goes straight to the word reader. */
const OP_START = new Set(['&', '|', ';', '(', ')', '<', '>']);

interface PendingDoc {
  doc: HereDoc;
  strip: boolean;
  line: number;
}

/** Splits the source into words, operators and newlines; reads here-document bodies after a newline. */
export class Lexer extends WordReader {
  /** The token read ahead, if any (the parser looks here before calling peek()). */
  peeked: Token | null = null;
  private pending: PendingDoc[] = [];
  readonly warnings: HereDocWarning[] = [];
  private readonly ops = opsFor(this.opts.shell);

  peek(): Token {
    if (!this.peeked) this.peeked = this.scan();
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  /** Moves back to `pos` (on the current line) to re-read the source in another mode, as for `((`. */
  rewind(pos: number): void {
    this.pos = pos;
    this.peeked = null;
  }

  /** Queues a here-document whose body starts after the next newline. */
  addHereDoc(doc: HereDoc, strip: boolean): void {
    this.pending.push({ doc, strip, line: this.line });
  }

  hasPendingHereDocs(): boolean {
    return this.pending.length > 0;
  }

  private scan(): Token {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c !== '\\' || !this.continuation()) break;
    }
    const start = this.pos;
    const line = this.line;
    const c = this.src[this.pos];
    if (c === undefined) {
      if (this.pending.length > 0) this.hereDocsAtEof();
      return { t: 'eof', line, start, end: start };
    }
    if (c === '#') {
      const nl = this.src.indexOf('\n', this.pos);
      this.pos = nl < 0 ? this.src.length : nl;
      return this.scan();
    }
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHereDocs();
      return { t: 'newline', line, start, end: start + 1 };
    }
    if (c >= '0' && c <= '9') {
      const io = /^[0-9]+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
      if (io) {
        this.pos += io[0].length;
        const op = this.matchOp()!;
        return { t: 'op', op, fd: Number(io[0]), line, start, end: this.pos };
      }
    }
    const op = OP_START.has(c) ? this.matchOp() : null;
    if (op) return { t: 'op', op, fd: null, line, start, end: this.pos };
    const word = this.readWord();
    return { t: 'word', word, line, start, end: this.pos };
  }

  private matchOp(): string | null {
    for (const op of this.ops) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    return null;
  }

  private hereDocsAtEof(): void {
    if (this.opts.interactive) {
      this.fail({ kind: 'eof', expecting: null, near: this.pending[0]!.doc.delimiter, line: this.line }, true);
    }
    for (const p of this.pending.splice(0)) this.warnings.push({ line: p.line, delimiter: p.doc.delimiter });
  }

  /** Reads the bodies of the here-documents queued on the line just ended, in order. */
  private readHereDocs(): void {
    while (this.pending.length > 0) {
      const p = this.pending.shift()!;
      const bodyStart = this.pos;
      const startLine = this.line;
      let bodyText = '';
      const stripped: [number, number][] = [];
      let found = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let lineStart = this.pos;
        if (p.strip) while (this.src[lineStart] === '\t') lineStart++;
        const text = this.src.slice(lineStart, end);
        this.pos = nl < 0 ? end : end + 1;
        if (nl >= 0) this.line++;
        if (text === p.doc.delimiter) {
          found = true;
          break;
        }
        stripped.push([lineStart, this.pos]);
        bodyText += text + '\n';
      }
      if (!found) {
        if (this.opts.interactive) this.fail({ kind: 'eof', expecting: null, near: p.doc.delimiter, line: this.line }, true);
        this.warnings.push({ line: p.line, delimiter: p.doc.delimiter });
      }
      if (p.doc.quoted || !/[$`\\]/.test(bodyText)) {
        p.doc.body = { parts: bodyText ? [{ type: 'quoted', text: bodyText }] : [], text: bodyText };
        continue;
      }
      const resume = this.pos;
      const resumeLine = this.line;
      const parts = new Parts();
      this.line = startLine;
      for (const [from, to] of stripped) this.readBodyLine(parts, from, to);
      p.doc.body = { parts: [{ type: 'dq', parts: parts.done() }], text: this.src.slice(bodyStart, resume) };
      this.pos = resume;
      this.line = resumeLine;
    }
  }

  /**
   * One line of an unquoted here-document, read in place so that `$(…)` in it is parsed by the same
   * parser: `$`, backticks and backslash before `$ \` \\` or a newline are special; quotes are not.
   */
  private readBodyLine(parts: Parts, from: number, to: number): void {
    this.pos = from;
    while (this.pos < to) {
      const c = this.src[this.pos]!;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === '\n' && this.pos + 1 < to) {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n !== undefined && '$`\\'.includes(n)) {
          parts.add(n);
          this.pos += 2;
          continue;
        }
      }
      if (c === '$') this.readDollar(parts, true);
      else if (c === '`') parts.push(this.readBacktick(true));
      else {
        if (c === '\n') this.line++;
        parts.add(c);
        this.pos++;
      }
    }
    if (this.src[to - 1] !== '\n') parts.add('\n');
  }
}
