/** Executes a parsed template (after Go's text/template/exec.go). */

import { TemplateFailure, describeUnexpected } from './failure';
import { formatValue } from './fmt';
import { BUILTINS, type CallContext } from './funcs';
import type { TemplateFunc } from './types';
import { type ArgNode, type CommandNode, type ControlNode, type ListNode, type Node, type PipeNode, nodeString } from './node';
import { count, goQuote, utf8Length } from './strconv';
import { goTypeName, isObject, ownValue, sortedKeys, truth } from './value';

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

export class Executor {
  private vars: { name: string; value: unknown }[] = [];
  /** Where execution is, for error messages; its text is only built when an error needs it. */
  private pos = 0;
  private current: Node | ArgNode | CommandNode | null = null;
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
    if ('pos' in node) this.pos = node.pos;
    this.current = node;
  }

  private nodeText(): string {
    return this.current ? nodeString(this.current) : '';
  }

  private errorf(message: string): never {
    const text = this.nodeText();
    const before = this.src.slice(0, this.pos);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = count(before, '\n') + 1;
    const column = utf8Length(before.slice(lineStart));
    const context = utf8Length(text) > 20 ? [...text].slice(0, 20).join('') + '...' : text;
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
    if (typeof value === 'function') this.errorf(`can't print ${this.nodeText()} of type func`);
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
