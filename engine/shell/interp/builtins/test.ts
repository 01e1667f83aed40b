import type { CondExpr, ShellKind } from '../../syntax/ast';
import { resolvePath } from '../glob';
import type { IO } from '../io';
import { matchPattern } from '../pattern';
import type { Shell } from '../shell';

/** `test` / `[` (POSIX's argument-count rules, then -a/-o/!/( ) precedence) and bash's `[[ … ]]`. */

const UNARY_FILE = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-G', '-O', '-N', '-t', '-a']);
const UNARY = new Set([...UNARY_FILE, '-z', '-n', '-v', '-o']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

type TestErrorKind = 'missing' | 'integer' | 'unary' | 'binary' | 'toomany' | 'argument';

class TestError {
  constructor(
    readonly kind: TestErrorKind,
    readonly arg: string,
  ) {}
}

/** The message after the shell's prefix; `name` is `[` or `test`. */
function testMessage(shell: ShellKind, name: string, e: TestError): string {
  const bb = shell === 'busybox';
  const pre = bb ? '' : `${name}: `;
  switch (e.kind) {
    case 'missing':
      return shell === 'bash' ? "[: missing `]'" : shell === 'zsh' ? "[: ']' expected" : `${pre}missing ]`;
    case 'integer':
      if (shell === 'bash') return `${name}: ${e.arg}: integer expression expected`;
      if (shell === 'zsh') return `${name}: integer expression expected: ${e.arg}`;
      return bb ? `${e.arg}: bad number` : `${name}: Illegal number: ${e.arg}`;
    case 'unary':
      if (shell === 'bash') return `${name}: ${e.arg}: unary operator expected`;
      return bb ? `${e.arg}: unknown operand` : shell === 'zsh' ? `${name}: unknown condition: ${e.arg}` : `${name}: ${e.arg}: unexpected operator`;
    case 'binary':
      if (shell === 'bash') return `${name}: ${e.arg}: binary operator expected`;
      return bb ? `${e.arg}: unknown operand` : shell === 'zsh' ? `${name}: condition expected: ${e.arg}` : `${name}: ${e.arg}: unexpected operator`;
    case 'toomany':
      return shell === 'bash' ? `${name}: too many arguments` : bb ? `${e.arg}: unknown operand` : `${name}: ${e.arg}: unexpected operator`;
    case 'argument':
      return shell === 'bash' ? `${name}: ${e.arg}: unary operator expected` : `${pre}${e.arg}: argument expected`;
  }
}

function integer(s: string): bigint {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError('integer', s);
  return BigInt(t);
}

function fileTest(sh: Shell, op: string, arg: string): boolean {
  if (op === '-t') return false;
  const path = resolvePath(arg, sh.state.cwd);
  const isDir = sh.host.isDirectory(path);
  const text = isDir ? null : sh.host.readFile(path);
  const exists = isDir || text !== null;
  switch (op) {
    case '-d':
      return isDir;
    case '-f':
      return text !== null && path !== '/dev/null';
    case '-s':
      return isDir || (text !== null && text.length > 0);
    case '-c':
      return path === '/dev/null';
    case '-x':
      return isDir || (exists && /\/s?bin\//.test(path));
    case '-L':
    case '-h':
    case '-b':
    case '-p':
    case '-S':
    case '-g':
    case '-u':
    case '-k':
      return false;
    default:
      return exists;
  }
}

function unary(sh: Shell, op: string, arg: string): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-v') return sh.state.vars.get(arg) !== undefined;
  if (op === '-o') return false;
  return fileTest(sh, op, arg);
}

function binary(op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-nt':
    case '-ot':
    case '-ef':
      return false;
  }
  const x = integer(a);
  const y = integer(b);
  switch (op) {
    case '-eq': return x === y;
    case '-ne': return x !== y;
    case '-lt': return x < y;
    case '-le': return x <= y;
    case '-gt': return x > y;
    default: return x >= y;
  }
}

