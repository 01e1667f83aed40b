import type { AndOr, Command, ListItem, Pipeline, Script, SimpleCommand, Word } from './ast';
import { CompoundParser } from './compound';
import { parseCond } from './cond';
import { quickParse } from './quick';
import { CLOSERS, LIST_ENDS, MAX_DEPTH, REDIR_OPS, type ParseOptions, type ParseResult } from './tokens';
import { ParseFailure } from './words';

export { plainText, type ParseOptions, type ParseResult } from './tokens';

/** The shell grammar by recursive descent: lists, and-or lists, pipelines, simple commands. */
export class Parser extends CompoundParser {
  private depth = 0;

  constructor(src: string, opts: ParseOptions) {
    super(src, opts);
    this.lx.sub = { parseSub: () => this.cmdSub(), parseText: (text, line) => this.backtick(text, line) };
  }

  /** Everything up to the end of input. */
  program(): Script {
    const items = this.list();
    const t = this.peek();
    if (t.t !== 'eof') this.unexpected(t);
    return { type: 'script', items };
  }

  /** One line's worth of commands (scripts run line by line, as sh does); null at the end. */
  nextLine(): Script | null {
    this.linebreak();
    if (this.peek().t === 'eof') return null;
    const items = this.list(true);
    const t = this.peek();
    if (!this.endedAtNewline && t.t !== 'eof') this.unexpected(t);
    return { type: 'script', items };
  }

  private endedAtNewline = false;

  /**
   * A list of and-or lists separated by `;`, `&` or newlines, up to a closing word or operator
   * (or, with `oneLine`, up to the end of the line).
   */
  protected list(oneLine = false): ListItem[] {
    const items: ListItem[] = [];
    this.endedAtNewline = false;
    if (!oneLine) this.linebreak();
    for (;;) {
      const t = this.peek();
      if (oneLine && t.t === 'newline') {
        this.take();
        this.endedAtNewline = true;
        break;
      }
      if (t.t === 'eof' || (t.t === 'op' && LIST_ENDS.has(t.op))) break;
      const kw = this.keyword(t);
      if (kw !== null && CLOSERS.has(kw)) break;
      const andor = this.andOr();
      const sep = this.peek();
      const background = this.isOp(sep, '&');
      items.push({ andor, background, text: this.src.slice(t.start, sep.start).trimEnd() });
      if (this.isOp(sep, '&', ';') || sep.t === 'newline') {
        this.take();
        if (sep.t === 'newline' && oneLine) {
          this.endedAtNewline = true;
          break;
        }
        if (!oneLine) this.linebreak();
        continue;
      }
      const k = this.keyword(sep);
      if (sep.t === 'eof' || (sep.t === 'op' && LIST_ENDS.has(sep.op)) || (k !== null && CLOSERS.has(k))) break;
      this.unexpected(sep);
    }
    return items;
  }

  /** A list that must hold at least one command, as the bodies of `if`, `while` and `{ }` must. */
  protected body(closer: string): Script {
    const items = this.list();
    if (items.length === 0) {
      // dash says what it expected only when the input ran out: `"fi" unexpected`, but `(expecting "fi")` at the end.
      const t = this.peek();
      this.unexpected(t, t.t === 'eof' ? closer : null);
    }
    return { type: 'script', items };
  }

