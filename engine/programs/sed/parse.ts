import { compilePosix, type PosixError, type PosixRegex } from '../../util/posix-re';
import { gnuRegexMessage, muslRegexMessage } from '../../util/posix-re-messages';

/**
 * sed, the basics a learner types: `s/re/text/[gpNI]`, `p`, `d`, `q`, `=`, `y/abc/xyz/`, `a`/`i`/`c`
 * text, addresses (N, $, /re/, ranges, `!`), `-n`, `-e`, `-E`/`-r`, `-i`, commands joined by `;`
 * or newlines. Patterns are POSIX BRE/ERE matched in linear time (util/posix-re.ts). Blocks,
 * labels and the hold space answer one `sim:` line.
 */

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: PosixRegex }
  /** GNU `first~step`. */
  | { kind: 'step'; first: number; step: number }
  /** GNU `addr,+N`: N more lines after the start. */
  | { kind: 'plus'; n: number };

export interface Command {
  a1: Address | null;
  a2: Address | null;
  invert: boolean;
  name: string;
  /** s: the pattern, replacement, flags; y: the two sets; a/i/c: the text. */
  re?: PosixRegex;
  replacement?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  from?: string;
  to?: string;
  text?: string;
  /** Inside a range: set once the first address matched, with the line it started on. */
  active?: boolean;
  startLine?: number;
}

export class SedError {
  constructor(
    readonly gnu: string,
    readonly busybox: string,
  ) {}
}

class Reader {
  i = 0;
  constructor(
    readonly s: string,
    readonly expr: number,
  ) {}
  peek(): string | undefined {
    return this.s[this.i];
  }
  fail(gnu: string, busybox: string): never {
    throw new SedError(`sed: -e expression #${this.expr}, char ${this.i}: ${gnu}`, `sed: ${busybox}`);
  }
  skipBlanks(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }
  /** Text up to the next unescaped `delim`; `\delim` becomes delim, `\n` a newline in replacements. */
  delimited(delim: string, what: string): string {
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined || (c === '\n' && what !== 'text')) {
        this.i = Math.min(this.i, this.s.length);
        this.fail(`unterminated ${what}`, `unmatched '${delim}'`);
      }
      if (c === delim) return out;
      if (c === '\\') {
        const n = this.s[this.i++];
        if (n === undefined) {
          this.i = this.s.length;
          this.fail(`unterminated ${what}`, `unmatched '${delim}'`);
        }
        out += n === delim ? delim : `\\${n}`;
        continue;
      }
      out += c;
    }
  }
}

async function regex(r: Reader, source: string, o: { extended: boolean; ignoreCase?: boolean }): Promise<PosixRegex> {
  const c = await compilePosix(source, o);
  if (c.ok) return c.re;
  const e: PosixError = c.error;
  if (e.kind === 'backref') throw new SedError("sim: back-references such as \\1 in a sed pattern are not part of the lab (it matches in linear time)", "sim: back-references such as \\1 in a sed pattern are not part of the lab (it matches in linear time)");
  r.fail(gnuRegexMessage(e), `bad regex '${source}': ${muslRegexMessage(e)}`);
}

async function address(r: Reader, extended: boolean): Promise<Address | null> {
  const c = r.peek();
  const number = () => {
    let n = '';
    while (/[0-9]/.test(r.peek() ?? '')) n += r.s[r.i++];
    return Number(n);
  };
  if (c !== undefined && /[0-9]/.test(c)) {
    const n = number();
    if (r.peek() !== '~') return { kind: 'line', n };
    r.i++;
    return { kind: 'step', first: n, step: number() };
  }
  if (c === '$') {
    r.i++;
    return { kind: 'last' };
  }
  if (c === '/') {
    r.i++;
    const source = r.delimited('/', 'address regex');
    if (source === '') r.fail('no previous regular expression', 'no previous regexp');
    return { kind: 're', re: await regex(r, source, { extended }) };
  }
  return null;
}

