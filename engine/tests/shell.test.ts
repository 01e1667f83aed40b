/**
 * The terminal's shell: quoting, lists and pipes, $?, sh -c, broken input, prompts, and moving between
 * the host, containers and other hosts (DESIGN "headless contract"; issue 2 items 5 and 6).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

describe('parsing: quotes, escapes, lists, pipes', () => {
  it('double quotes keep spaces, single quotes keep $, backslash escapes a quote', async () => {
    const t = newTerm();
    const r = await t.run(`echo "hello   world" 'single $HOME' \\"esc\\"`);
    expect(r).toMatchObject({ out: 'hello   world single $HOME "esc"\n', err: '', code: 0 });
    expect((await t.run(`echo 'a'"b"c\\ d`)).out).toBe('abc d\n');
  });

  it('variables: $HOME is /root, an unset variable disappears', async () => {
    const t = newTerm();
    expect((await t.run('echo "$HOME"')).out).toBe('/root\n');
    expect((await t.run('echo a $UNDEFINED b')).out).toBe('a b\n');
  });

  it('; runs both, && and || follow the status', async () => {
    const t = newTerm();
    expect((await t.run('echo a; echo b')).out).toBe('a\nb\n');
    expect(await t.run('false && echo no || echo yes')).toMatchObject({ out: 'yes\n', code: 0 });
    expect(await t.run('true || echo no')).toMatchObject({ out: '', code: 0 });
    expect(await t.run('true && false')).toMatchObject({ out: '', code: 1 });
  });

  it('pipes into grep, head, tail and wc', async () => {
    const t = newTerm();
    expect((await t.run('docker network ls | wc -l')).out.trim()).toBe('4');
    expect((await t.run('docker network ls | grep bridge')).out).toMatch(/^[0-9a-f]{12}   bridge    bridge    local\n$/);
    expect((await t.run('docker network ls | head -1')).out).toBe('NETWORK ID     NAME      DRIVER    SCOPE\n');
    expect((await t.run('docker network ls | tail -1')).out).toMatch(/none      null      local\n$/);
    expect((await t.run('docker network ls | grep -v NAME | wc -l')).out.trim()).toBe('3');
    expect((await t.run('docker network ls | grep -c local')).out).toBe('3\n');
    const miss = await t.run('docker network ls | grep nothing-here');
    expect(miss).toMatchObject({ out: '', code: 1 });
  });

  it('$? holds the previous status', async () => {
    const t = newTerm();
    expect(await t.run('foo')).toMatchObject({ out: '', err: 'bash: foo: command not found\n', code: 127 });
    expect((await t.run('echo $?')).out).toBe('127\n');
    expect((await t.run('echo $?')).out).toBe('0\n');
    await t.run('docker network inspect nope');
    expect((await t.run('echo $?')).out).toBe('1\n');
  });

  it('sh -c runs a script and returns its exit status', async () => {
    const t = newTerm();
    expect(await t.run('sh -c "echo inner; exit 3"')).toMatchObject({ out: 'inner\n', code: 3 });
    expect((await t.run('echo $?')).out).toBe('3\n');
    expect((await t.run(`bash -c 'echo b && echo c'`)).out).toBe('b\nc\n');
  });

  it('command substitution runs, or the sim says plainly it cannot', async () => {
    const t = newTerm();
    for (const line of ['echo `hostname`', 'echo $(hostname)']) {
      const r = await t.run(line);
      if (r.code === 0) expect(r.out, line).toBe('host1\n');
      else expect(r.err, line).toContain('sim:');
    }
  });

  it('cd changes the working directory and the prompt', async () => {
    const t = newTerm();
    await t.run('cd /tmp');
    expect((await t.run('pwd')).out).toBe('/tmp\n');
    expect(t.prompt()).toBe('root@host1:/tmp# ');
  });
});

describe('bad input never escapes', () => {
  it('unterminated quotes are a syntax error, exit 2', async () => {
    const t = newTerm();
    for (const line of ['echo "unterminated', "echo 'x", 'docker run "alpine']) {
      const r = await t.run(line);
      expect(r.code, line).toBe(2);
      expect(r.out, line).toBe('');
      expect(r.err, line).toMatch(/^bash: unexpected EOF while looking for matching [`'"]/);
    }
  });

  it('dangling operators are syntax errors', async () => {
    const t = newTerm();
    expect(await t.run('| grep x')).toMatchObject({ err: "bash: syntax error near unexpected token `|'\n", code: 2 });
    expect(await t.run(';;')).toMatchObject({ err: "bash: syntax error near unexpected token `;;'\n", code: 2 });
  });

  it('a 10,000-character line is handled', async () => {
    const t = newTerm();
    const x = 'x'.repeat(10_000);
    expect(await t.run(`echo ${x}`)).toMatchObject({ out: `${x}\n`, code: 0 });
    const r = await t.run(`docker run ${'-'.repeat(10_000)}`);
    expect(r.code).toBe(125);
    expect(r.err).toMatch(/^bad flag syntax: -+\n/);
    const n = await t.run(`docker network create ${'n'.repeat(10_000)}`);
    expect(n.output).not.toContain('internal error');
    expect((await t.run('docker ps')).code).toBe(0);
  });

  it('control characters do not break the shell', async () => {
    const t = newTerm();
    for (const line of ['\x03', '\x04', 'echo a\x01b\x07c', 'docker ps\x00 -a', '\x1b[A', 'docker network ls\x7f\x7f']) {
      const r = await t.run(line);
      expect(r.output, JSON.stringify(line)).not.toContain('internal error');
      expect(r.code, JSON.stringify(line)).toBeGreaterThanOrEqual(0);
    }
    expect(await t.run('echo ok')).toMatchObject({ out: 'ok\n', code: 0 });
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('an empty line keeps $? and prints nothing', async () => {
    const t = newTerm();
    await t.run('false');
    expect(await t.run('')).toMatchObject({ output: '', code: 1 });
    expect(await t.run('   ')).toMatchObject({ output: '' });
  });
});

describe('programs missing from an image answer as that image\'s shell does', () => {
  it('on the host: bash: foo: command not found (127)', async () => {
    const t = newTerm();
    expect(await t.run('foo --bar')).toMatchObject({ err: 'bash: foo: command not found\n', code: 127 });
  });

  it('in alpine (busybox ash): sh: foo: not found (127)', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name a1 alpine', 'docker exec -it a1 sh');
    expect(t.prompt()).toBe('/ # ');
    expect(await t.run('foo')).toMatchObject({ out: '', err: 'sh: foo: not found\n', code: 127 });
    // alpine has busybox wget but no curl.
    expect(await t.run('curl http://example.com')).toMatchObject({ out: '', err: 'sh: curl: not found\n', code: 127 });
  });

  it('in nginx, sh is dash: prompt "# " and sh: 1: ping: not found', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker exec -it web sh');
    expect(t.prompt()).toBe('# ');
    const r = await t.run('ping -c 1 8.8.8.8');
    expect(r.code).toBe(127);
    expect(r.err).toMatch(/^sh: (1: )?ping: not found\n$/);
  });

  it('in ubuntu, bash says "command not found" and sh (dash) says "not found"', async () => {
    const t = newTerm();
    await t.setup('docker run -it ubuntu');
    expect(t.prompt()).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    expect(await t.run('ping -c 1 8.8.8.8')).toMatchObject({ err: 'bash: ping: command not found\n', code: 127 });
    expect((await t.run('exit')).out).toBe('exit\n');
    await t.setup('docker run -it ubuntu sh');
    expect(t.prompt()).toBe('# ');
    const r = await t.run('ping -c 1 8.8.8.8');
    expect(r.err).toMatch(/^sh: (1: )?ping: not found\n$/);
  });

  it('docker exec of a missing program prints the OCI error and exits 127', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    const r = await t.run('docker exec web ping -c 1 8.8.8.8');
    expect(r.code).toBe(127);
    expect(r.output).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "ping": executable file not found in $PATH: unknown\n');
  });
});

describe('sessions: prompts, containers, hosts', () => {
  it('host prompt, then docker exec -it enters a container, exit leaves it running', async () => {
    const t = newTerm();
    expect(t.prompt()).toBe('root@host1:~# ');
    expect(t.session.host()).toBe('host1');
    await t.setup('docker run -dit --name c1 alpine');
    const e = await t.run('docker exec -it c1 sh');
    expect(e).toMatchObject({ output: '', code: 0 });
    expect(t.prompt()).toBe('/ # ');
    expect(t.session.container()).toBe('c1');
    const id = (await t.run('hostname')).out.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(await t.run('exit')).toMatchObject({ output: '', code: 0 });
    expect(t.prompt()).toBe('root@host1:~# ');
    expect(t.session.container()).toBeNull();
    expect((await t.run(`docker inspect -f '{{.State.Status}}' c1`)).out).toBe('running\n');
  });

  it('docker run -it alpine sh: exit N stops the container with that code and sets $?', async () => {
    const t = newTerm();
    await t.setup('docker run -it --name one alpine sh');
    expect(t.prompt()).toBe('/ # ');
    expect((await t.run('exit 3')).code).toBe(3);
    expect(t.prompt()).toBe('root@host1:~# ');
    expect((await t.run('echo $?')).out).toBe('3\n');
    expect((await t.run(`docker ps -a --format '{{.Names}} {{.Status}}'`)).out).toMatch(/^one Exited \(3\) \d+ seconds? ago\n$/);
  });

  it('docker run -it --rm: the container is gone after exit', async () => {
    const t = newTerm();
    await t.setup('docker run -it --rm --name tmp alpine');
    expect(t.session.container()).toBe('tmp');
    await t.run('exit');
    expect((await t.run('docker ps -aq')).out).toBe('');
  });

  it('docker attach to a running shell; exit stops it', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine ash', 'docker attach c1');
    expect(t.prompt()).toBe('/ # ');
    await t.run('exit');
    expect(t.prompt()).toBe('root@host1:~# ');
    expect((await t.run(`docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' c1`)).out).toBe('exited 0\n');
  });

  it('a container stopped from another session drops this session back to the host', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    const other = t.lab.openSession();
    await other.run('docker stop c1');
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('ssh host2 moves the session to the second host; exit comes back', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    await t.setup('docker run -dit --name on1 alpine');
    const s = await t.run('ssh host2');
    expect(s.code).toBe(0);
    expect(t.prompt()).toBe('root@host2:~# ');
    expect(t.session.host()).toBe('host2');
    expect((await t.run('hostname')).out).toBe('host2\n');
    expect((await t.run('docker ps -q')).out).toBe('');
    await t.setup('docker run -dit --name on2 alpine');
    const x = await t.run('exit');
    expect(x).toMatchObject({ out: 'logout\nConnection to host2 closed.\n', code: 0 });
    expect(t.prompt()).toBe('root@host1:~# ');
    expect((await t.run(`docker ps --format '{{.Names}}'`)).out).toBe('on1\n');
  });

  it('ssh to an unknown host fails like OpenSSH (255)', async () => {
    const t = newTerm({ hosts: ['host1', 'host2'] });
    expect(await t.run('ssh host9')).toMatchObject({ err: 'ssh: Could not resolve hostname host9: Name or service not known\n', code: 255 });
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('the LAN machine laptop has no docker', async () => {
    const t = newTerm();
    await t.setup('ssh laptop');
    expect(t.prompt()).toBe('root@laptop:~# ');
    expect(await t.run('docker ps')).toMatchObject({ err: 'bash: docker: command not found\n', code: 127 });
  });

  it('Ctrl-C stops a streaming ping; busybox then prints its statistics', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker exec -it c1 sh');
    const ac = new AbortController();
    let replies = 0;
    const r = await t.session.run('ping 8.8.8.8', {
      signal: ac.signal,
      onOutput: (chunk) => {
        replies += (chunk.match(/bytes from/g) ?? []).length;
        if (replies >= 3) ac.abort();
      },
    });
    const l = lines(r.output);
    expect(l.filter((x) => x.startsWith('64 bytes from 8.8.8.8'))).toHaveLength(3);
    expect(r.output).toContain('^C');
    expect(r.output).toContain('--- 8.8.8.8 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\n');
    expect(t.prompt()).toBe('/ # ');
  });

  it('history lists the lines typed; clear asks the terminal to clear', async () => {
    const t = newTerm();
    await t.run('echo one');
    await t.run('echo two');
    expect(t.session.history()).toEqual(['echo one', 'echo two']);
    const h = await t.run('history');
    expect(h.out).toMatch(/^ +1  echo one\n +2  echo two\n +3  history\n$/);
    const c = await t.session.run('clear');
    expect(c.clear).toBe(true);
  });
});
