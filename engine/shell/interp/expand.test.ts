import { describe, expect, it } from 'vitest';
import { sh } from './testkit';

/** Word expansion: expected outputs checked against bash 5.2, dash 0.5.12 and BusyBox 1.35 ash. */

const out = async (script: string, shell: 'bash' | 'dash' | 'busybox' | 'zsh' = 'bash') => (await sh(script, { shell })).out;

describe('parameter expansion', () => {
  it('defaults, assignments and alternatives, with and without the colon', async () => {
    expect(await out('echo ${x:-def} ${x-unset} ${x:=new} $x; y=; echo "[${y:-e}]" "[${y-e}]" "[${y:+p}]" "[${x:+p}]"')).toBe('def unset new new\n[e] [] [] [p]\n');
  });
  it('removes prefixes and suffixes by pattern, and counts characters', async () => {
    expect(await out('f=/usr/local/bin/file.tar.gz; echo ${f##*/} ${f#*/} ${f%.*} ${f%%.*} ${#f}')).toBe('file.tar.gz usr/local/bin/file.tar.gz /usr/local/bin/file.tar /usr/local/bin/file 26\n');
  });
  it("quoted parts of a pattern are literal: ${x%'*'}", async () => {
    expect(await out("x='a*b*'; echo ${x%'*'} ${x%*} ${x%%b*}")).toBe('a*b a*b* a*\n');
  });
  it('bash replaces, slices and changes case', async () => {
    expect(await out('x=abc; echo ${x/b/X} ${x//[ac]/Y} ${x:1} ${x:0:2} ${x: -1} ${#x}')).toBe('aXc YbY bc ab c 3\n');
    expect(await out('x=hello; echo ${x^^} ${x^}; X=ABC; echo ${X,,}')).toBe('HELLO Hello\nabc\n');
  });
  it('ash has no case changes: bad substitution', async () => {
    const r = await sh('x=a; echo ${x^^}', { shell: 'busybox' });
    expect(r.err).toBe('sh: syntax error: bad substitution\n');
    expect(r.status).toBe(2);
  });
  it('special parameters', async () => {
    expect(await out('set -- a "b c" d; echo $# "$1" "$2"; echo $? $$; false; echo $?')).toBe('3 a b c\n0 42\n1\n');
    expect(await out('echo $0', 'dash')).toBe('sh\n');
    expect(await out('f() { echo $#; }; f 1 2 3')).toBe('3\n');
  });
  it('"$@" keeps each positional parameter, "$*" joins them with IFS', async () => {
    expect(await out('set -- a "b c" d; for x in "$@"; do echo "[$x]"; done; for x in $*; do echo "<$x>"; done; IFS=,; echo "$*"')).toBe('[a]\n[b c]\n[d]\n<a>\n<b>\n<c>\n<d>\na,b c,d\n');
    expect(await out('set --; for x in "$@"; do echo no; done; for x in "x$@y"; do echo "$x"; done')).toBe('xy\n');
  });
  it('$RANDOM is deterministic per shell and in range', async () => {
    const a = await out('echo $RANDOM $RANDOM');
    expect(a).toBe(await out('echo $RANDOM $RANDOM'));
    for (const n of a.trim().split(' ')) expect(Number(n)).toBeLessThan(32768);
  });
});

describe('field splitting (POSIX 2.6.5)', () => {
  it('IFS white space collapses and is trimmed', async () => {
    expect(await out('x="  a  b  "; for f in $x; do echo "[$f]"; done')).toBe('[a]\n[b]\n');
  });
  it('other IFS characters delimit, empty fields included', async () => {
    expect(await out('IFS=:; x="a:b::c"; for f in $x; do echo "[$f]"; done')).toBe('[a]\n[b]\n[]\n[c]\n');
    expect(await out('IFS=" :"; x=" a : b :c"; for f in $x; do echo "[$f]"; done')).toBe('[a]\n[b]\n[c]\n');
  });
  it('quoted expansions and empty IFS are not split; unquoted empties vanish', async () => {
    expect(await out('a="x  y"; set -- $a; echo $#; set -- "$a"; echo $#; IFS=; set -- $a; echo $#; e=; set -- $e "$e"; echo $#')).toBe('2\n1\n1\n1\n');
  });
  it('command substitution output is split unless quoted, trailing newlines dropped', async () => {
    expect(await out('x=$(echo a; echo b); echo "$x"; echo $x; v=$(printf "a\\n\\n\\n"); echo "[$v]"')).toBe('a\nb\na b\n[a]\n');
  });
});

describe('quoting', () => {
  it('single, double, backslash and $\'…\'', async () => {
    expect(await out('echo \'single $x\' "double \\$x \\" \\\\" $\'ansi\\tx\' a\\ b')).toBe('single $x double $x " \\ ansi\tx a b\n');
  });
  it('dash has no $\'…\'', async () => {
    expect(await out("echo $'a'", 'dash')).toBe('$a\n');
  });
  it('nested command substitutions and backticks', async () => {
    expect(await out('echo "$(echo "nested $(echo deep)")" `echo one \\`echo two\\``')).toBe('nested deep one two\n');
    expect(await out('echo "$(echo \'$x\')" \'$(echo no)\'')).toBe('$x $(echo no)\n');
  });
  it('line continuations join words', async () => {
    expect(await out('echo a\\\nb')).toBe('ab\n');
  });
});

