/**
 * grep and sed with POSIX patterns matched in linear time (issue 13 finding 3: `grep -E '(a+)+$'` on a
 * long line backtracked for minutes). Error texts are GNU grep/sed's on hosts and Debian images,
 * BusyBox's (musl regerror) in alpine.
 */
import { describe, expect, it } from 'vitest';
import { newTerm } from './helpers';

/** A line of 65,536 a's and a b, built in the lab's own shell. */
const LONG = 'a=a; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do a=$a$a; done';

describe('grep: POSIX patterns, linear time', () => {
  it("grep -E '(a+)+$' on a 65,537-character line answers at once: no match, exit 1", async () => {
    const t = newTerm();
    expect(await t.run(`${LONG}; echo "\${a}b" | grep -E '(a+)+$'`)).toMatchObject({ out: '', err: '', code: 1 });
    expect((await t.run(`echo "\${a}" | grep -cE '(a|aa)+$'`)).out).toBe('1\n');
  });

  it('BRE and ERE: \\| and | , \\( \\) and ( ), intervals, classes', async () => {
    const t = newTerm();
    expect((await t.run("printf 'x|y\\nxy\\n' | grep 'x|y'")).out).toBe('x|y\n');
    expect((await t.run("printf 'x|y\\nxz\\n' | grep 'y\\|z'")).out).toBe('x|y\nxz\n');
    expect((await t.run("printf 'ab\\nabab\\n' | grep -x '\\(ab\\)\\{2\\}'")).out).toBe('abab\n');
    expect((await t.run("printf 'ab\\nabab\\n' | grep -xE '(ab){2}'")).out).toBe('abab\n');
    expect((await t.run("grep -E '^[[:digit:]]+\\.' /etc/hosts")).out).toBe('127.0.0.1\tlocalhost\n127.0.1.1\thost1\n');
  });

  it('-o prints each match (the longest, as POSIX wants); -F takes the pattern as text; -w and -x', async () => {
    const t = newTerm();
    expect((await t.run("echo 'inet 10.0.0.1/24 brd 10.0.0.255' | grep -oE '[0-9]+(\\.[0-9]+){3}'")).out).toBe('10.0.0.1\n10.0.0.255\n');
    expect((await t.run("printf 'a.b\\naxb\\n' | grep -F 'a.b'")).out).toBe('a.b\n');
    expect((await t.run("printf 'web\\nwebby\\nmy web\\n' | grep -w web")).out).toBe('web\nmy web\n');
  });

  it('bad patterns get GNU grep\'s words on a host (exit 2)', async () => {
    const t = newTerm();
    expect(await t.run("echo x | grep 'a\\(b'")).toMatchObject({ err: 'grep: Unmatched ( or \\(\n', code: 2 });
    expect(await t.run("echo x | grep -E '[a'")).toMatchObject({ err: 'grep: Unmatched [, [^, [:, [., or [=\n', code: 2 });
    expect(await t.run("echo x | grep -E 'a{2,1}'")).toMatchObject({ err: 'grep: Invalid content of \\{\\}\n', code: 2 });
    expect(await t.run("echo x | grep '[[:nope:]]'")).toMatchObject({ err: 'grep: Invalid character class name\n', code: 2 });
  });

  it("and BusyBox's (musl regerror) in alpine", async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    expect(await t.run("echo x | grep -E '(a'")).toMatchObject({ err: "grep: bad regex '(a': Missing ')'\n", code: 2 });
  });

  it('a back-reference is one sim: line (it cannot be matched in linear time)', async () => {
    const t = newTerm();
    const r = await t.run("echo aa | grep '\\(a\\)\\1'");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sim: back-references such as \\1 are not part of the lab's grep/);
  });
});

describe('sed basics', () => {
  it('s with g, N, & and groups; -n with p; addresses, ranges and $', async () => {
    const t = newTerm();
    expect((await t.run("docker network ls | sed -n '2,$p' | sed 's/ \\+.*//' | wc -l")).out).toBe('3\n');
    expect((await t.run("echo aaa | sed 's/a/b/2'")).out).toBe('aba\n');
    expect((await t.run("echo 'hello world' | sed -E 's/(\\w+) (\\w+)/\\2 \\1 [&]/'")).out).toBe('world hello [hello world]\n');
    expect((await t.run("sed -n '/ip6/p' /etc/hosts")).out).toBe('::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n');
    expect((await t.run("sed '1,3d;$d' /etc/hosts")).out).toBe('# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\n');
    expect((await t.run("sed -n '$=' /etc/hosts")).out).toBe('7\n');
  });

  it('empty matches as GNU sed handles them; y, i, a, q; -i edits the file', async () => {
    const t = newTerm();
    expect((await t.run("echo cccd | sed 's/c*/R/g'")).out).toBe('RdR\n');
    expect((await t.run("echo abc | sed 'y/abc/xyz/'")).out).toBe('xyz\n');
    expect((await t.run("printf 'a\\nb\\nc\\n' | sed -e '2i new' -e '2a after' -e 2q")).out).toBe('a\nnew\nb\nafter\n');
    expect((await t.run("echo x > /root/f; sed -i 's/x/y/' /root/f; cat /root/f")).out).toBe('y\n');
  });

  it("errors in GNU sed's words; what the lab leaves out is one sim: line", async () => {
    const t = newTerm();
    expect(await t.run("echo x | sed k")).toMatchObject({ err: "sed: -e expression #1, char 1: unknown command: `k'\n", code: 1 });
    expect(await t.run("echo x | sed 's/a/b'")).toMatchObject({ err: "sed: -e expression #1, char 5: unterminated `s' command\n", code: 1 });
    expect(await t.run("echo x | sed 's/a/b/q'")).toMatchObject({ err: "sed: -e expression #1, char 7: unknown option to `s'\n", code: 1 });
    expect((await t.run("echo x | sed 'h;G'")).err).toMatch(/^sim: sed's 'h' command is not part of the lab/);
  });
});