export async function parse(script: string, expr: number, extended: boolean): Promise<Command[]> {
  const r = new Reader(script, expr);
  const cmds: Command[] = [];
  for (;;) {
    while (/[\s;]/.test(r.peek() ?? 'x')) r.i++;
    if (r.peek() === undefined) return cmds;
    if (r.peek() === '#') {
      while (r.peek() !== undefined && r.peek() !== '\n') r.i++;
      continue;
    }
    const a1 = await address(r, extended);
    let a2: Address | null = null;
    if (a1 && r.peek() === ',') {
      r.i++;
      if (r.peek() === '+' && /[0-9]/.test(r.s[r.i + 1] ?? '')) {
        r.i++;
        const start = r.i;
        while (/[0-9]/.test(r.peek() ?? '')) r.i++;
        a2 = { kind: 'plus', n: Number(r.s.slice(start, r.i)) };
      } else a2 = await address(r, extended);
      if (!a2) r.fail('unexpected `,\'', 'no address after comma');
    }
    r.skipBlanks();
    let invert = false;
    if (r.peek() === '!') {
      invert = true;
      r.i++;
      r.skipBlanks();
    }
    const name = r.s[r.i++];
    if (name === undefined) r.fail('missing command', 'missing command');
    const cmd: Command = { a1, a2, invert, name };
    switch (name) {
      case 's': {
        const delim = r.s[r.i++];
        if (delim === undefined || delim === '\n' || delim === '\\') r.fail("unterminated `s' command", "unmatched 's'");
        const source = r.delimited(delim, "`s' command");
        cmd.replacement = r.delimited(delim, "`s' command");
        let ignoreCase = false;
        for (let f = r.peek(); f !== undefined && !/[\s;}#]/.test(f); f = r.peek()) {
          r.i++;
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') ignoreCase = true;
          else if (/[0-9]/.test(f)) cmd.nth = Number(f) + (cmd.nth ?? 0) * 10;
          else r.fail("unknown option to `s'", 'bad option in substitution expression');
        }
        if (source === '') r.fail('no previous regular expression', 'no previous regexp');
        cmd.re = await regex(r, source, { extended, ignoreCase });
        break;
      }
      case 'y': {
        const delim = r.s[r.i++] ?? '/';
        cmd.from = unescape(r.delimited(delim, "`y' command"));
        cmd.to = unescape(r.delimited(delim, "`y' command"));
        if ([...cmd.from].length !== [...cmd.to].length) r.fail("strings for `y' command are different lengths", 'unmatched y');
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        r.skipBlanks();
        if (r.peek() === '\\') {
          r.i++;
          if (r.peek() === '\n') r.i++;
        }
        let text = '';
        while (r.peek() !== undefined && r.peek() !== '\n') text += r.s[r.i++];
        cmd.text = unescape(text);
        break;
      }
      case 'p':
      case 'd':
      case 'q':
      case '=':
        break;
      case '{':
      case '}':
      case 'h':
      case 'H':
      case 'g':
      case 'G':
      case 'x':
      case 'n':
      case 'N':
      case 'D':
      case 'P':
      case 'b':
      case 't':
      case 'T':
      case ':':
      case 'l':
      case 'r':
      case 'w':
        throw new SedError(`sim: sed's '${name}' command is not part of the lab; it has s, p, d, q, =, y, a, i and c`, `sim: sed's '${name}' command is not part of the lab; it has s, p, d, q, =, y, a, i and c`);
      default:
        r.fail(`unknown command: \`${name}'`, `unsupported command ${name}`);
    }
    r.skipBlanks();
    const next = r.peek();
    if (next !== undefined && !/[;\n}#]/.test(next)) r.fail(`extra characters after command`, `unsupported command ${next}`);
    cmds.push(cmd);
  }
}

function unescape(t: string): string {
  return t.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

