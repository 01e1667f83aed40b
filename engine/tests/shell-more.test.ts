/**
 * More of the terminal's shell: command substitution, variables and assignments, cd in bash, busybox ash and
 * dash, arithmetic, loops and conditionals, a syntax error anywhere on the line, grep context options and
 * head -c, and the history a restored terminal starts with.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';
import { lines, newTerm, Term } from './helpers';

describe('command substitution', () => {
  it('$(...) and backticks run the inner command and splice in its output', async () => {
    const t = newTerm();
    expect(await t.run('echo "now: $(hostname)"')).toMatchObject({ out: 'now: host1\n', err: '', code: 0 });
    expect(await t.run('echo `hostname`')).toMatchObject({ out: 'host1\n', err: '', code: 0 });
    expect(await t.run('echo `echo hi` $(echo there)')).toMatchObject({ out: 'hi there\n', code: 0 });
  });

  it('unquoted, the output is split into words; quoted, its newlines stay', async () => {
    const t = newTerm();
    expect((await t.run('echo $(echo a; echo b)')).out).toBe('a b\n');
    expect((await t.run('echo "$(echo a; echo b)"')).out).toBe('a\nb\n');
  });

  it('docker rm -f $(docker ps -aq) removes every container and echoes each id', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name one alpine', 'docker run -d --name two nginx', 'docker create --name three alpine');
    const ids = lines((await t.run('docker ps -aq')).out);
    expect(ids).toHaveLength(3);
    const r = await t.run('docker rm -f $(docker ps -aq)');
    expect(r).toMatchObject({ err: '', code: 0 });
    expect(lines(r.out)).toEqual(ids);
    expect(await t.run('docker ps -aq')).toMatchObject({ out: '', code: 0 });
  });

  it('an inner command that is not found reports on stderr and substitutes nothing', async () => {
    const t = newTerm();
    expect(await t.run('echo [$(nope)]')).toMatchObject({ out: '[]\n', err: 'bash: nope: command not found\n', code: 0 });
  });

  it('inside a container the substitution runs in the container', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    const id = (await t.run('hostname')).out;
    expect(id).toMatch(/^[0-9a-f]{12}\n$/);
    expect((await t.run('echo "I am $(hostname)"')).out).toBe(`I am ${id}`);
    expect((await t.run('echo `echo hi`')).out).toBe('hi\n');
  });

  it('$((1+2)) is arithmetic expansion: 3', async () => {
    const t = newTerm();
    expect(await t.run('echo $((1+2))')).toMatchObject({ out: '3\n', err: '', code: 0 });
    expect((await t.run('i=4; echo $((i * 2 + 1))')).out).toBe('9\n');
  });
});

describe('variables', () => {
  it('x=abc; echo $x prints abc, and the variable lives on to the next line', async () => {
    const t = newTerm();
    expect(await t.run('x=abc; echo $x')).toMatchObject({ out: 'abc\n', err: '', code: 0 });
    expect((await t.run('echo $x')).out).toBe('abc\n');
    expect((await t.run('echo "${x}def"')).out).toBe('abcdef\n');
    expect((await t.run(`echo '$x'`)).out).toBe('$x\n');
  });

  it('an assignment alone prints nothing and exits 0', async () => {
    const t = newTerm();
    expect(await t.run('y=1')).toMatchObject({ output: '', code: 0 });
    expect((await t.run('X=1 Y=2; echo $X$Y')).out).toBe('12\n');
  });

  it('IP=$(hostname); echo $IP', async () => {
    const t = newTerm();
    expect(await t.run('IP=$(hostname); echo $IP')).toMatchObject({ out: 'host1\n', code: 0 });
  });

  it('unset variables vanish, with the spaces around them', async () => {
    const t = newTerm();
    expect((await t.run('echo a $NOPE b')).out).toBe('a b\n');
    expect((await t.run('echo "[$NOPE]"')).out).toBe('[]\n');
  });

  it('$HOME and $HOSTNAME on the host, on another host, and in a container', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    expect((await t.run('echo $HOME $HOSTNAME')).out).toBe('/root host1\n');
    await t.setup('ssh host2');
    expect((await t.run('echo $HOSTNAME')).out).toBe('host2\n');
    await t.setup('exit', 'docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    const id = (await t.run('hostname')).out;
    expect((await t.run('echo $HOSTNAME')).out).toBe(id);
    expect((await t.run('echo $HOME')).out).toBe('/root\n');
  });
});

describe('cd', () => {
  it('cd /tmp; pwd on one line, and the prompt follows', async () => {
    const t = newTerm();
    expect(await t.run('cd /tmp; pwd')).toMatchObject({ out: '/tmp\n', code: 0 });
    expect(t.prompt()).toBe('root@host1:/tmp# ');
    expect(await t.run('cd')).toMatchObject({ output: '', code: 0 });
    expect(t.prompt()).toBe('root@host1:~# ');
    expect((await t.run('pwd')).out).toBe('/root\n');
  });

  it('bash: cd nope -> "bash: cd: nope: No such file or directory", exit 1, directory unchanged', async () => {
    const t = newTerm();
    await t.setup('cd /tmp');
    expect(await t.run('cd nope')).toMatchObject({ out: '', err: 'bash: cd: nope: No such file or directory\n', code: 1 });
    expect(t.prompt()).toBe('root@host1:/tmp# ');
  });

  it('busybox ash in alpine: "sh: cd: can\'t cd to nope: No such file or directory"', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    const r = await t.run('cd nope');
    expect(r).toMatchObject({ out: '', err: "sh: cd: can't cd to nope: No such file or directory\n" });
    expect(t.prompt()).toBe('/ # ');
  });

  it('busybox ash: a failed cd exits 2 (ash_msg_and_raise_error sets exitstatus = 2)', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    expect((await t.run('cd nope')).code).toBe(2);
  });

  it('dash in nginx: "sh: 1: cd: can\'t cd to nope", exit 2', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker exec -it web sh');
    expect(await t.run('cd nope')).toMatchObject({ out: '', err: "sh: 1: cd: can't cd to nope\n", code: 2 });
    expect(t.prompt()).toBe('# ');
  });

  it('bash in a container: the bash text, and the prompt shows the directory', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker exec -it web bash');
    expect(await t.run('cd nope')).toMatchObject({ err: 'bash: cd: nope: No such file or directory\n', code: 1 });
    await t.setup('cd /tmp');
    expect(t.prompt()).toMatch(/^root@[0-9a-f]{12}:\/tmp# $/);
    expect((await t.run('pwd')).out).toBe('/tmp\n');
  });

  it('bash: cd - returns to the previous directory and prints it', async () => {
    const t = newTerm();
    await t.setup('cd /tmp');
    expect(await t.run('cd -')).toMatchObject({ out: '/root\n', err: '', code: 0 });
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('bash expands ~ to $HOME in a word', async () => {
    const t = newTerm();
    expect((await t.run('echo ~')).out).toBe('/root\n');
    expect((await t.run('echo ~/x')).out).toBe('/root/x\n');
    expect((await t.run(`echo '~'`)).out).toBe('~\n');
  });
});

describe('loops and conditionals run as in bash', () => {
  it('for, while with arithmetic, if/elif/else and case', async () => {
    const t = newTerm();
    expect(await t.run('for i in 1 2; do echo $i; done')).toMatchObject({ out: '1\n2\n', err: '', code: 0 });
    expect((await t.run('i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo n$i; done')).out).toBe('n1\nn2\nn3\n');
    expect((await t.run('if false; then echo a; elif true; then echo b; else echo c; fi')).out).toBe('b\n');
    expect((await t.run('case web1 in db*) echo db;; web*) echo web;; esac')).out).toBe('web\n');
  });

  it('a loop over docker output: each container by name', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name one alpine', 'docker run -dit --name two alpine');
    const r = await t.run(`for c in $(docker ps --format '{{.Names}}'); do echo "$c: $(docker inspect -f '{{.State.Status}}' $c)"; done`);
    expect(r).toMatchObject({ out: 'two: running\none: running\n', err: '', code: 0 });
  });

  it('commands before a loop on the same line run, and the loop sees what they did', async () => {
    const t = newTerm();
    const r = await t.run('docker network create early >/dev/null; for x in 1; do docker network ls --format "{{.Name}}" | grep early; done');
    expect(r).toMatchObject({ out: 'early\n', code: 0 });
  });

  it('while true runs until Ctrl-C, then the terminal goes on', async () => {
    const t = newTerm();
    const ac = new AbortController();
    let seen = 0;
    const r = await t.session.run('while true; do echo x; done', {
      signal: ac.signal,
      onOutput: (chunk) => {
        seen += chunk.length;
        if (seen > 1000) ac.abort();
      },
    });
    expect(r.exitCode).toBe(130);
    expect(await t.run('echo $?')).toMatchObject({ out: '130\n' });
  });

  it('a syntax error anywhere on the line runs nothing: echo a; ;;', async () => {
    const t = newTerm();
    expect(await t.run('echo a; ;;')).toMatchObject({ out: '', err: "bash: syntax error near unexpected token `;;'\n", code: 2 });
    expect((await t.run('echo $?')).out).toBe('2\n');
    expect(await t.run('echo a; ;; echo b')).toMatchObject({ out: '', code: 2 });
  });

  it('a syntax error after a docker command: the container is not created', async () => {
    const t = newTerm();
    expect((await t.run('docker run -d --name early alpine; ;;')).code).toBe(2);
    expect((await t.run('docker ps -aq')).out).toBe('');
  });

  it('printf is a bash builtin: it prints, or the sim says plainly it cannot', async () => {
    const t = newTerm();
    const r = await t.run(`printf 'a\\nb\\n'`);
    expect(r.err).not.toContain('command not found');
    if (r.code === 0) expect(r.out).toBe('a\nb\n');
    else expect(r.err).toMatch(/^sim: /);
  });
});

describe('grep context and head -c', () => {
  const NINE = 'echo -e "1\\n2\\nx3\\n4\\n5\\n6\\nx7\\n8\\n9"';

  it('grep -A1: each match and the line after, groups split by --', async () => {
    const t = newTerm();
    expect(await t.run(`${NINE} | grep -A1 x`)).toMatchObject({ out: 'x3\n4\n--\nx7\n8\n', code: 0 });
    expect((await t.run(`${NINE} | grep -A 1 x`)).out).toBe('x3\n4\n--\nx7\n8\n');
  });

  it('grep -B2: two lines before each match', async () => {
    const t = newTerm();
    expect((await t.run(`${NINE} | grep -B2 x`)).out).toBe('1\n2\nx3\n--\n5\n6\nx7\n');
  });

  it('grep -C1: one line either side; touching groups merge without --', async () => {
    const t = newTerm();
    expect((await t.run(`${NINE} | grep -C1 x`)).out).toBe('2\nx3\n4\n--\n6\nx7\n8\n');
    expect((await t.run('echo -e "1\\n2\\nx3\\n4\\n5\\nx6\\n7\\n8\\n9" | grep -C1 x')).out).toBe('2\nx3\n4\n5\nx6\n7\n');
    expect((await t.run('echo -e "x1\\nx2\\n3" | grep -A1 x')).out).toBe('x1\nx2\n3\n');
  });

  it('grep -C with a large count prints every line once', async () => {
    const t = newTerm();
    const r = await t.run('docker network ls | grep -C 5 host');
    expect(lines(r.out)).toHaveLength(4);
    expect(r.out).not.toContain('--');
  });

  it('GNU grep -A0 still separates groups that are not adjacent', async () => {
    const t = newTerm();
    expect((await t.run(`${NINE} | grep -A0 x`)).out).toBe('x3\n--\nx7\n');
  });

  it('busybox grep in alpine prints the same -- separators', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    expect((await t.run(`${NINE} | grep -C1 x`)).out).toBe('2\nx3\n4\n--\n6\nx7\n8\n');
  });

  it('grep -n numbers the lines', async () => {
    const t = newTerm();
    expect(await t.run(`${NINE} | grep -n x`)).toMatchObject({ out: '3:x3\n7:x7\n', code: 0 });
  });

  it('head -c N prints the first N bytes, newlines included, and no newline of its own', async () => {
    const t = newTerm();
    expect(await t.run('docker network ls | head -c 10')).toMatchObject({ out: 'NETWORK ID', code: 0 });
    expect((await t.run('echo hello | head -c 3')).out).toBe('hel');
    expect((await t.run('echo -e "abc\\ndef" | head -c 5')).out).toBe('abc\nd');
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    expect((await t.run('echo abcdef | head -c 3')).out).toBe('abc');
  });
});

describe('filters read the files they are given', () => {
  it('cat shows the host /etc/hosts (Debian layout)', async () => {
    const t = newTerm();
    expect((await t.run('cat /etc/hosts')).out).toBe(
      '127.0.0.1\tlocalhost\n127.0.1.1\thost1\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n',
    );
  });

  it('grep PATTERN FILE searches the file, like cat FILE | grep PATTERN', async () => {
    const t = newTerm();
    const piped = await t.run('cat /etc/hosts | grep localhost');
    expect(piped.out).toBe('127.0.0.1\tlocalhost\n::1     localhost ip6-localhost ip6-loopback\n');
    expect(await t.run('grep localhost /etc/hosts')).toMatchObject({ out: piped.out, err: '', code: 0 });
    expect((await t.run('grep -c localhost /etc/hosts')).out).toBe('2\n');
  });

  it('grep on a missing file: "grep: F: No such file or directory", exit 2', async () => {
    const t = newTerm();
    expect(await t.run('grep x /nonexist')).toMatchObject({ out: '', err: 'grep: /nonexist: No such file or directory\n', code: 2 });
  });

  it('head, tail and wc -l take a file too', async () => {
    const t = newTerm();
    expect((await t.run('head -2 /etc/hosts')).out).toBe('127.0.0.1\tlocalhost\n127.0.1.1\thost1\n');
    expect((await t.run('tail -1 /etc/hosts')).out).toBe('ff02::2 ip6-allrouters\n');
    expect((await t.run('wc -l /etc/hosts')).out).toBe('7 /etc/hosts\n');
  });

  it('in a container: docker exec c1 grep NAME /etc/hosts finds the --add-host line', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 --add-host foo:host-gateway alpine');
    expect(await t.run('docker exec c1 grep foo /etc/hosts')).toMatchObject({ out: '172.17.0.1\tfoo\n', code: 0 });
  });
});

describe('history of a restored terminal', () => {
  it('openSession(undefined, { history }) lists the given lines first, then the new ones', async () => {
    const lab = createLab({ seed: 1 });
    const t = new Term(lab, lab.openSession(undefined, { history: ['a', 'b'] }));
    expect(t.session.history()).toEqual(['a', 'b']);
    expect(t.session.host()).toBe('host1');
    expect((await t.run('history')).out).toBe('    1  a\n    2  b\n    3  history\n');
    await t.run('echo x');
    expect(t.session.history()).toEqual(['a', 'b', 'history', 'echo x']);
    expect((await t.run('history')).out).toBe('    1  a\n    2  b\n    3  history\n    4  echo x\n    5  history\n');
  });

  it('another session on the same lab starts with its own empty history', async () => {
    const lab = createLab({ seed: 1 });
    lab.openSession(undefined, { history: ['a', 'b'] });
    const other = new Term(lab, lab.openSession());
    expect(other.session.history()).toEqual([]);
    expect((await other.run('history')).out).toBe('    1  history\n');
  });
});
