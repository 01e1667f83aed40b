/**
 * A Go text/template subset for `docker inspect -f`, `docker ps --format`, `docker network ls
 * --format` and friends. Data is JSON-like (keys are Go field names); objects behave like Go
 * maps (a key works as a field, ranges go in sorted key order). Errors use Go's wording and
 * positions ("template: :1:8: executing "" at <.State.Health...>: ...") because learners paste
 * them into search engines. Nothing here throws: compile and execute return results.
 */

import { formatGoFloat } from './humanize';

/** A template function. It may throw; the message becomes Go's `error calling NAME: ...`. */
export type TemplateFunc = (...args: unknown[]) => unknown;

export interface TemplateError {
  ok: false;
  error: string;
}

export type ExecuteResult = { ok: true; text: string } | { ok: false; error: string };

export interface ExecuteOptions {
  /**
   * What a missing map key does. 'default' (Go's default) yields a missing value, printed
   * as "<no value>", and so does a field of null. 'error' is `missingkey=error`, which
   * `docker inspect` uses when it falls back to the raw JSON: `map has no entry for key "X"`.
   */
  missingKey?: 'default' | 'error';
}

export interface CompiledTemplate {
  ok: true;
  /**
   * Runs the template. `funcs` may replace the implementation of any function the template
   * was compiled with (docker swaps in header versions for table headers).
   */
  execute(data: unknown, funcs?: Record<string, TemplateFunc>, options?: ExecuteOptions): ExecuteResult;
}

/**
 * Parses a template. Custom functions the template calls must be passed here, as Go needs
 * Funcs before Parse: an unknown name is a parse error (`function "foo" not defined`).
 */
export function compileTemplate(src: string, funcs: Record<string, TemplateFunc> = {}): CompiledTemplate | TemplateError {
  let root: ListNode;
  try {
    root = new Parser(src, new Set([...Object.keys(BUILTINS), ...Object.keys(funcs)])).parseTemplate();
  } catch (err) {
    if (err instanceof TemplateFailure) return { ok: false, error: err.message };
    return { ok: false, error: `template: :1: ${describeUnexpected(err)}` };
  }
  return {
    ok: true,
    execute(data, runFuncs = {}, options = {}) {
      const exec = new Executor(src, { ...funcs, ...runFuncs }, options.missingKey ?? 'default');
      try {
        return { ok: true, text: exec.run(root, data) };
      } catch (err) {
        if (err instanceof TemplateFailure) return { ok: false, error: err.message };
        return { ok: false, error: `template: : ${describeUnexpected(err)}` };
      }
    },
  };
}

/** Every failure inside the engine; its message is the final Go-style text. */
class TemplateFailure extends Error {}

