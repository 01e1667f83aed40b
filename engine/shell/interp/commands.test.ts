import { describe, expect, it } from 'vitest';
import { machine, sh } from './testkit';

/** Compound commands, functions, pipelines and redirections, checked against bash/dash/ash. */

const out = async (script: string, shell: 'bash' | 'dash' | 'busybox' | 'zsh' = 'bash') => (await sh(script, { shell })).out;

describe('conditionals and loops', () => {
  it('if / elif / else', async () => {
    expect(await out('if false; then echo a; elif true; then echo b; else echo c; fi; if false; then :; fi; echo $?')).toBe('b\n0\n');
  });
  it('while and until with a counter', async () => {
    expect(await out('i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i; until [ $i -le 0 ]; do echo $i; i=$((i-2)); done')).toBe('5\n5\n3\n1\n');
  });
  it('for over words, over "$@", and with an empty list', async () => {
    expect(await out('for i in a "b c"; do echo "[$i]"; done; set -- x y; for a; do echo $a; done; for z in; do echo no; done; echo $?')).toBe('[a]\n[b c]\nx\ny\n0\n');
  });
  it('break and continue, with levels', async () => {
    expect(await out('for i in 1 2 3; do for j in a b c; do if [ $j = b ]; then continue 2; fi; echo $i$j; done; done')).toBe('1a\n2a\n3a\n');
    expect(await out('for i in 1 2 3; do for j in a b; do [ $i = 2 ] && break 2; echo $i$j; done; done; echo done')).toBe('1a\n1b\ndone\n');
    expect(await out('i=0; while true; do i=$((i+1)); [ $i -gt 3 ] && break; [ $i = 2 ] && continue; echo $i; done')).toBe('1\n3\n');
  });
  it('break outside a loop: bash complains, dash and ash do not', async () => {
    expect((await sh('break; echo $?')).all).toBe("bash: line 1: break: only meaningful in a `for', `while', or `until' loop\n0\n");
    expect((await sh('break; echo $?', { shell: 'dash' })).all).toBe('0\n');
  });
  it('case: globs, alternatives, classes, fall-through', async () => {
    expect(await out('case hello in h*) echo h;; *) echo other;; esac; case a.txt in *.md|*.txt) echo doc;; esac; case x in [a-w]) echo aw;; [x-z]) echo xz;; esac')).toBe('h\ndoc\nxz\n');
    expect(await out('x=a; case $x in a) echo A;& b) echo B;; c) echo C;; esac; case b in (b) echo paren;; esac; case q in a) ;; esac; echo $?')).toBe('A\nB\nparen\n0\n');
    expect(await out('case a in a) echo 1;;& a) echo 2;; a) echo 3;; esac')).toBe('1\n2\n');
    expect(await out('p="*"; case abc in $p) echo unquoted;; esac; case abc in "$p") echo no;; *) echo quoted;; esac')).toBe('unquoted\nquoted\n');
  });
  it('&&, || and !', async () => {
    expect(await out('false || echo or; true && echo and; ! true; echo $?; ! false; echo $?; false && echo no || echo yes')).toBe('or\nand\n1\n0\nyes\n');
  });
});

describe('functions', () => {
  it('take positional parameters and return a status', async () => {
    expect(await out('f() { echo "f $1 $#"; return 3; }; f a b; echo $?; echo $#')).toBe('f a 2\n3\n0\n');
  });
  it('local variables, with dynamic scope', async () => {
    expect(await out('x=1; f() { x=2; local y=3; g; }; g() { echo $x $y; y=4; }; f; echo $x "[$y]"')).toBe('2 3\n2 []\n');
    expect(await out('f() { local x=in; echo $x; }; x=out; f; echo $x')).toBe('in\nout\n');
  });
  it('local without a value: unset in bash, the outer value in dash', async () => {
    expect(await out('x=1; f(){ local x; echo "[$x]"; }; f')).toBe('[]\n');
    expect(await out('x=1; f(){ local x; echo "[$x]"; }; f', 'dash')).toBe('[1]\n');
  });
  it('recursion', async () => {
    expect(await out('fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 10')).toBe('3628800\n');
  });
  it('prefix assignments last for the call only', async () => {
    expect(await out('f() { echo $X; }; X=tmp f; echo "[$X]"')).toBe('tmp\n[]\n');
  });
  it('function keyword (bash) and redefinition', async () => {
    expect(await out('function g { echo one; }; g; g() { echo two; }; g; unset -f g; g 2>/dev/null; echo $?')).toBe('one\ntwo\n127\n');
  });
  it('return outside a function', async () => {
    expect((await sh('return; echo $?')).all).toBe("bash: line 1: return: can only `return' from a function or sourced script\n2\n");
    expect((await sh('return 3; echo no', { shell: 'dash' })).status).toBe(3);
  });
});

