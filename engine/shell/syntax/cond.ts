import type { CondExpr, TestCommand, Word } from './ast';
import type { Lexer, Token } from './lexer';

/** bash's `[[ … ]]`: operators are read here, before expansion, so `<` and `&&` are not redirections or lists. */

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v']);
const BINARY = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function plain(t: Token): string | null {
  if (t.t !== 'word') return null;
  const p = t.word.parts;
  return p.length === 1 && p[0]!.type === 'lit' ? p[0]!.text : null;
}

export function parseCond(lx: Lexer, line: number, unexpected: (t: Token) => never): TestCommand {
  lx.next();
  const isOp = (t: Token, op: string) => t.t === 'op' && t.op === op;
  const skipNewlines = () => {
    while (lx.peek().t === 'newline') lx.next();
  };
  const word = (): Word => {
    skipNewlines();
    const t = lx.next();
    if (t.t !== 'word' || plain(t) === ']]') unexpected(t);
    return t.word;
  };

  const primary = (): CondExpr => {
    skipNewlines();
    const t = lx.peek();
    if (isOp(t, '(')) {
      lx.next();
      const e = or();
      skipNewlines();
      const close = lx.next();
      if (!isOp(close, ')')) unexpected(close);
      return e;
    }
    if (t.t !== 'word' || plain(t) === ']]') unexpected(t);
    lx.next();
    const text = plain(t);
    if (text !== null && UNARY.has(text)) {
      const n = lx.peek();
      if (n.t === 'word' && plain(n) !== ']]') {
        lx.next();
        return { type: 'unary', op: text, arg: n.word };
      }
      return { type: 'word', word: t.word };
    }
    const n = lx.peek();
    const op = n.t === 'op' && (n.op === '<' || n.op === '>') ? n.op : plain(n);
    if (op !== null && (BINARY.has(op) || op === '<' || op === '>')) {
      lx.next();
      return { type: 'binary', op, left: t.word, right: word() };
    }
    return { type: 'word', word: t.word };
  };

  const not = (): CondExpr => {
    skipNewlines();
    if (plain(lx.peek()) === '!') {
      lx.next();
      return { type: 'not', expr: not() };
    }
    return primary();
  };

  const and = (): CondExpr => {
    let left = not();
    while (isOp(lx.peek(), '&&')) {
      lx.next();
      left = { type: 'and', left, right: not() };
    }
    return left;
  };

  function or(): CondExpr {
    let left = and();
    while (isOp(lx.peek(), '||')) {
      lx.next();
      left = { type: 'or', left, right: and() };
    }
    return left;
  }

  const expr = or();
  skipNewlines();
  const end = lx.next();
  if (plain(end) !== ']]') unexpected(end);
  return { type: 'testcmd', expr, redirects: [], line };
}