function describeUnexpected(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// =============================================================================================
// Lexer (after Go's text/template/parse/lex.go)

type ItemType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'keyword'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'eof'
  | 'error';

interface Item {
  type: ItemType;
  val: string;
  /** Index into the source (UTF-16 units; converted to Go's byte columns for messages). */
  pos: number;
  line: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

/** Go's item.String(), used in "unexpected X in Y" messages. */
function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.val;
  if (item.type === 'keyword' || item.type === 'nil') return `<${item.val}>`;
  if (item.val.length > 10) return `${goQuote(item.val.slice(0, 10))}...`;
  return goQuote(item.val);
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined) => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

function lex(src: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: ItemType) => {
    items.push({ type, val: src.slice(start, pos), pos: start, line: startLine });
    startLine = line;
    start = pos;
  };
  // `line` is always the line at `pos`: only advance() moves forward over text.
  const ignore = () => {
    start = pos;
    startLine = line;
  };
  const fail = (message: string): false => {
    items.push({ type: 'error', val: message, pos: start, line: startLine });
    return false;
  };
  const advance = (n: number) => {
    line += count(src.slice(pos, pos + n), '\n');
    pos += n;
  };
  const hasLeftTrim = (at: number) => src[at] === '-' && isSpace(src[at + 1]);
  const hasRightTrim = (at: number) => isSpace(src[at]) && src[at + 1] === '-';
  /** [is the right delimiter here, with a trim marker] */
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrim(pos) && src.startsWith('}}', pos + 2)) return [true, true];
    return [src.startsWith('}}', pos), false];
  };
  const atTerminator = () => {
    const c = src[pos];
    return c === undefined || isSpace(c) || '.,|:)('.includes(c) || src.startsWith('}}', pos);
  };
  const codePointAt = (at: number) => (at < src.length ? String.fromCodePoint(src.codePointAt(at)!) : '');
  const skipLeadingSpace = () => {
    while (isSpace(src[pos])) advance(1);
    ignore();
  };

  /** Text up to the next "{{"; returns false at EOF. */
  const lexText = (): boolean => {
    const x = src.indexOf('{{', pos);
    if (x < 0) {
      advance(src.length - pos);
      if (pos > start) emit('text');
      return false;
    }
    advance(x - pos);
    let trimmed = pos;
    if (hasLeftTrim(pos + 2)) while (trimmed > start && isSpace(src[trimmed - 1])) trimmed--;
    if (trimmed > start) {
      const save = pos;
      pos = trimmed;
      emit('text');
      pos = save;
    }
    start = pos;
    startLine = line;
    return true;
  };

  /** At "{{": a comment, or the start of an action. Returns false on error. */
  const lexLeftDelim = (): boolean => {
    advance(2);
    const trim = hasLeftTrim(pos);
    const afterMarker = trim ? 2 : 0;
    if (src.startsWith('/*', pos + afterMarker)) {
      advance(afterMarker);
      ignore();
      const end = src.indexOf('*/', pos + 2);
      if (end < 0) return fail('unclosed comment');
      advance(end + 2 - pos);
      const [delim, trimRight] = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      advance((trimRight ? 2 : 0) + 2);
      if (trimRight) skipLeadingSpace();
      ignore();
      return true;
    }
    const delimItem: Item = { type: 'leftDelim', val: '{{', pos: start, line: startLine };
    advance(afterMarker);
    ignore();
    items.push(delimItem);
    parenDepth = 0;
    return lexInsideAction();
  };

  const lexRightDelim = () => {
    const [, trim] = atRightDelim();
    if (trim) {
      advance(2);
      ignore();
    }
    advance(2);
    emit('rightDelim');
    if (trim) skipLeadingSpace();
  };

  const lexQuoted = (quote: string, type: ItemType, unterminated: string): boolean => {
    for (;;) {
      const c = src[pos];
      if (c === undefined) return fail(unterminated);
      if (quote !== '`' && c === '\\') {
        const next = src[pos + 1];
        if (next === undefined || next === '\n') return fail(unterminated);
        advance(2);
        continue;
      }
      if (quote !== '`' && c === '\n') return fail(unterminated);
      advance(1);
      if (c === quote) break;
    }
    emit(type);
    return true;
  };

  const lexNumber = (): boolean => {
    if (src[pos] === '+' || src[pos] === '-') advance(1);
    let digits = '0123456789_';
    if (src[pos] === '0') {
      advance(1);
      const p = src[pos];
      const prefixed: Record<string, string> = { x: '0123456789abcdefABCDEF_', o: '01234567_', b: '01_' };
      const set = p === undefined ? undefined : prefixed[p.toLowerCase()];
      if (set) {
        digits = set;
        advance(1);
      }
    }
    const run = (set: string) => {
      while (src[pos] !== undefined && set.includes(src[pos]!)) advance(1);
    };
    run(digits);
    if (src[pos] === '.') {
      advance(1);
      run(digits);
    }
    if (digits.length === 11 && (src[pos] === 'e' || src[pos] === 'E')) {
      advance(1);
      if (src[pos] === '+' || src[pos] === '-') advance(1);
      run('0123456789_');
    }
    if (digits.length === 23 && (src[pos] === 'p' || src[pos] === 'P')) {
      advance(1);
      if (src[pos] === '+' || src[pos] === '-') advance(1);
      run('0123456789_');
    }
    if (src[pos] === 'i') advance(1);
    if (isAlphaNumeric(src[pos])) {
      advance(codePointAt(pos).length);
      return fail(`bad number syntax: ${goQuote(src.slice(start, pos))}`);
    }
    emit('number');
    return true;
  };

  /** ".Field" / "$var" (the sigil is already consumed). */
  const lexFieldOrVariable = (type: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    while (pos < src.length && isAlphaNumeric(codePointAt(pos))) advance(codePointAt(pos).length);
    if (!atTerminator()) return fail(`bad character ${goRuneU(codePointAt(pos))}`);
    emit(type);
    return true;
  };

  const lexIdentifier = (): boolean => {
    while (pos < src.length && isAlphaNumeric(codePointAt(pos))) advance(codePointAt(pos).length);
    if (!atTerminator()) return fail(`bad character ${goRuneU(codePointAt(pos))}`);
    const word = src.slice(start, pos);
    if (KEYWORDS.has(word)) emit('keyword');
    else if (word === 'nil') emit('nil');
    else if (word === 'true' || word === 'false') emit('bool');
    else emit('identifier');
    return true;
  };

  const lexInsideAction = (): boolean => {
    for (;;) {
      const [delim] = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        lexRightDelim();
        return true;
      }
      const c = src[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        let n = 0;
        while (isSpace(src[pos])) {
          advance(1);
          n++;
        }
        // " -}}": the last space belongs to the trim marker.
        if (hasRightTrim(pos - 1) && src.startsWith('}}', pos + 1)) {
          pos--;
          if (src[pos] === '\n') line--;
          if (n === 1) continue;
        }
        emit('space');
        continue;
      }
      advance(1);
      let ok = true;
      switch (c) {
        case '=':
          emit('assign');
          break;
        case ':':
          if (src[pos] !== '=') return fail('expected :=');
          advance(1);
          emit('declare');
          break;
        case '|':
          emit('pipe');
          break;
        case '"':
          ok = lexQuoted('"', 'string', 'unterminated quoted string');
          break;
        case '`':
          ok = lexQuoted('`', 'rawString', 'unterminated raw quoted string');
          break;
        case "'":
          ok = lexQuoted("'", 'charConstant', 'unterminated character constant');
          break;
        case '$':
          ok = lexFieldOrVariable('variable');
          break;
        case '(':
          parenDepth++;
          emit('leftParen');
          break;
        case ')':
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren');
          emit('rightParen');
          break;
        default:
          if (c === '.' && !(src[pos]! >= '0' && src[pos]! <= '9')) {
            ok = lexFieldOrVariable('field');
          } else if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
            pos--;
            ok = lexNumber();
          } else if (isAlphaNumeric(codePointAt(pos - 1))) {
            pos--;
            ok = lexIdentifier();
          } else if (c >= ' ' && c <= '~') {
            emit('char');
          } else {
            return fail(`unrecognized character in action: ${goRuneU(codePointAt(pos - 1))}`);
          }
      }
      if (!ok) return false;
    }
  };

  for (;;) {
    if (!lexText()) break;
    if (!lexLeftDelim()) return items;
  }
  items.push({ type: 'eof', val: '', pos: src.length, line });
  return items;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Go's %#U: U+007D '}' */