/** Evaluates test's arguments (without the closing `]`). */
function evaluate(sh: Shell, args: string[]): boolean {
  const n = args.length;
  if (n === 0) return false;
  if (n === 1) return args[0] !== '';
  if (n === 2) {
    if (args[0] === '!') return args[1] === '';
    if (UNARY.has(args[0]!)) return unary(sh, args[0]!, args[1]!);
    throw new TestError('unary', args[0]!);
  }
  if (n === 3) {
    if (BINARY.has(args[1]!)) return binary(args[1]!, args[0]!, args[2]!);
    if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
    if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
    if (args[0] === '!') return !evaluate(sh, args.slice(1));
    if (args[0] === '(' && args[2] === ')') return args[1] !== '';
    throw new TestError('binary', args[1]!);
  }
  if (n === 4 && args[0] === '!') return !evaluate(sh, args.slice(1));
  if (n === 4 && args[0] === '(' && args[3] === ')') return evaluate(sh, args.slice(1, 3));
  return general(sh, args);
}

/** More than four arguments: `!`, `( )`, `-a` (binds tighter) and `-o`. */
function general(sh: Shell, args: string[]): boolean {
  let i = 0;
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument', args[i - 1] ?? '');
    if (a === '!') {
      i++;
      return !primary();
    }
    if (a === '(') {
      i++;
      const v = or();
      if (args[i] !== ')') throw new TestError('missing', '');
      i++;
      return v;
    }
    if (BINARY.has(args[i + 1] ?? '')) {
      if (args[i + 2] === undefined) throw new TestError('argument', args[i + 1]!);
      i += 3;
      return binary(args[i - 2]!, a, args[i - 1]!);
    }
    if (UNARY.has(a) && i + 1 < args.length) {
      i += 2;
      return unary(sh, a, args[i - 1]!);
    }
    i++;
    return a !== '';
  };
  const and = (): boolean => {
    let v = primary();
    while (args[i] === '-a') {
      i++;
      v = primary() && v;
    }
    return v;
  };
  function or(): boolean {
    let v = and();
    while (args[i] === '-o') {
      i++;
      v = or() || v;
    }
    return v;
  }
  const v = or();
  if (i < args.length) throw new TestError('toomany', args[i]!);
  return v;
}

export async function testBuiltin(sh: Shell, argv: string[], io: IO): Promise<number> {
  const name = argv[0]!;
  let args = argv.slice(1);
  try {
    if (name === '[') {
      if (args[args.length - 1] !== ']') throw new TestError('missing', '');
      args = args.slice(0, -1);
    }
    return evaluate(sh, args) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    sh.diag(io, testMessage(sh.shell, name, e));
    return 2;
  }
}

/** `[[ … ]]`: words are not split or globbed; the right of `==`/`!=` is a pattern; numbers are arithmetic. */
export async function evalCond(sh: Shell, e: CondExpr, io: IO): Promise<number> {
  const ev = async (x: CondExpr): Promise<boolean> => {
    switch (x.type) {
      case 'and':
        return (await ev(x.left)) && ev(x.right);
      case 'or':
        return (await ev(x.left)) || ev(x.right);
      case 'not':
        return !(await ev(x.expr));
      case 'word':
        return (await sh.engine.expandWord(sh, x.word, io)) !== '';
      case 'unary':
        return unary(sh, x.op, await sh.engine.expandWord(sh, x.arg, io));
      case 'binary': {
        const left = await sh.engine.expandWord(sh, x.left, io);
        if (x.op === '==' || x.op === '=' || x.op === '!=') {
          const hit = matchPattern(await sh.engine.expandPattern(sh, x.right, io), left);
          return x.op === '!=' ? !hit : hit;
        }
        if (x.op === '=~') sh.fatal(io, "sim: [[ … =~ … ]] (regular expressions) is not part of the lab's shell; use grep -E", 2, true);
        const right = await sh.engine.expandWord(sh, x.right, io);
        if (x.op.startsWith('-') && !['-nt', '-ot', '-ef'].includes(x.op)) {
          const a = sh.engine.arithValue(sh, left, io);
          const b = sh.engine.arithValue(sh, right, io);
          return binary(x.op, String(a), String(b));
        }
        return binary(x.op, left, right);
      }
    }
  };
  return (await ev(e)) ? 0 : 1;
}
