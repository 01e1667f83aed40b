import type {
  AndOr, CaseItem, Command, CompoundCommand, FunctionDef, HereDoc, ListItem, Pipeline, Redirect, RedirOp, Script, ShellKind,
  SimpleCommand, Word,
} from './ast';
import type { ShellSyntaxError } from './errors';
import { Lexer, type HereDocWarning, type Token } from './lexer';
import { ParseFailure } from './words';
import { parseCond } from './cond';

export interface ParseOptions {
  shell: ShellKind;
  /** A terminal: input that could go on (an open quote, `if` without `fi`) is "incomplete", not an error. */
  interactive: boolean;
}

export type ParseResult =
  | { ok: true; script: Script; warnings: HereDocWarning[] }
  | { ok: false; incomplete: boolean; error: ShellSyntaxError };

/** Words that close a construct; at the start of a command they end the list being read. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const REDIR_OPS = new Set<string>(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);
const LIST_ENDS = new Set([')', ';;', ';&', ';;&']);
/** Reserved words: dash and ash name them in errors (`"fi" unexpected`); other words are just `word`. */
const RESERVED = new Set([...CLOSERS, 'if', 'while', 'until', 'for', 'case', 'in', '{', '!']);
const MAX_DEPTH = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The literal text of a word with only unquoted characters (reserved words must be unquoted). */
export function plainText(w: Word): string | null {
  if (w.parts.length === 0) return '';
  return w.parts.length === 1 && w.parts[0]!.type === 'lit' ? w.parts[0]!.text : null;
}

/** A word's text with quotes removed and expansions left as written (here-doc delimiters). */
function unquotedText(w: Word): string {
  const flat = (parts: Word['parts']): string =>
    parts.map((p) => (p.type === 'lit' || p.type === 'quoted' ? p.text : p.type === 'dq' ? flat(p.parts) : p.type === 'arith' ? `$((${p.expr.text}))` : p.text)).join('');
  return flat(w.parts);
}

export class Parser {
  readonly lx: Lexer;
  private depth = 0;
  private lastText = '';

  constructor(
    readonly src: string,
    readonly opts: ParseOptions,
  ) {
    this.lx = new Lexer(src, opts);
    this.lx.sub = { parseSub: () => this.cmdSub(), parseText: (text, line) => this.backtick(text, line) };
  }

  // ---- tokens ----

  private peek(): Token {
    return this.lx.peek();
  }

  private take(): Token {
    const t = this.lx.next();
    this.lastText = t.t === 'word' ? t.word.text : t.t === 'op' ? t.op : t.t === 'newline' ? '\\n' : this.lastText;
    return t;
  }

  private keyword(t: Token): string | null {
    return t.t === 'word' ? plainText(t.word) : null;
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.t === 'op' && ops.includes(t.op);
  }

  private fail(error: ShellSyntaxError, incomplete = false): never {
    throw new ParseFailure(error, incomplete);
  }

  /** A syntax error at `t`, or "incomplete" when the input simply ended there. */
  private unexpected(t: Token, expecting: string | null = null): never {
    if (t.t === 'eof') this.fail({ kind: 'eof', expecting, near: this.lastText, line: t.line }, this.opts.interactive);
    const token = t.t === 'word' ? t.word.text : t.t === 'op' ? t.op : 'newline';
    const word = t.t === 'word' && !RESERVED.has(this.keyword(t) ?? '');
    this.fail({ kind: 'token', token, word, atEof: false, expecting, line: t.line });
  }

  private expectWord(word: string): void {
    const t = this.peek();
    if (this.keyword(t) !== word) this.unexpected(t, word);
    this.take();
  }

  private linebreak(): void {
    while (this.peek().t === 'newline') this.take();
  }

