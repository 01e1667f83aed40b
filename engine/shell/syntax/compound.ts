import type { CaseItem, Command, CompoundCommand, FunctionDef, HereDoc, ListItem, Redirect, RedirOp, Script, Word } from './ast';
import type { Token } from './lexer';
import { NAME, REDIR_OPS, TokenParser, unquotedText } from './tokens';

/** Compound commands (if, while/until, for, case, `(( ))`), function definitions and redirections. */
export abstract class CompoundParser extends TokenParser {
  protected abstract body(closer: string): Script;
  protected abstract list(oneLine?: boolean): ListItem[];
  protected abstract command(): Command;

  protected withRedirects<C extends CompoundCommand>(c: C): C {
    while (this.peek().t === 'op' && REDIR_OPS.has((this.peek() as { op: string }).op)) c.redirects.push(this.redirect());
    return c;
  }

  protected redirect(): Redirect {
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

  protected functionDef(name: string, start: number): FunctionDef {
    const line = this.peek().line;
    this.take();
    if (!this.isOp(this.peek(), ')')) this.unexpected(this.peek(), ')');
    this.take();
    return this.functionBody(name, start, line);
  }

  protected functionKeyword(): FunctionDef {
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

  protected functionBody(name: string, start: number, line: number): FunctionDef {
    this.linebreak();
    const t = this.peek();
    const kw = this.keyword(t);
    const compound = (t.t === 'op' && t.op === '(') || (kw !== null && ['{', 'if', 'while', 'until', 'for', 'case', '[['].includes(kw));
    if (!compound && (this.opts.shell === 'bash' || this.opts.shell === 'zsh' || t.t !== 'word')) this.unexpected(t);
    const body = this.command();
    return { type: 'function', name, body, text: this.src.slice(start, this.peek().start).trimEnd(), line };
  }

  protected ifCommand(): CompoundCommand {
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

  protected loop(): CompoundCommand {
    const t = this.take();
    const cond = this.body('do');
    this.expectWord('do');
    const body = this.body('done');
    this.expectWord('done');
    return this.withRedirects({ type: 'while', until: this.keyword(t) === 'until', cond, body, redirects: [], line: t.line });
  }

  protected doGroup(): Script {
    this.expectWord('do');
    const body = this.body('done');
    this.expectWord('done');
    return body;
  }

  protected forCommand(): CompoundCommand {
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

  protected caseCommand(): CompoundCommand {
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

  protected arithCommand(t: Token): CompoundCommand {
    this.lx.rewind(t.start + 2);
    const expr = this.lx.readArith('))');
    return this.withRedirects({ type: 'arithcmd', expr, redirects: [], line: t.line });
  }
}
