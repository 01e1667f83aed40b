import { describe, expect, it } from 'vitest';
import type { Command, ShellKind, SimpleCommand } from './ast';
import { formatSyntaxError } from './errors';
import { parse, plainText } from './parser';

/** Parses as a terminal does (the line ends with a newline) and returns what the terminal shows. */
function typed(line: string, shell: ShellKind = 'bash'): 'ok' | 'incomplete' | string {
  const src = `${line}\n`;
  const r = parse(src, { shell, interactive: true });
  if (r.ok) return 'ok';
  if (r.incomplete) return 'incomplete';
  return formatSyntaxError(r.error, shell, { name: shell === 'bash' || shell === 'zsh' ? shell : 'sh', interactive: true, source: 'stdin' }, src).trimEnd();
}

function script(src: string, shell: ShellKind = 'bash'): string {
  const r = parse(src, { shell, interactive: false });
  if (r.ok) return 'ok';
  return formatSyntaxError(r.error, shell, { name: shell === 'bash' || shell === 'zsh' ? shell : 'sh', interactive: false, source: '-c' }, src).trimEnd();
}

function first(src: string, shell: ShellKind = 'bash'): Command {
  const r = parse(src, { shell, interactive: false });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.script.items[0]!.andor.head.commands[0]!;
}

describe('incomplete input asks for another line (a `> ` prompt), in every shell', () => {
  const cases = [
    'if true; then', 'echo "abc', "echo 'abc", 'echo $(ls', 'echo `ls', 'cat <<EOF', 'cat <<EOF\nline one', 'a |', 'a &&', 'a ||',
    'for x in a b; do', 'while true', 'case x in', 'case x in a) echo', '{ echo', '( echo', 'f() {', 'echo ${x', 'echo $((1+', 'echo \\',
    'if true; then echo; elif', 'until false; do :', 'x=$(', 'echo "$(echo \'', 'echo a\\\n\\',
  ];
  for (const shell of ['bash', 'dash', 'busybox', 'zsh'] as const) {
    for (const line of cases) {
      it(`${shell}: ${JSON.stringify(line)}`, () => expect(typed(line, shell)).toBe('incomplete'));
    }
  }
  it('`function g {` waits for more in bash, but is a plain command to dash', () => {
    expect(typed('function g {', 'bash')).toBe('incomplete');
    expect(typed('function g {', 'dash')).toBe('ok');
  });
  it('a completed continuation parses', () => {
    expect(typed('if true; then\necho yes\nfi')).toBe('ok');
    expect(typed('cat <<EOF\nbody\nEOF')).toBe('ok');
    expect(typed('echo "a\nb"')).toBe('ok');
    expect(typed('a |\nb')).toBe('ok');
  });
});

describe('syntax errors carry each shell\'s own text (bash 5.2, dash 0.5.12, BusyBox 1.35 ash, zsh 5.9)', () => {
  const table: [string, Record<ShellKind, string>][] = [
    ['fi', { bash: "bash: syntax error near unexpected token `fi'", dash: 'sh: 1: Syntax error: "fi" unexpected', busybox: 'sh: syntax error: unexpected "fi"', zsh: "zsh: parse error near `fi'" }],
    ['echo a; done', { bash: "bash: syntax error near unexpected token `done'", dash: 'sh: 1: Syntax error: "done" unexpected', busybox: 'sh: syntax error: unexpected "done"', zsh: "zsh: parse error near `done'" }],
    ['echo )', { bash: "bash: syntax error near unexpected token `)'", dash: 'sh: 1: Syntax error: ")" unexpected', busybox: 'sh: syntax error: unexpected ")"', zsh: "zsh: parse error near `)'" }],
    [';;', { bash: "bash: syntax error near unexpected token `;;'", dash: 'sh: 1: Syntax error: ";;" unexpected', busybox: 'sh: syntax error: unexpected ";;"', zsh: "zsh: parse error near `;;'" }],
    ['a && && b', { bash: "bash: syntax error near unexpected token `&&'", dash: 'sh: 1: Syntax error: "&&" unexpected', busybox: 'sh: syntax error: unexpected "&&"', zsh: "zsh: parse error near `&&'" }],
    ['| a', { bash: "bash: syntax error near unexpected token `|'", dash: 'sh: 1: Syntax error: "|" unexpected', busybox: 'sh: syntax error: unexpected "|"', zsh: "zsh: parse error near `|'" }],
    ['echo >', { bash: "bash: syntax error near unexpected token `newline'", dash: 'sh: 1: Syntax error: newline unexpected', busybox: 'sh: syntax error: unexpected newline', zsh: "zsh: parse error near `\\n'" }],
    ['if true; then fi', { bash: "bash: syntax error near unexpected token `fi'", dash: 'sh: 1: Syntax error: "fi" unexpected', busybox: 'sh: syntax error: unexpected "fi"', zsh: "zsh: parse error near `fi'" }],
    ['{ }', { bash: "bash: syntax error near unexpected token `}'", dash: 'sh: 1: Syntax error: "}" unexpected', busybox: 'sh: syntax error: unexpected "}"', zsh: "zsh: parse error near `}'" }],
    ['x=1 (', { bash: "bash: syntax error near unexpected token `('", dash: 'sh: 1: Syntax error: "(" unexpected', busybox: 'sh: syntax error: unexpected "("', zsh: "zsh: parse error near `('" }],
    ['case a in a b) ;; esac', { bash: "bash: syntax error near unexpected token `b'", dash: 'sh: 1: Syntax error: word unexpected (expecting ")")', busybox: 'sh: syntax error: unexpected word (expecting ")")', zsh: "zsh: parse error near `b'" }],
  ];
  for (const [line, want] of table) {
    for (const shell of ['bash', 'dash', 'busybox', 'zsh'] as const) {
      it(`${shell}: ${line}`, () => expect(typed(line, shell)).toBe(want[shell]));
    }
  }
  it('dash and ash reject what bash accepts, and the reverse', () => {
    expect(typed('! ! true', 'dash')).toBe('sh: 1: Syntax error: "!" unexpected');
    expect(typed('! ! true', 'bash')).toBe('ok');
    expect(typed('for 1 in a; do :; done', 'dash')).toBe('sh: 1: Syntax error: Bad for loop variable');
    expect(typed('for 1 in a; do :; done', 'busybox')).toBe('sh: syntax error: bad for loop variable');
    expect(typed('function f { echo; }', 'dash')).toBe('sh: 1: Syntax error: "}" unexpected');
    expect(typed('function f { echo; }', 'busybox')).toBe('ok');
    expect(typed('f() echo hi', 'bash')).toBe("bash: syntax error near unexpected token `echo'");
    expect(typed('f() echo hi', 'dash')).toBe('ok');
    expect(typed('case a in a) echo;& b) ;; esac', 'busybox')).toBe('sh: syntax error: unexpected "&"');
  });
});