describe('subshells and command substitution keep their changes to themselves', () => {
  it('variables, cwd, functions and exit', async () => {
    expect(await out('x=1; (x=2; echo in $x); echo out $x; { x=3; }; echo $x')).toBe('in 2\nout 1\n3\n');
    expect(await out('(cd /tmp; pwd); pwd; (f() { :; }); type f >/dev/null 2>&1 || echo nof; (exit 4); echo $?')).toBe('/tmp\n/root\nnof\n4\n');
    expect(await out('y=$(x=5; echo $x); echo $y "[$x]"; x=$(false); echo $?; x=$(exit 7); echo $?')).toBe('5 []\n1\n7\n');
    expect(await out('false; x=$?; echo $x; x=$(false) y=$?; echo $y; true; x=1; echo $?')).toBe('1\n1\n0\n');
  });
  it('pipeline stages are subshells in bash, dash and ash; zsh runs the last in the shell', async () => {
    expect(await out('x=1; echo 2 | read x; echo $x')).toBe('1\n');
    expect(await out('x=1; echo 2 | read x; echo $x', 'zsh')).toBe('2\n');
  });
});

describe('set -e, -u, -x', () => {
  it('set -e stops at a failing command, not in conditions or before && / ||', async () => {
    const r = await sh('set -e; echo a; false; echo b');
    expect([r.out, r.status]).toEqual(['a\n', 1]);
    expect(await out('set -e; false || true; echo c; if false; then :; fi; echo d; ! true; echo e; false && true; echo f')).toBe('c\nd\ne\nf\n');
    expect((await sh('set -e; f() { false; echo no; }; f; echo no2')).out).toBe('');
  });
  it('set -u: unset variables are errors', async () => {
    const r = await sh('set -u; echo ${nope:-ok}; echo $nope; echo after');
    expect([r.out, r.err, r.status]).toEqual(['ok\n', 'bash: line 1: nope: unbound variable\n', 127]);
    expect((await sh('set -u; echo $nope', { shell: 'dash' })).err).toBe('sh: 1: nope: parameter not set\n');
  });
  it('set -x traces commands as each shell does', async () => {
    expect((await sh('set -x; x=1; echo "a b" $x')).err).toBe("+ x=1\n+ echo 'a b' 1\n");
    expect((await sh('set -x; echo "a b"', { shell: 'dash' })).err).toBe('+ echo a b\n');
  });
  it('set -- and set -o pipefail', async () => {
    expect(await out('set -- a b c; echo $#; set -o pipefail; false | true; echo $?; set +o pipefail; false | true; echo $?')).toBe('3\n1\n0\n');
  });
});

describe('pipelines, redirections and here-documents', () => {
  it('each stage reads the previous one\'s output; the status is the last stage\'s', async () => {
    expect(await out('echo hello | tr | cat; printf "a\\nb\\nc\\n" | grep b; echo x | grep y; echo $?')).toBe('HELLO\nb\n1\n');
  });
  it('writes, appends and reads files; 2>&1, >&2, &>, /dev/null', async () => {
    const m = machine();
    const r = await sh('echo x > /tmp/f; echo y >> /tmp/f; cat < /tmp/f; echo e >&2 2>/dev/null; { echo o; echo e2 >&2; } 2>&1 | cat; echo q &>/tmp/g; cat /tmp/g', { machine: m });
    expect(r.out).toBe('x\ny\no\ne2\nq\n');
    expect(r.err).toBe('e\n');
    expect(m.files.get('/tmp/f')).toBe('x\ny\n');
  });
  it('redirection errors in each shell\'s words, and the command does not run', async () => {
    expect((await sh('echo hi > /nodir/x; echo $?')).all).toBe('bash: line 1: /nodir/x: No such file or directory\n1\n');
    expect((await sh('echo hi > /nodir/x; echo $?', { shell: 'dash' })).all).toBe('sh: 1: cannot create /nodir/x: Directory nonexistent\n2\n');
    expect((await sh('cat < /nope; echo $?', { shell: 'busybox' })).all).toBe("sh: can't open /nope: no such file\n1\n");
    expect((await sh('echo > /proc/x')).err).toBe('bash: line 1: /proc/x: Read-only file system\n');
    expect((await sh('x="a b"; echo > $x')).err).toBe('bash: line 1: $x: ambiguous redirect\n');
  });
  it('here-documents: expanded, quoted, tab-stripped; here-strings', async () => {
    expect(await out('x=world; cat <<EOF\nhello $x\n  $((1+2)) \\$x\nEOF\ncat <<\'EOF\'\nraw $x\nEOF\ncat <<-EOF\n\ttabbed\n\tEOF\ncat <<< "$x"')).toBe('hello world\n  3 $x\nraw $x\ntabbed\nworld\n');
  });
  it('while read consumes one line per turn, even when the body runs programs', async () => {
    const files = { '/root/lines': 'l1\nl2\nl3\n' };
    expect((await sh('while read line; do echo "<$line>"; done < lines', { files })).out).toBe('<l1>\n<l2>\n<l3>\n');
    expect((await sh('printf "a b c d\\n" | { read x y; echo "[$x] [$y]"; }; echo "x  y" | { IFS= read -r l; echo "[$l]"; }')).out).toBe('[a] [b c d]\n[x  y]\n');
  });
  it('read returns 1 at end of input', async () => {
    expect(await out('read x < /dev/null; echo $? "[$x]"; printf "last" | { read y; echo $? $y; }')).toBe('1 []\n1 last\n');
  });
  it('output of a loop redirected as a whole', async () => {
    const m = machine();
    await sh('for i in 1 2 3; do echo $i; done > /tmp/n', { machine: m });
    expect(m.files.get('/tmp/n')).toBe('1\n2\n3\n');
  });
});