function goRuneU(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

// =============================================================================================
// Parse tree (after Go's text/template/parse/node.go)

interface TextNode {
  kind: 'text';
  text: string;
}
interface ActionNode {
  kind: 'action';
  pos: number;
  pipe: PipeNode;
}
interface ControlNode {
  kind: 'if' | 'with' | 'range';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
interface LoopControlNode {
  kind: 'break' | 'continue';
  pos: number;
}
type Node = TextNode | ActionNode | ControlNode | LoopControlNode;
interface ListNode {
  nodes: Node[];
}

interface PipeNode {
  kind: 'pipe';
  pos: number;
  decl: string[];
  isAssign: boolean;
  cmds: CommandNode[];
}
interface CommandNode {
  kind: 'command';
  pos: number;
  args: ArgNode[];
}
type ArgNode =
  | { kind: 'field'; pos: number; idents: string[] }
  | { kind: 'variable'; pos: number; name: string; idents: string[] }
  | { kind: 'chain'; pos: number; node: ArgNode; fields: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; value: number; text: string }
  | { kind: 'string'; pos: number; value: string; quoted: string }
  | PipeNode;

type Positioned = { pos: number };

/** Go's Node.String(), used as the "at <...>" context of execution errors. */
function nodeString(node: Node | ArgNode | CommandNode | ListNode): string {
  if ('nodes' in node) return node.nodes.map(nodeString).join('');
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range':
      return (
        `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}` +
        (node.elseList ? `{{else}}${nodeString(node.elseList)}` : '') +
        '{{end}}'
      );
    case 'break':
    case 'continue':
      return `{{${node.kind}}}`;
    case 'pipe': {
      const decl = node.decl.length > 0 ? `${node.decl.join(', ')} ${node.isAssign ? '=' : ':='} ` : '';
      return decl + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return node.idents.map((i) => `.${i}`).join('');
    case 'variable':
      return [node.name, ...node.idents].join('.');
    case 'chain':
      return (node.node.kind === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node)) + node.fields.map((f) => `.${f}`).join('');
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
  }
}

// =============================================================================================
// Parser (after Go's text/template/parse/parse.go)

class Parser {
  private readonly items: Item[];
  private index = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    src: string,
    private readonly funcNames: Set<string>,
  ) {
    this.items = lex(src);
  }

  parseTemplate(): ListNode {
    const root: ListNode = { nodes: [] };
    while (this.peek().type !== 'eof') {
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') this.errorf(`unexpected {{${n}}}`);
      root.nodes.push(n);
    }
    return root;
  }

  // ---- token stream

  private peek(): Item {
    return this.items[this.index] ?? this.items[this.items.length - 1]!;
  }
  private next(): Item {
    const item = this.peek();
    if (this.index < this.items.length) this.index++;
    if (item.type === 'error') this.fail(item.line, item.val);
    return item;
  }
  private backup(n = 1) {
    this.index -= n;
  }
  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    return item;
  }
  private peekNonSpace(): Item {
    const save = this.index;
    while (this.items[this.index]?.type === 'space') this.index++;
    const item = this.peek();
    this.index = save;
    return item;
  }

  private fail(line: number, message: string): never {
    throw new TemplateFailure(`template: :${line}: ${message}`);
  }
  private errorf(message: string): never {
    const last = this.items[Math.max(this.index - 1, 0)] ?? this.peek();
    this.fail(last.line, message);
  }
  private unexpected(item: Item, context: string): never {
    if (item.type === 'error') this.fail(item.line, item.val);
    this.fail(item.line, `unexpected ${itemString(item)} in ${context}`);
  }
  private expect(type: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== type) this.unexpected(item, context);
    return item;
  }

  // ---- structure

  /** A node, or the bare words 'end' / 'else' for {{end}} and {{else}}. */
  private textOrAction(): Node | 'end' | 'else' {
    const item = this.nextNonSpace();
    if (item.type === 'text') return { kind: 'text', text: item.val };
    if (item.type === 'leftDelim') return this.action();
    this.unexpected(item, 'input');
  }

  private itemList(): [ListNode, 'end' | 'else'] {
    const list: ListNode = { nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.next(); // report a pending lexer error (e.g. "unclosed action") rather than EOF
    this.errorf('unexpected EOF');
  }

  private action(): Node | 'end' | 'else' {
    const item = this.nextNonSpace();
    if (item.type === 'keyword') {
      switch (item.val) {
        case 'break':
        case 'continue': {
          const close = this.nextNonSpace();
          if (close.type !== 'rightDelim') this.unexpected(close, `{{${item.val}}}`);
          if (this.rangeDepth === 0) this.fail(item.line, `{{${item.val}}} outside {{range}}`);
          return { kind: item.val, pos: item.pos };
        }
        case 'else': {
          // "{{else if ...}}" / "{{else with ...}}" leave the keyword for the enclosing control.
          const peek = this.peekNonSpace();
          if (peek.type === 'keyword' && (peek.val === 'if' || peek.val === 'with')) return 'else';
          this.expect('rightDelim', 'else');
          return 'else';
        }
        case 'end':
          this.expect('rightDelim', 'end');
          return 'end';
        case 'if':
        case 'with':
        case 'range':
          return this.control(item.val);
        default:
          // define / template / block need named templates, which docker's formats never use.
          this.fail(item.line, `{{${item.val}}} is not supported here`);
      }
    }
    this.backup();
    const start = this.peekNonSpace();
    return { kind: 'action', pos: start.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private control(kind: 'if' | 'with' | 'range'): ControlNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | null = null;
    if (next === 'else') {
      const peek = this.peekNonSpace();
      if ((kind === 'if' || kind === 'with') && peek.type === 'keyword' && peek.val === kind) {
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}.
        this.nextNonSpace();
        elseList = { nodes: [this.control(kind)] };
      } else {
        const [tail, end] = this.itemList();
        if (end !== 'end') this.errorf('expected end; found {{else}}');
        elseList = tail;
      }
    }
    this.vars.length = mark;
    return { kind, pos: pipe.pos, pipe, list, elseList };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: first.pos, decl: [], isAssign: false, cmds: [] };
    // Declarations: "$x :=", "$x =", and in range "$k, $v :=".
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.index;
      this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = after.type === 'assign';
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        break;
      }
      if (after.type === 'char' && after.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(v.val);
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.index = save;
      break;
    }
    for (;;) {
      const item = this.nextNonSpace();
      if (item.type === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((cmd, i) => {
          const k = cmd.args[0]!.kind;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
            this.errorf(`non executable command in pipeline stage ${i + 2}`);
          }
        });
        return pipe;
      }
      switch (item.type) {
        case 'bool':
        case 'charConstant':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(item, context);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.skipSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const item = this.next();
      if (item.type === 'space') continue;
      if (item.type === 'rightDelim' || item.type === 'rightParen') this.backup();
      else if (item.type !== 'pipe') this.unexpected(item, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private skipSpace() {
    while (this.peek().type === 'space') this.index++;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().type !== 'field') return node;
    const chainPos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        // Go positions a field chain at its second field: {{.State.Health}} is at 1:8.
        return { kind: 'field', pos: chainPos, idents: [...node.idents, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: chainPos, name: node.name, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default:
        return { kind: 'chain', pos: chainPos, node, fields };
    }
  }

  private term(): ArgNode | null {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'identifier':
        if (!this.funcNames.has(item.val)) this.fail(item.line, `function ${goQuote(item.val)} not defined`);
        return { kind: 'identifier', pos: item.pos, name: item.val };
      case 'dot':
        return { kind: 'dot', pos: item.pos };
      case 'nil':
        return { kind: 'nil', pos: item.pos };
      case 'variable': {
        const [name = '', ...idents] = item.val.split('.');
        if (!this.vars.includes(name)) this.fail(item.line, `undefined variable ${goQuote(name)}`);
        return { kind: 'variable', pos: item.pos, name, idents };
      }
      case 'field':
        return { kind: 'field', pos: item.pos, idents: [item.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: item.pos, value: item.val === 'true' };
      case 'number':
      case 'charConstant':
        return { kind: 'number', pos: item.pos, value: this.numberValue(item), text: item.val };
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const value = item.type === 'rawString' ? item.val.slice(1, -1).replaceAll('\r', '') : unquoteGo(item.val);
        if (value === null) this.fail(item.line, 'invalid syntax');
        return { kind: 'string', pos: item.pos, value, quoted: item.val };
      }
      default:
        this.backup();
        return null;
    }
  }

  private numberValue(item: Item): number {
    if (item.type === 'charConstant') {
      // Reuse the string unquoting: 'x' is "x" with \' allowed and " needing no escape.
      const body = item.val.slice(1, -1);
      const s = body === "\\'" ? "'" : unquoteGo(`"${body.replaceAll('"', '\\"')}"`);
      if (s === null || [...s].length !== 1) this.fail(item.line, `malformed character constant: ${item.val}`);
      return s.codePointAt(0)!;
    }
    const value = parseGoNumber(item.val);
    if (value === null) this.fail(item.line, `illegal number syntax: ${goQuote(item.val)}`);
    return value;
  }
}