  // ---- lists ----

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
  private list(oneLine = false): ListItem[] {
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
  private body(closer: string): Script {
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

  // ---- commands ----

  private command(): Command {
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

  private withRedirects<C extends CompoundCommand>(c: C): C {
    while (this.peek().t === 'op' && REDIR_OPS.has((this.peek() as { op: string }).op)) c.redirects.push(this.redirect());
    return c;
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

  private redirect(): Redirect {
    const t = this.take() as Token & { t: 'op' };
    const op = t.op as RedirOp;
    const target = this.peek();
    if (target.t !== 'word') {
      if (target.t === 'eof' && !this.opts.interactive) {
        this.fail({ kind: 'token', token: 'newline', word: false, atEof: true, expecting: null, line: target.line });
      }
      this.unexpected(target);
    }
    this.take();
    let heredoc: HereDoc | null = null;
    if (op === '<<' || op === '<<-') {
      const quoted = target.word.parts.some((p) => p.type !== 'lit');
      heredoc = { body: { parts: [], text: '' }, quoted, delimiter: unquotedText(target.word) };
      this.lx.addHereDoc(heredoc, op === '<<-');
    }
    return { fd: t.fd, op, target: target.word, heredoc };
  }

  private functionDef(name: string, start: number): FunctionDef {
    const line = this.peek().line;
    this.take();
    if (!this.isOp(this.peek(), ')')) this.unexpected(this.peek(), ')');
    this.take();
    return this.functionBody(name, start, line);
  }

  private functionKeyword(): FunctionDef {
    const kw = this.take();
    const name = this.peek();
    if (name.t !== 'word') this.unexpected(name);
    this.take();
    if (this.isOp(this.peek(), '(')) {
      this.take();
      if (!this.isOp(this.peek(), ')')) this.unexpected(this.peek());
      this.take();
    }
    return this.functionBody(name.word.text, kw.start, kw.line);
  }

  private functionBody(name: string, start: number, line: number): FunctionDef {
    this.linebreak();
    const t = this.peek();
    const kw = this.keyword(t);
    const compound = (t.t === 'op' && t.op === '(') || (kw !== null && ['{', 'if', 'while', 'until', 'for', 'case', '[['].includes(kw));
    if (!compound && (this.opts.shell === 'bash' || this.opts.shell === 'zsh' || t.t !== 'word')) this.unexpected(t);
    const body = this.command();
    return { type: 'function', name, body, text: this.src.slice(start, this.peek().start).trimEnd(), line };
  }

  private ifCommand(): CompoundCommand {
    const line = this.take().line;
    const clauses: { cond: Script; body: Script }[] = [];
    let elseBody: Script | null = null;
    for (;;) {
      const cond = this.body('then');
      this.expectWord('then');
      const body = this.body('fi');
      clauses.push({ cond, body });
      const kw = this.keyword(this.peek());
      if (kw === 'elif') {
        this.take();
        continue;
      }
      if (kw === 'else') {
        this.take();
        elseBody = this.body('fi');
      }
      this.expectWord('fi');
      break;
    }
    return this.withRedirects({ type: 'if', clauses, elseBody, redirects: [], line });
  }

  private loop(): CompoundCommand {
    const t = this.take();
    const cond = this.body('do');
    this.expectWord('do');
    const body = this.body('done');
    this.expectWord('done');
    return this.withRedirects({ type: 'while', until: this.keyword(t) === 'until', cond, body, redirects: [], line: t.line });
  }

  private doGroup(): Script {
    this.expectWord('do');
    const body = this.body('done');
    this.expectWord('done');
    return body;
  }

  private forCommand(): CompoundCommand {
    const line = this.take().line;
    const t = this.peek();
    if (t.t === 'op' && t.op === '(' && this.src[t.start + 1] === '(' && this.opts.shell !== 'dash' && this.opts.shell !== 'busybox') {
      this.lx.rewind(t.start + 2);
      const init = this.lx.readArith(';');
      const cond = this.lx.readArith(';');
      const step = this.lx.readArith('))');
      if (this.isOp(this.peek(), ';')) this.take();
      this.linebreak();
      return this.withRedirects({ type: 'arithfor', init, cond, step, body: this.doGroup(), redirects: [], line });
    }
    if (t.t !== 'word') this.unexpected(t);
    this.take();
    const name = t.word.text;
    if (!NAME.test(name) && (this.opts.shell === 'dash' || this.opts.shell === 'busybox')) this.fail({ kind: 'badfor', line: t.line });
    let items: Word[] | null = null;
    this.linebreak();
    if (this.keyword(this.peek()) === 'in') {
      this.take();
      items = [];
      for (;;) {
        const w = this.peek();
        if (w.t !== 'word') break;
        this.take();
        items.push(w.word);
      }
      const sep = this.peek();
      if (this.isOp(sep, ';') || sep.t === 'newline') this.take();
      else this.unexpected(sep, 'do');
    } else if (this.isOp(this.peek(), ';')) this.take();
    this.linebreak();
    return this.withRedirects({ type: 'for', name, items, body: this.doGroup(), redirects: [], line });
  }

  private caseCommand(): CompoundCommand {
    const line = this.take().line;
    const w = this.peek();
    if (w.t !== 'word') this.unexpected(w);
    this.take();
    this.linebreak();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.linebreak();
      let t = this.peek();
      if (this.keyword(t) === 'esac') {
        this.take();
        break;
      }
      if (this.isOp(t, '(')) {
        this.take();
        t = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        if (t.t !== 'word') this.unexpected(t, items.length === 0 ? ')' : 'esac');
        this.take();
        patterns.push(t.word);
        if (!this.isOp(this.peek(), '|')) break;
        this.take();
        t = this.peek();
      }
      if (!this.isOp(this.peek(), ')')) this.unexpected(this.peek(), ')');
      this.take();
      const body: Script = { type: 'script', items: this.list() };
      const end = this.peek();
      if (end.t === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) {
        this.take();
        items.push({ patterns, body, terminator: end.op });
        continue;
      }
      items.push({ patterns, body, terminator: ';;' });
      this.expectWord('esac');
      break;
    }
    return this.withRedirects({ type: 'case', word: w.word, items, redirects: [], line });
  }

  private arithCommand(t: Token): CompoundCommand {
    this.lx.rewind(t.start + 2);
    const expr = this.lx.readArith('))');
    return this.withRedirects({ type: 'arithcmd', expr, redirects: [], line: t.line });
  }

  // ---- nested command lists ----

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