describe('builtins', () => {
  it('cd, pwd, cd - and errors', async () => {
    expect((await sh('cd /tmp; pwd; cd -; cd /nope; echo $?')).all).toBe('/tmp\n/root\nbash: line 1: cd: /nope: No such file or directory\n1\n');
    expect((await sh('cd /nope', { shell: 'dash' })).err).toBe("sh: 1: cd: can't cd to /nope\n");
  });
  it('export reaches programs, plain variables do not', async () => {
    expect(await out('A=1; export B=2; env | grep A=; env | grep B=; C=3 env | grep C=; env | grep C=')).toBe('B=2\nC=3\n');
  });
  it('readonly and unset', async () => {
    expect((await sh('readonly r=1; r=2; echo after')).all).toBe('bash: line 1: r: readonly variable\n');
    expect((await sh('readonly r=1; r=2', { shell: 'dash' })).err).toBe('sh: 1: r: is read only\n');
    expect((await sh('x=1; readonly x; unset x; echo $?')).all).toBe('bash: line 1: unset: x: cannot unset: readonly variable\n1\n');
    expect(await out('x=1; unset x; echo "[$x]"')).toBe('[]\n');
  });
  it('eval and .', async () => {
    const files = { '/root/lib.sh': 'greet() { echo "hi $1"; }\nLIB=1\n' };
    expect((await sh('cmd="echo a; echo b"; eval "$cmd"; . ./lib.sh; greet you; echo $LIB', { files })).out).toBe('a\nb\nhi you\n1\n');
    expect((await sh('eval "if"')).err).toBe('bash: eval: line 1: syntax error: unexpected end of file\n');
  });
  it('test and [ with their errors', async () => {
    expect(await out('[ -z "" ] && echo empty; [ -n x ] && echo set; [ a = a ]; echo $?; [ 1 -eq 2 ]; echo $?; test 5 -gt 3 -a 2 -lt 4; echo $?; [ ! -d /nope ]; echo $?')).toBe('empty\nset\n0\n1\n0\n0\n');
    expect((await sh('[ 1 -lt a ]; echo $?')).all).toBe('bash: line 1: [: a: integer expression expected\n2\n');
    expect((await sh('[ 1 -lt a ]', { shell: 'dash' })).err).toBe('sh: 1: [: Illegal number: a\n');
    expect((await sh('[ a', { shell: 'busybox' })).err).toBe('sh: missing ]\n');
    expect((await sh('[ a')).err).toBe("bash: line 1: [: missing `]'\n");
  });
  it('[[ ]] with patterns, && and ||', async () => {
    expect(await out('x=hello; [[ $x == h* && -n $x ]] && echo m; [[ $x != h* || 1 -lt 2 ]] && echo n; [[ "a b" == "a b" ]] && echo q')).toBe('m\nn\nq\n');
  });
  it('type and command -v', async () => {
    expect((await sh('f() { :; }; type cd echo f if cat; type nosuch; echo $?')).all).toBe('cd is a shell builtin\necho is a shell builtin\nf is a function\nf() { :; }\nif is a shell keyword\ncat is /usr/bin/cat\nbash: line 1: type: nosuch: not found\n1\n');
    expect(await out('command -v cd cat; command -v nosuch; echo $?')).toBe('cd\n/usr/bin/cat\n1\n');
    expect(await out('echo() { printf "fn\\n"; }; echo x; command echo real')).toBe('fn\nreal\n');
    expect(await out('cd() { echo "cd to $1"; builtin cd "$@"; }; cd /tmp; pwd')).toBe('cd to /tmp\n/tmp\n');
  });
  it('not found, in each shell\'s words', async () => {
    expect((await sh('nosuch; echo $?')).all).toBe('bash: line 1: nosuch: command not found\n127\n');
    expect((await sh('nosuch', { shell: 'dash' })).err).toBe('sh: 1: nosuch: not found\n');
    expect((await sh('nosuch', { shell: 'busybox' })).err).toBe('sh: nosuch: not found\n');
    expect((await sh('nosuch', { shell: 'zsh', interactive: true })).err).toBe('zsh: command not found: nosuch\n');
    expect((await sh('nosuch', { interactive: true })).err).toBe('bash: nosuch: command not found\n');
  });
  it('background jobs, $! and wait', async () => {
    expect(await out('sleep 1 & echo started; wait $!; echo $?; [ -n "$!" ] && echo pid')).toBe('started\n0\npid\n');
  });
});