/** A Go numeric literal (int in any base, or float), or null if Go would reject it. */
function parseGoNumber(text: string): number | null {
  let body = text;
  let sign = 1;
  if (body[0] === '+' || body[0] === '-') {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  if (body.endsWith('i')) return null; // complex numbers: not useful with docker's data
  const intForms: [RegExp, number][] = [
    [/^0[xX]_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/, 16],
    [/^0[oO]_?[0-7]+(_[0-7]+)*$/, 8],
    [/^0[bB]_?[01]+(_[01]+)*$/, 2],
    [/^0_?[0-7]+(_[0-7]+)*$/, 8],
    [/^(0|[1-9](_?[0-9])*)$/, 10],
  ];
  for (const [shape, base] of intForms) {
    if (!shape.test(body)) continue;
    const digits = body.replace(/^0[xXoObB]?/, '').replaceAll('_', '') || '0';
    return sign * parseInt(digits, base);
  }
  if (/^([0-9](_?[0-9])*)?(\.([0-9](_?[0-9])*)?)?([eE][+-]?[0-9](_?[0-9])*)?$/.test(body) && /[0-9]/.test(body)) {
    return sign * Number(body.replaceAll('_', ''));
  }
  return null;
}

/** strconv.Unquote for a double-quoted Go string; null on invalid syntax. */
function unquoteGo(quoted: string): string | null {
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\n') return null;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e !== undefined && e in simple) {
      out += simple[e];
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 1, i + 1 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) return null;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (e !== 'x' && cp >= 0xd800 && cp < 0xe000)) return null;
      out += String.fromCodePoint(cp);
      i += hexLen;
      continue;
    }
    if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return null;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
      continue;
    }
    return null;
  }
  return out;
}

// =============================================================================================
// Values: how Go would see and print JSON-like data

const STRUCT = Symbol('go-struct');

/**
 * Marks a plain object as a Go struct: printed as `{v1 v2}` in field order (as Docker's typed
 * data prints), where a map prints as `map[k:v]`. The mark is a symbol, so JSON ignores it.
 */
export function goStruct<T extends object>(obj: T): T {
  Object.defineProperty(obj, STRUCT, { value: true, enumerable: false });
  return obj;
}

/**
 * A Go nil slice: JSON writes it as null, templates print it as `[]` (a nil []T prints like an
 * empty one, where a nil pointer prints `<nil>`).
 */
export function nilSlice(): unknown[] {
  const a: unknown[] = [];
  Object.defineProperty(a, 'toJSON', { value: () => null, enumerable: false });
  return a;
}

function isStruct(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && (v as { [STRUCT]?: boolean })[STRUCT] === true;
}