describe('tilde, braces and globbing', () => {
  it('expands ~ at the start of words and after : in assignments', async () => {
    expect(await out('echo ~ ~/x ~root "~" a~; P=~/bin:~/sbin; echo $P')).toBe('/root /root/x /root ~ a~\n/root/bin:/root/sbin\n');
  });
  it('bash expands braces; dash and ash do not', async () => {
    expect(await out('echo {a,b}{1,2} x{1..3} {5..1..2} {a..c} {01..03} {x} {} "{a,b}" pre{,post}')).toBe('a1 a2 b1 b2 x1 x2 x3 5 3 1 a b c 01 02 03 {x} {} {a,b} pre prepost\n');
    expect(await out('echo {a,b}', 'dash')).toBe('{a,b}\n');
    expect(await out('echo {a,b}', 'busybox')).toBe('{a,b}\n');
  });
  it('refuses a brace expansion of absurd size', async () => {
    const r = await sh('echo {1..1000}{1..1000}');
    expect(r.err).toBe('sim: a brace expansion would make more than 100000 words\n');
  });
  it('matches files the host lists, sorted; no match keeps the pattern; quotes disable it', async () => {
    const files = { '/root/b.txt': '', '/root/a.txt': '', '/root/.hidden.txt': '', '/root/c.md': '', '/etc/hosts': '' };
    expect((await sh('echo *.txt; echo *.none; echo "*.txt"; echo /etc/h*; echo ?.md; echo [ab].txt', { files })).out).toBe('a.txt b.txt\n*.none\n*.txt\n/etc/hosts\nc.md\na.txt b.txt\n');
    expect((await sh('set -f; echo *.txt', { files })).out).toBe('*.txt\n');
    expect((await sh('x="*.md"; echo $x "$x"', { files })).out).toBe('c.md *.md\n');
  });
});

describe('arithmetic', () => {
  it('C operators with 64-bit wrap-around', async () => {
    expect(await out('echo $((2**10)) $((7/2)) $((-7/2)) $((-7%3)) $((1<<4)) $((0x1f)) $((010)) $((2#101)) $((1?2:3)) $((!0)) $((~0))')).toBe('1024 3 -3 -1 16 31 8 5 2 1 -1\n');
    expect(await out('echo $((2**63)) $((1<<65)) $(( (1+2)*3 )) $(( 2 > 1 && 3 > 4 )) $(( 5 & 3 | 8 )) $(( 1, 2 ))')).toBe('-9223372036854775808 2 9 0 9 2\n');
  });
  it('assignment operators and ++/--', async () => {
    expect(await out('x=3; echo $((x+=2)) $((x++)) $((++x)) $x $((x*=2)) $((x%=5)) $((x<<=3))')).toBe('5 5 7 7 14 4 32\n');
  });
  it('variables holding expressions are evaluated; empty is 0', async () => {
    expect(await out('x=3+4; echo $((x*2)) $((nope+1)); i=5; echo $(( $i * 2 ))')).toBe('14 1\n10\n');
  });
  it('short-circuits without side effects', async () => {
    expect(await out('x=0; echo $(( 0 && (x=5) )) $x $(( 1 || (x=6) )) $x $(( 1 ? 7 : (x=8) )) $x')).toBe('0 0 1 0 7 0\n');
  });
  it('division by zero, in each shell\'s words', async () => {
    const cases = {
      bash: ['bash: line 1: 1/0: division by 0 (error token is "0")\n', 1],
      dash: ['sh: 1: arithmetic expression: division by zero: "1/0"\n', 2],
      busybox: ['sh: divide by zero\n', 2],
      zsh: ['zsh:1: division by zero\n', 1],
    } as const;
    for (const [shell, [text, status]] of Object.entries(cases)) {
      const r = await sh('echo $((1/0)); echo after', { shell: shell as 'bash' });
      expect([r.out, r.err, r.status]).toEqual(['', text, status]);
    }
    expect((await sh('y=0; echo $((7%y))')).err).toBe('bash: line 1: 7%y: division by 0 (error token is "y")\n');
    expect((await sh('echo $(( 5 / 0 ))')).err).toBe('bash: line 1: 5 / 0 : division by 0 (error token is "0 ")\n');
  });
  it('syntax errors in expressions', async () => {
    expect((await sh('echo $((1+*2))')).err).toBe('bash: line 1: 1+*2: syntax error: operand expected (error token is "*2")\n');
    expect((await sh('echo $(( 3 + ))')).err).toBe('bash: line 1: 3 + : syntax error: operand expected (error token is "+ ")\n');
    expect((await sh('echo $((a b))')).err).toBe('bash: line 1: a b: syntax error in expression (error token is "b")\n');
    expect((await sh('echo $((1=2))')).err).toBe('bash: line 1: 1=2: attempted assignment to non-variable (error token is "=2")\n');
    expect((await sh('echo $((2**-1))')).err).toBe('bash: line 1: 2**-1: exponent less than 0 (error token is "1")\n');
    expect((await sh('echo $((08))')).err).toBe('bash: line 1: 08: value too great for base (error token is "08")\n');
    expect((await sh('echo $((1 2))', { shell: 'dash' })).err).toBe('sh: 1: arithmetic expression: expecting EOF: "1 2"\n');
    expect((await sh('echo $((2**3))', { shell: 'dash' })).err).toBe('sh: 1: arithmetic expression: expecting primary: "2**3"\n');
    expect((await sh('x=3+4; echo $((x))', { shell: 'dash' })).err).toBe('sh: 1: Illegal number: 3+4\n');
  });
  it('(( )) and let set the status; for (( )) loops', async () => {
    expect(await out('(( 2 > 1 )) && echo yes; (( 0 )) || echo no; let x=4*2; echo $x; for ((i=0; i<3; i++)); do echo -n $i; done; echo')).toBe('yes\nno\n8\n012\n');
  });
});