  private andOr(): AndOr {
    const head = this.pipeline();
    const tail: AndOr['tail'] = [];
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '&&', '||')) break;
      this.take();
      this.linebreak();
      tail.push({ op: (t as { op: '&&' | '||' }).op, pipeline: this.pipeline() });
    }
    return { head, tail };
  }

  private pipeline(): Pipeline {
    const line = this.peek().line;
    let bang = false;
    while (this.keyword(this.peek()) === '!') {
      if (bang && (this.opts.shell === 'dash' || this.opts.shell === 'busybox')) this.unexpected(this.peek());
      this.take();
      bang = !bang || this.opts.shell === 'dash' || this.opts.shell === 'busybox';
    }
    const commands: Command[] = [this.command()];
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '|', '|&')) break;
      this.take();
      if ((t as { op: string }).op === '|&') {
        const prev = commands[commands.length - 1]!;
        if (prev.type !== 'function') prev.redirects.push({ fd: 2, op: '>&', target: { parts: [{ type: 'lit', text: '1' }], text: '1' }, heredoc: null });
      }
      this.linebreak();
      commands.push(this.command());
    }
    return { bang, commands, line };
  }

  protected command(): Command {
    if (++this.depth > MAX_DEPTH) this.tooDeep();
    try {
      return this.commandInner();
    } finally {
      this.depth--;
    }
  }

  private tooDeep(): never {
    this.fail({ kind: 'limit', message: `sim: commands nested more than ${MAX_DEPTH} deep are not supported by the lab's shell`, line: this.lx.line });
  }

  private commandInner(): Command {
    const t = this.peek();
    const bash = this.opts.shell !== 'dash';
    if (t.t === 'op') {
      if (t.op === '(') {
        if (bash && this.opts.shell !== 'busybox' && this.src[t.start + 1] === '(') return this.arithCommand(t);
        this.take();
        const body = this.body(')');
        if (!this.isOp(this.peek(), ')')) this.unexpected(this.peek(), ')');
        this.take();
        return this.withRedirects({ type: 'subshell', body, redirects: [], line: t.line });
      }
      if (REDIR_OPS.has(t.op)) return this.simple();
      this.unexpected(t);
    }
    if (t.t !== 'word') this.unexpected(t);
    switch (this.keyword(t)) {
      case 'if':
        return this.ifCommand();
      case 'while':
      case 'until':
        return this.loop();
      case 'for':
        return this.forCommand();
      case 'case':
        return this.caseCommand();
      case '{': {
        this.take();
        const body = this.body('}');
        this.expectWord('}');
        return this.withRedirects({ type: 'group', body, redirects: [], line: t.line });
      }
      case 'function':
        if (bash) return this.functionKeyword();
        break;
      case '[[':
        if (bash) return this.withRedirects(parseCond(this.lx, t.line, (x) => this.unexpected(x)));
        break;
      default:
        if (CLOSERS.has(this.keyword(t) ?? '')) this.unexpected(t);
    }
    return this.simple();
  }

  private simple(): Command {
    const first = this.peek();
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [], line: first.line };
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && REDIR_OPS.has(t.op)) {
        cmd.redirects.push(this.redirect());
        continue;
      }
      if (t.t !== 'word') break;
      if (cmd.words.length === 0) {
        const assign = this.assignment(t.word);
        if (assign) {
          this.take();
          cmd.assigns.push(assign);
          continue;
        }
      }
      this.take();
      cmd.words.push(t.word);
      if (cmd.words.length === 1 && cmd.assigns.length === 0 && cmd.redirects.length === 0 && this.isOp(this.peek(), '(')) {
        return this.functionDef(t.word.text, first.start);
      }
    }
    return cmd;
  }

  private assignment(w: Word): SimpleCommand['assigns'][number] | null {
    const first = w.parts[0];
    if (!first || first.type !== 'lit') return null;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text);
    if (!m || (m[2] && (this.opts.shell === 'dash' || this.opts.shell === 'busybox'))) return null;
    const rest = first.text.slice(m[0].length);
    const parts = rest ? [{ type: 'lit' as const, text: rest }, ...w.parts.slice(1)] : w.parts.slice(1);
    return { name: m[1]!, value: { parts, text: w.text.slice(m[0].length) }, append: m[2] === '+' };
  }

  /** `$(…)`: a list up to `)`, read from the same lexer so here-docs and quotes nest correctly. */
  private cmdSub(): Script {
    if (++this.depth > MAX_DEPTH) this.tooDeep();
    try {
      const items = this.list();
      const t = this.peek();
      if (!this.isOp(t, ')')) {
        if (t.t === 'eof') this.fail({ kind: 'unterminated', what: ')', line: t.line }, this.opts.interactive);
        this.unexpected(t);
      }
      this.take();
      return { type: 'script', items };
    } finally {
      this.depth--;
    }
  }

  private backtick(text: string, line: number): Script {
    if (this.depth + 1 > MAX_DEPTH) this.tooDeep();
    const inner = new Parser(text, { ...this.opts, interactive: false });
    inner.depth = this.depth + 1;
    inner.lx.line = line;
    return inner.program();
  }
}

/** Parses a whole input. */
export function parse(src: string, opts: ParseOptions): ParseResult {
  const quick = quickParse(src);
  if (quick) return { ok: true, script: quick, warnings: [] };
  const p = new Parser(src, opts);
  try {
    const script = p.program();
    return { ok: true, script, warnings: p.lx.warnings };
  } catch (e) {
    return failure(e, p);
  }
}

export function failure(e: unknown, p: Parser): ParseResult & { ok: false } {
  if (e instanceof ParseFailure) return { ok: false, incomplete: e.incomplete, error: e.error };
  // Input nested deeper than the JavaScript stack allows: a limit, never a crash.
  if (e instanceof RangeError) {
    return { ok: false, incomplete: false, error: { kind: 'limit', message: "sim: this command nests too deeply for the lab's shell", line: p.lx.line } };
  }
  throw e;
}