/** Go's %v for a value inside the template's data (nil prints "<nil>"). */
function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (typeof v === 'function') return '<func>';
  if (isStruct(v)) return `{${Object.keys(v).map((k) => formatValue(v[k])).join(' ')}}`;
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return `map[${sortedKeys(obj)
      .map((k) => `${k}:${formatValue(obj[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** Whole numbers print as Go ints (docker's data has int fields), others as float64 %v. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  return formatGoFloat(n, 'g', -1);
}

function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** obj[key] only if it is the object's own key (so "constructor" is not a function name). */
function ownValue<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The Go type a value would have in docker's JSON data, for error messages. */
function goTypeName(v: unknown): string {
  if (v === undefined || v === null) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'function') return 'func';
  return 'map[string]interface {}';
}

/** Go's template truth: false, 0, "", nil and empty collections are false. */
function truth(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Go's %q / strconv.Quote. */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 34: '\\"', 92: '\\\\' };
    if (named[cp]) out += named[cp];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (/\p{C}|\p{Z}/u.test(ch) && ch !== ' ') out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Go's encoding/json as docker's `json` function uses it: compact, HTML escaping off
 * (docker calls SetEscapeHTML(false)), U+2028/U+2029 escaped. Keys keep the object's order,
 * so the engine should build objects in Go struct order (and sorted for Go maps). Like
 * docker, which ignores the encoder's error, an unencodable value (NaN, a function) gives "".
 */
function toGoJson(v: unknown): string {
  let unencodable = false;
  const text = JSON.stringify(v === undefined ? null : v, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) unencodable = true;
    if (typeof value === 'function' || typeof value === 'bigint') unencodable = true;
    return value === undefined ? null : value;
  });
  if (unencodable || text === undefined) return '';
  return text
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
    .replace(/\\ud[89a-f][0-9a-f]{2}/g, '\\ufffd');
}

// =============================================================================================
// Builtin functions: Go's and docker's (cli/templates/templates.go)

interface CallContext {
  /** Throws an execution error at the current node. */
  error(message: string): never;
}

interface Builtin {
  /** Fixed parameter count, or the count before the variadic tail. */
  params: number;
  variadic: boolean;
  fn: (args: unknown[], ctx: CallContext) => unknown;
}

const fixed = (params: number, fn: Builtin['fn']): Builtin => ({ params, variadic: false, fn });
const variadic = (params: number, fn: Builtin['fn']): Builtin => ({ params, variadic: true, fn });

function wantString(v: unknown, ctx: CallContext): string {
  if (typeof v !== 'string') ctx.error(`wrong type for value; expected string; got ${goTypeName(v)}`);
  return v;
}

function wantInt(v: unknown, ctx: CallContext): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) ctx.error(`wrong type for value; expected int; got ${goTypeName(v)}`);
  return v;
}

function goTitle(s: string): string {
  const isSeparator = (c: string) => {
    if (c.codePointAt(0)! <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
    if (/[\p{L}\p{Nd}]/u.test(c)) return false;
    return /\s/u.test(c);
  };
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

/** The byte length of a string, elements of an array, or keys of an object (Go's len). */
function goLen(v: unknown, ctx: CallContext): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string') return utf8Length(v);
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  ctx.error(`error calling len: len of type ${goTypeName(v)}`);
}

/**
 * Go's zero value for a map's element type, as `index` returns for a missing key. The type
 * is guessed from the values present: docker's Labels and Options are map[string]string, so
 * a missing label is "" (not "<no value>"), and a missing network is a nil pointer.
 */
function zeroOfElements(obj: Record<string, unknown> | null | undefined): unknown {
  const values = obj ? Object.values(obj) : [];
  if (values.length === 0 || values.every((x) => typeof x === 'string')) return '';
  if (values.every((x) => typeof x === 'number')) return 0;
  if (values.every((x) => typeof x === 'boolean')) return false;
  return null;
}

function goIndex(item: unknown, indexes: unknown[], ctx: CallContext): unknown {
  let v = item;
  for (const index of indexes) {
    if (Array.isArray(v) || typeof v === 'string') {
      const seq = typeof v === 'string' ? utf8Bytes(v) : v;
      if (typeof index !== 'number' || !Number.isInteger(index)) ctx.error(`error calling index: cannot index slice/array with type ${goTypeName(index)}`);
      if (index < 0 || index >= seq.length) ctx.error(`error calling index: index out of range: ${index}`);
      v = seq[index];
    } else if (isObject(v) || v === null || v === undefined) {
      if (typeof index !== 'string') ctx.error(`error calling index: value has type ${goTypeName(index)}; should be string`);
      const obj = isObject(v) ? v : null;
      v = obj && Object.prototype.hasOwnProperty.call(obj, index) ? obj[index] : zeroOfElements(obj);
    } else {
      ctx.error(`error calling index: can't index item of type ${goTypeName(v)}`);
    }
  }
  return v;
}

function goSlice(item: unknown, indexes: unknown[], ctx: CallContext): unknown {
  if (typeof item !== 'string' && !Array.isArray(item)) ctx.error(`error calling slice: can't slice item of type ${goTypeName(item)}`);
  if (indexes.length > 2) ctx.error(`error calling slice: too many slice indexes: ${indexes.length}`);
  const len = typeof item === 'string' ? item.length : item.length;
  const bounds = indexes.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i)) ctx.error(`error calling slice: cannot index slice/array with type ${goTypeName(i)}`);
    return i;
  });
  const [from = 0, to = len] = bounds;
  if (from < 0 || to > len || from > to) ctx.error(`error calling slice: index out of range: ${from > to ? from : to}`);
  return item.slice(from, to);
}

type Kind = 'invalid' | 'bool' | 'number' | 'string' | 'other';
const kindOf = (v: unknown): Kind =>
  v === undefined || v === null ? 'invalid' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'other';

function goEq(name: string, args: unknown[], ctx: CallContext): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) ctx.error(`error calling ${name}: missing argument for comparison`);
  const ka = kindOf(a);
  for (const b of rest) {
    const kb = kindOf(b);
    if (ka !== kb) {
      if (ka !== 'invalid' && kb !== 'invalid') ctx.error(`error calling ${name}: incompatible types for comparison`);
      continue;
    }
    if (ka === 'other') ctx.error(`error calling ${name}: non-comparable type ${formatValue(a)}: ${goTypeName(a)}`);
    if (a === b || ka === 'invalid') return true;
  }
  return false;
}

function goLess(name: string, a: unknown, b: unknown, ctx: CallContext): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'invalid' || ka === 'other' || kb === 'invalid' || kb === 'other') ctx.error(`error calling ${name}: invalid type for comparison`);
  if (ka !== kb) ctx.error(`error calling ${name}: incompatible types for comparison`);
  if (ka === 'bool') ctx.error(`error calling ${name}: invalid type for comparison`);
  return (a as number | string) < (b as number | string);
}

