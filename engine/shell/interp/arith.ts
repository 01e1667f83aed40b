import type { ShellKind } from '../syntax/ast';

/**
 * Shell arithmetic (`$((…))`, `((…))`, `let`): C operators on 64-bit signed integers, evaluated
 * while parsing as bash does (a `noeval` flag skips the side effects of branches not taken).
 * Variables hold text; a variable whose text is an expression is evaluated in turn (bash and ash).
 */

export type ArithErrorKind = 'div0' | 'operand' | 'syntax' | 'operator' | 'nonvar' | 'expneg' | 'base' | 'recursion' | 'paren' | 'illegal';

export class ArithError {
  constructor(
    readonly kind: ArithErrorKind,
    /** The expression as the shell saw it. */
    readonly expr: string,
    /** bash's "error token": the text from where the error was found. */
    readonly token: string,
  ) {}
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** Unset variables in arithmetic are an error under `set -u`. */
  unset?(name: string): void;
}

const BITS = 64;
const wrap = (n: bigint) => BigInt.asIntN(BITS, n);
const TOKEN = /^(?:0[xX][0-9a-zA-Z]*|[0-9]+#[0-9a-zA-Z@_]+|[0-9][0-9a-zA-Z]*|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|\*\*|&&|\|\||==|!=|<=|>=|<<|>>|\+\+|--|[-+*/%&|^]=|[-+*/%<>=!~&|^?:,()])/;
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);
/** Variables naming variables: bash stops at 1024 levels; the lab at fewer, to spare the stack. */
const MAX_RECURSION = 128;

/** Binary operators by precedence level, loosest first (after `,`, assignment and `?:`). */
const LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

interface Tok {
  text: string;
  pos: number;
}

class Evaluator {
  private toks: Tok[] = [];
  private i = 0;
  private noeval = 0;

  constructor(
    private readonly expr: string,
    private readonly vars: ArithVars,
    private readonly depth: number,
    private readonly dash: boolean,
  ) {}

  run(): bigint {
    this.tokenize();
    if (this.toks.length === 0) return 0n;
    const v = this.comma();
    if (this.i < this.toks.length) this.fail('syntax');
    return v;
  }

  private tokenize(): void {
    let pos = 0;
    const s = this.expr;
    while (pos < s.length) {
      const c = s[pos]!;
      if (c === ' ' || c === '\t' || c === '\n') {
        pos++;
        continue;
      }
      const m = TOKEN.exec(s.slice(pos));
      if (!m) throw new ArithError('operator', s, s.slice(pos));
      // dash has neither `**` nor `++`/`--`.
      if (this.dash && (m[0] === '**' || m[0] === '++' || m[0] === '--')) throw new ArithError('operand', s, s.slice(pos));
      if (this.dash && m[0] === ',') throw new ArithError('syntax', s, s.slice(pos));
      this.toks.push({ text: m[0], pos });
      pos += m[0].length;
    }
  }

  private fail(kind: ArithErrorKind, at = this.i): never {
    const tok = this.toks[Math.min(at, this.toks.length - 1)];
    throw new ArithError(kind, this.expr, tok ? this.expr.slice(tok.pos) : '');
  }

  private peek(): string | undefined {
    return this.toks[this.i]?.text;
  }

  private comma(): bigint {
    let v = this.assign();
    while (this.peek() === ',') {
      this.i++;
      v = this.assign();
    }
    return v;
  }

  private assign(): bigint {
    const name = this.peek();
    const op = this.toks[this.i + 1]?.text;
    if (name !== undefined && op !== undefined && ASSIGN_OPS.has(op)) {
      if (!/^[A-Za-z_]/.test(name)) {
        this.i++;
        this.fail('nonvar');
      }
      this.i += 2;
      if (this.i >= this.toks.length) this.fail('operand', this.i - 1);
      const rhs = this.assign();
      if (this.noeval) return rhs;
      const v = op === '=' ? rhs : this.binary(op.slice(0, -1), this.variable(name), rhs, this.i - 1);
      this.vars.set(name, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): bigint {
    const cond = this.level(0);
    if (this.peek() !== '?') return cond;
    this.i++;
    if (!cond) this.noeval++;
    const a = this.assign();
    if (!cond) this.noeval--;
    if (this.peek() !== ':') this.fail(this.i >= this.toks.length ? 'operand' : 'syntax');
    this.i++;
    if (cond) this.noeval++;
    const b = this.assign();
    if (cond) this.noeval--;
    return cond ? a : b;
  }

  private level(n: number): bigint {
    if (n === LEVELS.length) return this.power();
    let left = this.level(n + 1);
    for (;;) {
      const op = this.peek();
      if (op === undefined || !LEVELS[n]!.includes(op)) return left;
      this.i++;
      const at = this.i;
      if (op === '&&' || op === '||') {
        const skip = op === '&&' ? !left : !!left;
        if (skip) this.noeval++;
        const right = this.level(n + 1);
        if (skip) this.noeval--;
        left = skip ? (op === '||' ? 1n : 0n) : right ? 1n : 0n;
        continue;
      }
      left = this.binary(op, left, this.level(n + 1), at);
    }
  }

  private power(): bigint {
    const base = this.unary();
    if (this.peek() !== '**') return base;
    this.i++;
    let at = this.i;
    // bash points its "exponent less than 0" at the number, past any sign.
    while (this.toks[at]?.text === '-' || this.toks[at]?.text === '+') at++;
    const exp = this.power();
    return this.binary('**', base, exp, at);
  }

  private binary(op: string, a: bigint, b: bigint, at: number): bigint {
    if (this.noeval) return 0n;
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) this.fail('div0', at);
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) this.fail('expneg', at);
        return this.pow(a, b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      default: return this.fail('syntax', at);
    }
  }

