/** Parser (after Go's text/template/parse/parse.go). */

import { TemplateFailure } from './failure';
import { type Item, type ItemType, itemString, lex } from './lex';
import { type ArgNode, type CommandNode, type ControlNode, type ListNode, type Node, type PipeNode, nodeString } from './node';
import { goQuote, parseGoNumber, unquoteGo } from './strconv';

export class Parser {
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