describe('end of a script where more was needed (sh -c)', () => {
  it('says so in each shell\'s words', () => {
    expect(script('if true; then')).toBe('bash: -c: line 2: syntax error: unexpected end of file'.replace('line 2', 'line 1'));
    expect(script('if true; then', 'dash')).toBe('sh: 1: Syntax error: end of file unexpected (expecting "fi")');
    expect(script('for x in a; do', 'busybox')).toBe('sh: syntax error: unexpected end of file (expecting "done")');
    expect(script('echo "abc')).toBe("bash: -c: line 1: unexpected EOF while looking for matching `\"'");
    expect(script('echo "abc', 'dash')).toBe('sh: 1: Syntax error: Unterminated quoted string');
    expect(script('echo `ls', 'busybox')).toBe('sh: syntax error: EOF in backquote substitution');
    expect(script('echo ${x', 'dash')).toBe("sh: 1: Syntax error: Missing '}'");
    expect(script('echo $((1+', 'busybox')).toBe("sh: syntax error: missing '))'");
    expect(script('echo $(ls', 'dash')).toBe('sh: 1: Syntax error: end of file unexpected (expecting ")")');
    expect(script('echo >', 'dash')).toBe('sh: 1: Syntax error: end of file unexpected');
  });
  it('bash quotes the offending line after a token error', () => {
    expect(script('echo > ;')).toBe("bash: -c: line 1: syntax error near unexpected token `;'\nbash: -c: line 1: `echo > ;'");
  });
  it('a here-document may end at the end of a script', () => {
    expect(script('cat <<EOF\nbody')).toBe('ok');
  });
});

describe('the tree', () => {
  it('keeps assignments, words and redirections of a simple command', () => {
    const c = first('A=1 B=$x cmd "a b" 2>&1 >>out') as SimpleCommand;
    expect(c.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(c.words.map((w) => w.text)).toEqual(['cmd', '"a b"']);
    expect(c.redirects.map((r) => [r.fd, r.op, r.target.text])).toEqual([[2, '>&', '1'], [null, '>>', 'out']]);
  });
  it('reads here-document bodies after the line, quoted or not, with <<- stripping tabs', () => {
    const c = first('cat <<A <<-\'B\'\nx $y\nA\n\tz $w\n\tB\n') as SimpleCommand;
    const [a, b] = c.redirects.map((r) => r.heredoc!);
    expect(a!.quoted).toBe(false);
    expect(a!.body.parts[0]!.type).toBe('dq');
    expect(b!.quoted).toBe(true);
    expect(b!.body.text).toBe('z $w\n');
  });
  it('nests command substitutions, here-docs and case inside $( )', () => {
    const c = first('echo $(case x in x) echo "$(cat <<E\nin\nE\n)";; esac)') as SimpleCommand;
    const sub = c.words[1]!.parts[0]!;
    expect(sub.type).toBe('cmdsub');
  });
  it('tells $(( )) arithmetic from a $( ( ) ) subshell', () => {
    expect((first('echo $((1+2))') as SimpleCommand).words[1]!.parts[0]!.type).toBe('arith');
    expect((first('echo $((echo a); (echo b))') as SimpleCommand).words[1]!.parts[0]!.type).toBe('cmdsub');
  });
  it('recognises reserved words only where a command starts', () => {
    const c = first('echo if then fi') as SimpleCommand;
    expect(c.words.map((w) => plainText(w))).toEqual(['echo', 'if', 'then', 'fi']);
    expect(first('if x; then y; fi').type).toBe('if');
  });
  it('reads functions in both forms, and case items with all terminators', () => {
    expect(first('f() { :; }').type).toBe('function');
    expect(first('function f { :; }').type).toBe('function');
    const c = first('case $x in a|b) x;; (c) y;& *) z;;& esac');
    expect(c.type === 'case' && c.items.map((i) => [i.patterns.length, i.terminator])).toEqual([[2, ';;'], [1, ';&'], [1, ';;&']]);
  });
  it('joins continued lines and drops comments', () => {
    const c = first('echo a\\\nb # c') as SimpleCommand;
    expect(c.words.map((w) => w.text)).toEqual(['echo', 'a\\\nb']);
  });
  it('refuses absurd nesting with a limit, not a crash', () => {
    const r = parse('( '.repeat(5000) + 'x' + ' )'.repeat(5000), { shell: 'bash', interactive: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe('limit');
    const w = parse('echo ' + '${x:-'.repeat(20000) + '}'.repeat(20000), { shell: 'bash', interactive: false });
    expect(w.ok === false && w.error.kind).toBe('limit');
  });
});