/** fmt.Sprint: operands are separated by a space when neither side is a string. */
function goSprint(args: unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(arg);
  });
  return out;
}

const BUILTINS: Record<string, Builtin> = {
  // and/or are evaluated lazily by the executor; these bodies are for completeness.
  and: variadic(1, (args) => args.find((a) => !truth(a)) ?? args[args.length - 1]),
  or: variadic(1, (args) => args.find((a) => truth(a)) ?? args[args.length - 1]),
  not: fixed(1, ([a]) => !truth(a)),
  len: fixed(1, ([a], ctx) => goLen(a, ctx)),
  index: variadic(1, ([item, ...indexes], ctx) => goIndex(item, indexes, ctx)),
  slice: variadic(1, ([item, ...indexes], ctx) => goSlice(item, indexes, ctx)),
  print: variadic(0, (args) => goSprint(args)),
  println: variadic(0, (args) => args.map(formatValue).join(' ') + '\n'),
  printf: variadic(1, ([format, ...args], ctx) => goSprintf(wantString(format, ctx), args)),
  eq: variadic(1, (args, ctx) => goEq('eq', args, ctx)),
  ne: fixed(2, (args, ctx) => !goEq('ne', args, ctx)),
  lt: fixed(2, ([a, b], ctx) => goLess('lt', a, b, ctx)),
  le: fixed(2, ([a, b], ctx) => goLess('le', a, b, ctx) || goEq('le', [a, b], ctx)),
  gt: fixed(2, ([a, b], ctx) => !(goLess('gt', a, b, ctx) || goEq('gt', [a, b], ctx))),
  ge: fixed(2, ([a, b], ctx) => !goLess('ge', a, b, ctx)),
  call: variadic(1, ([fn, ...args], ctx) => {
    if (typeof fn !== 'function') return ctx.error(`error calling call: non-function of type ${goTypeName(fn)}`);
    return (fn as TemplateFunc)(...args);
  }),
  // docker's basicFunctions
  json: fixed(1, ([v]) => toGoJson(v)),
  split: fixed(2, ([s, sep], ctx) => {
    const str = wantString(s, ctx);
    const by = wantString(sep, ctx);
    return by === '' ? [...str] : str.split(by);
  }),
  join: fixed(2, ([elems, sep], ctx) => {
    // Go wants a []string; docker's data is typed, so any list of printable values is accepted.
    if (!Array.isArray(elems)) return ctx.error(`wrong type for value; expected []string; got ${goTypeName(elems)}`);
    return elems.map(formatValue).join(wantString(sep, ctx));
  }),
  title: fixed(1, ([s], ctx) => goTitle(wantString(s, ctx))),
  lower: fixed(1, ([s], ctx) => wantString(s, ctx).toLowerCase()),
  upper: fixed(1, ([s], ctx) => wantString(s, ctx).toUpperCase()),
  pad: fixed(3, ([s, left, right], ctx) => {
    const str = wantString(s, ctx);
    const l = wantInt(left, ctx);
    const r = wantInt(right, ctx);
    return str === '' ? str : ' '.repeat(Math.max(l, 0)) + str + ' '.repeat(Math.max(r, 0));
  }),
  truncate: fixed(2, ([s, n], ctx) => {
    const str = wantString(s, ctx);
    const length = wantInt(n, ctx);
    if (utf8Length(str) < length) return str;
    // Go slices bytes; a character cut in half is dropped here rather than printed as junk.
    let out = '';
    let used = 0;
    for (const ch of str) {
      used += utf8Length(ch);
      if (used > length) break;
      out += ch;
    }
    return out;
  }),
};

// =============================================================================================
// printf (Go's fmt verbs, for values a docker template meets)

interface FmtSpec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