  /** Exponentiation by squaring, wrapping at 64 bits at each step so huge exponents stay cheap. */
  private pow(a: bigint, b: bigint): bigint {
    let result = 1n;
    let base = wrap(a);
    let e = b;
    while (e > 0n) {
      if (e & 1n) result = wrap(result * base);
      base = wrap(base * base);
      e >>= 1n;
    }
    return result;
  }

  private unary(): bigint {
    const op = this.peek();
    if (op === '!' || op === '~' || op === '-' || op === '+') {
      this.i++;
      if (this.i >= this.toks.length) this.fail('operand', this.i - 1);
      const v = this.unary();
      if (op === '!') return v ? 0n : 1n;
      if (op === '~') return ~v;
      return op === '-' ? wrap(-v) : v;
    }
    if (op === '++' || op === '--') {
      this.i++;
      const name = this.peek();
      if (name === undefined || !/^[A-Za-z_]/.test(name)) this.fail('operand');
      this.i++;
      const v = wrap(this.variable(name) + (op === '++' ? 1n : -1n));
      if (!this.noeval) this.vars.set(name, String(v));
      return v;
    }
    return this.postfix();
  }

  private postfix(): bigint {
    const t = this.peek();
    if (t === undefined) this.fail('operand', this.i - 1);
    if (t === '(') {
      this.i++;
      const v = this.comma();
      if (this.peek() !== ')') this.fail('paren');
      this.i++;
      return v;
    }
    if (/^[A-Za-z_]/.test(t)) {
      this.i++;
      const v = this.variable(t);
      const post = this.peek();
      if (post === '++' || post === '--') {
        this.i++;
        if (!this.noeval) this.vars.set(t, String(wrap(v + (post === '++' ? 1n : -1n))));
      }
      return v;
    }
    if (/^[0-9]/.test(t)) {
      this.i++;
      return this.number(t, this.i - 1);
    }
    return this.fail('operand');
  }

  private number(t: string, at: number): bigint {
    let base = 10;
    let digits = t;
    const hash = t.indexOf('#');
    if (hash >= 0) {
      base = Number(t.slice(0, hash));
      digits = t.slice(hash + 1);
      if (base < 2 || base > 64) this.fail('base', at);
    } else if (/^0[xX]/.test(t)) {
      base = 16;
      digits = t.slice(2);
    } else if (t.length > 1 && t[0] === '0') {
      base = 8;
      digits = t.slice(1);
    }
    let v = 0n;
    for (const ch of digits) {
      const d = digitValue(ch, base);
      if (d < 0 || d >= base) this.fail('base', at);
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }

  /** A variable's value: empty is 0; other text is evaluated as an expression of its own. */
  private variable(name: string): bigint {
    if (this.noeval) return 0n;
    const raw = this.vars.get(name);
    if (raw === undefined) this.vars.unset?.(name);
    const text = (raw ?? '').trim();
    if (text === '') return 0n;
    if (/^-?(?:0|[1-9][0-9]*)$/.test(text)) return wrap(BigInt(text));
    if (this.dash && !/^[-+]?(?:0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) throw new ArithError('illegal', this.expr, text);
    if (this.depth >= MAX_RECURSION) this.fail('recursion');
    return new Evaluator(text, this.vars, this.depth + 1, this.dash).run();
  }
}

function digitValue(ch: string, base: number): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return base <= 36 ? c - 65 + 10 : c - 65 + 36;
  if (ch === '@') return 62;
  if (ch === '_') return 63;
  return -1;
}

/** Evaluates an expression; throws ArithError. */
export function evalArith(expr: string, vars: ArithVars, shell: ShellKind): bigint {
  return new Evaluator(expr, vars, 0, shell === 'dash').run();
}

/** The message body for an arithmetic error, per shell (after the `bash: ` prefix). */
export function arithMessage(e: ArithError, shell: ShellKind): string {
  if (e.kind === 'illegal') return `Illegal number: ${e.token}`;
  if (shell === 'bash') {
    const what: Record<Exclude<ArithErrorKind, 'illegal'>, string> = {
      div0: 'division by 0', operand: 'syntax error: operand expected', syntax: 'syntax error in expression', operator: 'syntax error: invalid arithmetic operator',
      nonvar: 'attempted assignment to non-variable', expneg: 'exponent less than 0', base: 'value too great for base',
      recursion: 'expression recursion level exceeded', paren: "missing `)'",
    };
    return `${e.expr.trimStart()}: ${what[e.kind]} (error token is "${e.token}")`;
  }
  if (shell === 'dash') {
    const what = e.kind === 'div0' ? 'division by zero' : ['syntax', 'base', 'nonvar', 'operator'].includes(e.kind) ? 'expecting EOF' : 'expecting primary';
    return `arithmetic expression: ${what}: "${e.expr}"`;
  }
  if (shell === 'busybox') return e.kind === 'div0' ? 'divide by zero' : e.kind === 'expneg' ? 'exponent less than 0' : 'arithmetic syntax error';
  if (e.kind === 'div0') return 'division by zero';
  if (e.kind === 'operand') return 'bad math expression: operand expected at end of string';
  return `bad math expression: operator expected at \`${e.token.trim()}'`;
}