function badVerb(verb: string, v: unknown): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function padTo(s: string, spec: FmtSpec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  const fill = width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero) {
    // Zeros go after the sign of a number.
    const sign = numeric && /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(s: string, negative: boolean, spec: FmtSpec): string {
  if (negative) return '-' + s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function formatInteger(n: number, verb: string, spec: FmtSpec): string {
  const neg = n < 0;
  const abs = BigInt(Math.abs(n));
  let digits: string;
  switch (verb) {
    case 'b':
      digits = abs.toString(2);
      break;
    case 'o':
    case 'O':
      digits = (verb === 'O' ? '0o' : spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'x':
      digits = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      digits = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    default:
      digits = abs.toString();
  }
  if (spec.prec !== null) digits = digits.padStart(spec.prec, '0');
  return signed(digits, neg, spec);
}

function formatOne(verb: string, v: unknown, spec: FmtSpec, depth: number): string {
  if (v === undefined || v === null) return depth > 0 || verb === 'v' ? '<nil>' : badVerb(verb, v);
  if (Array.isArray(v)) return `[${v.map((x) => formatOne(verb, x, spec, depth + 1)).join(' ')}]`;
  if (isStruct(v)) return `{${Object.keys(v).map((k) => formatOne(verb, v[k], spec, depth + 1)).join(' ')}}`;
  if (isObject(v)) {
    return `map[${sortedKeys(v)
      .map((k) => `${formatOne(verb, k, spec, depth + 1)}:${formatOne(verb, v[k], spec, depth + 1)}`)
      .join(' ')}]`;
  }
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? String(v) : badVerb(verb, v);
  if (typeof v === 'string') {
    switch (verb) {
      case 'v':
      case 's':
        return spec.prec === null ? v : [...v].slice(0, spec.prec).join('');
      case 'q':
        return goQuote(v);
      case 'x':
      case 'X': {
        const hex = utf8Bytes(v)
          .map((b) => b.toString(16).padStart(2, '0'))
          .join(spec.space ? ' ' : '');
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
      default:
        return badVerb(verb, v);
    }
  }
  if (typeof v === 'number') {
    const isInt = Number.isInteger(v) && Math.abs(v) < 2 ** 63;
    switch (verb) {
      case 'v':
        return isInt ? signed(formatNumber(Math.abs(v)), v < 0, spec) : signed(formatGoFloat(Math.abs(v), 'g', spec.prec ?? -1), v < 0, spec);
      case 'd':
      case 'b':
      case 'o':
      case 'O':
      case 'x':
      case 'X':
        return isInt ? formatInteger(v, verb, spec) : badVerb(verb, v);
      case 'c':
        return isInt ? String.fromCodePoint(v) : badVerb(verb, v);
      case 'q':
        return isInt ? `'${String.fromCodePoint(v)}'` : badVerb(verb, v);
      case 'U':
        return isInt ? `U+${v.toString(16).toUpperCase().padStart(4, '0')}` : badVerb(verb, v);
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        // Lenient: JSON numbers that happen to be whole are still numbers to a float verb.
        const lower = verb.toLowerCase() as 'e' | 'f' | 'g';
        const prec = spec.prec ?? (lower === 'g' ? -1 : 6);
        const text = formatGoFloat(Math.abs(v), lower, prec);
        return signed(verb === 'E' || verb === 'G' ? text.toUpperCase() : text, v < 0 || Object.is(v, -0), spec);
      }
      default:
        return badVerb(verb, v);
    }
  }
  return verb === 'v' ? formatValue(v) : badVerb(verb, v);
}

function goSprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const takeNumber = (): number | null => {
    if (format[i] === '*') {
      i++;
      const a = args[argi++];
      return typeof a === 'number' && Number.isInteger(a) ? a : null;
    }
    const m = /^\d+/.exec(format.slice(i));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  };
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: FmtSpec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (;;) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
      i++;
    }
    spec.width = takeNumber();
    if (spec.width !== null && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = takeNumber() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    // %+v means "field names" in Go, not a plus sign.
    if (verb === 'v') spec.plus = false;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argi++];
    const text = formatOne(verb, arg, spec, 0);
    out += padTo(text, spec, typeof arg === 'number');
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (a === undefined || a === null ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

// =============================================================================================
// Executor (after Go's text/template/exec.go)

/** Raised by {{break}} and {{continue}}; caught by the enclosing range. */
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** The final argument slot of a command when nothing is piped into it. */
const NO_FINAL: unique symbol = Symbol('no final value');
type Final = unknown | typeof NO_FINAL;

/** Bounds for a browser tab: a runaway {{range 100000000}} must not freeze the page. */
const MAX_STEPS = 1_000_000;
const MAX_OUTPUT = 4 * 1024 * 1024;

class Executor {
  private vars: { name: string; value: unknown }[] = [];
  private node: Positioned & { text: string } = { pos: 0, text: '' };
  private out: string[] = [];
  private outLength = 0;
  private steps = 0;

  constructor(
    private readonly src: string,
    private readonly funcs: Record<string, TemplateFunc>,
    private readonly missingKey: 'default' | 'error',
  ) {}

  run(root: ListNode, data: unknown): string {
    this.vars = [{ name: '$', value: data }];
    this.walkList(data, root);
    return this.out.join('');
  }

  // ---- errors

  private at(node: Node | ArgNode | CommandNode) {
    this.node = { pos: 'pos' in node ? node.pos : this.node.pos, text: nodeString(node) };
  }

  private errorf(message: string): never {
    const before = this.src.slice(0, this.node.pos);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = count(before, '\n') + 1;
    const column = utf8Length(before.slice(lineStart));
    const context = utf8Length(this.node.text) > 20 ? [...this.node.text].slice(0, 20).join('') + '...' : this.node.text;
    throw new TemplateFailure(`template: :${line}:${column}: executing "" at <${context}>: ${message}`);
  }

  private readonly ctx: CallContext = { error: (message) => this.errorf(message) };

  private tick() {
    if (++this.steps > MAX_STEPS) this.errorf(`too many steps (the simulator stops after ${MAX_STEPS})`);
  }

  private write(s: string) {
    this.outLength += s.length;
    if (this.outLength > MAX_OUTPUT) this.errorf('output too large for the simulator');
    this.out.push(s);
  }

  // ---- walking

  private walkList(dot: unknown, list: ListNode) {
    for (const node of list.nodes) this.walk(dot, node);
  }

  private walk(dot: unknown, node: Node) {
    this.tick();
    switch (node.kind) {
      case 'text':
        this.write(node.text);
        return;
      case 'action': {
        this.at(node);
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.write(this.printable(value));
        return;
      }
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'break':
      case 'continue':
        throw new LoopSignal(node.kind);
    }
  }

  private printable(value: unknown): string {
    if (value === undefined) return '<no value>';
    if (typeof value === 'function') this.errorf(`can't print ${this.node.text} of type func`);
    return formatValue(value);
  }

  private walkIfOrWith(dot: unknown, node: ControlNode) {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    if (truth(value)) {
      this.walkList(node.kind === 'with' ? value : dot, node.list);
    } else if (node.elseList) {
      this.walkList(dot, node.elseList);
    }
    this.vars.length = mark;
  }

  private walkRange(dot: unknown, node: ControlNode) {
    this.at(node);
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    const { decl, isAssign } = node.pipe;
    const bodyMark = this.vars.length;
    const iterate = (index: unknown, elem: unknown): boolean => {
      this.tick();
      if (decl.length > 0) {
        if (isAssign) this.setVar(decl[0]!, decl.length > 1 ? index : elem);
        else this.vars[this.vars.length - 1]!.value = elem;
      }
      if (decl.length > 1) {
        if (isAssign) this.setVar(decl[1]!, elem);
        else this.vars[this.vars.length - 2]!.value = index;
      }
      try {
        this.walkList(elem, node.list);
      } catch (signal) {
        if (!(signal instanceof LoopSignal)) throw signal;
        if (signal.kind === 'break') return false;
      } finally {
        this.vars.length = bodyMark;
      }
      return true;
    };
    let iterated = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        iterated = true;
        if (!iterate(i, value[i])) break;
      }
    } else if (isObject(value)) {
      for (const key of sortedKeys(value)) {
        iterated = true;
        if (!iterate(key, value[key])) break;
      }
    } else if (typeof value === 'number' && Number.isInteger(value)) {
      // Go 1.22: {{range 3}} counts 0, 1, 2.
      if (decl.length > 1) this.errorf(`can't use ${value} to iterate over more than one variable`);
      for (let i = 0; i < value; i++) {
        iterated = true;
        if (!iterate(i, i)) break;
      }
    } else if (value !== undefined && value !== null) {
      // A nil map or slice (null here) is simply empty, as in Go. The error points at the
      // pipeline's last node, as Go's does.
      this.errorf(`range can't iterate over ${formatValue(value)}`);
    }
    if (!iterated && node.elseList) this.walkList(dot, node.elseList);
    this.vars.length = mark;
  }

  // ---- variables

  private setVar(name: string, value: unknown) {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- pipelines and commands

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: Final = NO_FINAL;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const result = value === NO_FINAL ? undefined : value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: ArgNode[], final: Final) {
    if (args.length > 1 || final !== NO_FINAL) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first.idents, cmd.args, final);
      case 'chain': {
        this.at(first);
        if (first.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(first)}`);
        const base = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, first.fields, cmd.args, final);
      }
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': {
        this.at(first);
        const value = this.varValue(first.name);
        if (first.idents.length === 0) {
          this.notAFunction(cmd.args, final);
          return value;
        }
        return this.evalFieldChain(dot, value, first.idents, cmd.args, final);
      }
      default:
        this.at(first);
        this.notAFunction(cmd.args, final);
        if (first.kind === 'nil') this.errorf('nil is not a command');
        return this.evalArg(dot, first);
    }
  }

  private evalArg(dot: unknown, arg: ArgNode): unknown {
    this.at(arg);
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'bool':
      case 'number':
      case 'string':
        return arg.value;
      case 'field':
        return this.evalFieldChain(dot, dot, arg.idents, [arg], NO_FINAL);
      case 'variable': {
        const value = this.varValue(arg.name);
        return arg.idents.length === 0 ? value : this.evalFieldChain(dot, value, arg.idents, [arg], NO_FINAL);
      }
      case 'chain': {
        const base = this.evalArg(dot, arg.node);
        this.at(arg);
        return this.evalFieldChain(dot, base, arg.fields, [arg], NO_FINAL);
      }
      case 'pipe':
        return this.evalPipeline(dot, arg);
      case 'identifier':
        return this.evalFunction(dot, arg, arg, [arg], NO_FINAL);
    }
  }

  private evalFieldChain(dot: unknown, receiver: unknown, idents: string[], args: ArgNode[], final: Final): unknown {
    let value = receiver;
    idents.forEach((name, i) => {
      const last = i === idents.length - 1;
      value = this.evalField(dot, name, value, last ? args : [], last ? final : NO_FINAL);
    });
    return value;
  }

  /** `.Name` on a value: a method (function-valued key) is called; a map key is looked up. */
  private evalField(dot: unknown, name: string, receiver: unknown, args: ArgNode[], final: Final): unknown {
    const hasArgs = args.length > 1 || final !== NO_FINAL;
    if (receiver === undefined) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    if (receiver === null) {
      if (this.missingKey === 'error') this.errorf(`nil pointer evaluating interface {}.${name}`);
      return undefined;
    }
    if (isObject(receiver)) {
      const member = ownValue(receiver, name);
      if (typeof member === 'function') {
        const callArgs = args.slice(1).map((a) => this.evalArg(dot, a));
        if (final !== NO_FINAL) callArgs.push(final);
        return this.callFunc(name, member as TemplateFunc, callArgs);
      }
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (member === undefined && this.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(name)}`);
      return member;
    }
    this.errorf(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  private callFunc(name: string, fn: TemplateFunc, args: unknown[]): unknown {
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof TemplateFailure || err instanceof LoopSignal) throw err;
      this.errorf(`error calling ${name}: ${describeUnexpected(err)}`);
    }
  }

  private evalFunction(dot: unknown, ident: Extract<ArgNode, { kind: 'identifier' }>, cmd: CommandNode | ArgNode, args: ArgNode[], final: Final): unknown {
    this.at(ident);
    const { name } = ident;
    const custom = ownValue(this.funcs, name);
    const builtin = custom ? undefined : ownValue(BUILTINS, name);
    if (!custom && !builtin) this.errorf(`${goQuote(name)} is not a defined function`);
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final === NO_FINAL ? 0 : 1);

    if (builtin) {
      if (builtin.variadic) {
        if (numIn < builtin.params) this.errorf(`wrong number of args for ${name}: want at least ${builtin.params} got ${argNodes.length}`);
      } else if (numIn !== builtin.params) {
        this.errorf(`wrong number of args for ${name}: want ${builtin.params} got ${numIn}`);
      }
      if (name === 'and' || name === 'or') return this.evalAndOr(name, dot, argNodes, final);
    }

    const values = argNodes.map((a) => this.evalArg(dot, a));
    if (final !== NO_FINAL) values.push(final);
    this.at(cmd);
    if (custom) return this.callFunc(name, custom, values);
    return builtin!.fn(values, this.ctx);
  }

  /** Go 1.18+: and/or stop evaluating at the first argument that decides the result. */
  private evalAndOr(name: 'and' | 'or', dot: unknown, argNodes: ArgNode[], final: Final): unknown {
    let value: unknown;
    const decides = (v: unknown) => (name === 'and' ? !truth(v) : truth(v));
    for (const node of argNodes) {
      value = this.evalArg(dot, node);
      if (decides(value)) return value;
    }
    return final === NO_FINAL ? value : final;
  }
}
