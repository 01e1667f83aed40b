/**
 * Which shell an image gives, what nginx's entrypoint does with a command, tools and images the lab does not
 * have (sim: lines), and detached scripts that run on in lab time: logs that grow, exits, docker stop.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

const ID64 = /^[0-9a-f]{64}\n$/;

describe('the shell an image gives', () => {
  it('docker exec -it web sh on nginx is dash: prompt "# ", "sh: 1: ping: not found"', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker exec -it web sh');
    expect(t.prompt()).toBe('# ');
    expect(await t.run('ping -c 1 8.8.8.8')).toMatchObject({ out: '', err: 'sh: 1: ping: not found\n', code: 127 });
    // exit without a number exits with the last command's status, as every sh does.
    expect(await t.run('exit')).toMatchObject({ output: '', code: 127 });
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('docker exec -it web bash on nginx is bash: root@<id>:/# and "bash: ping: command not found"', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker exec -it web bash');
    const id = (await t.run('hostname')).out.trim();
    expect(t.prompt()).toBe(`root@${id}:/# `);
    expect(await t.run('ping -c 1 8.8.8.8')).toMatchObject({ out: '', err: 'bash: ping: command not found\n', code: 127 });
    expect(await t.run('exit')).toMatchObject({ out: 'exit\n', code: 127 });
  });

  it('docker run -it ubuntu sh is dash, docker run -it ubuntu bash is bash', async () => {
    const t = newTerm();
    await t.setup('docker run -it ubuntu sh');
    expect(t.prompt()).toBe('# ');
    expect((await t.run('ping 8.8.8.8')).err).toBe('sh: 1: ping: not found\n');
    await t.setup('exit 0', 'docker run -it ubuntu bash');
    expect(t.prompt()).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    expect((await t.run('ping 8.8.8.8')).err).toBe('bash: ping: command not found\n');
  });

  it('alpine sh is busybox ash: prompt "/ # " and "sh: curl: not found"', async () => {
    const t = newTerm();
    await t.setup('docker run -it alpine sh');
    expect(t.prompt()).toBe('/ # ');
    expect(await t.run('curl x')).toMatchObject({ err: 'sh: curl: not found\n', code: 127 });
  });
});

describe("nginx's entrypoint runs a command given to it", () => {
  it('docker run --rm nginx echo hi prints hi and removes the container', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    expect(await t.run('docker run --rm nginx echo hi')).toMatchObject({ out: 'hi\n', err: '', code: 0 });
    expect((await t.run('docker ps -aq')).out).toBe('');
  });

  it('docker run nginx echo hi leaves an Exited (0) container whose logs say hi', async () => {
    const t = newTerm();
    await t.setup('docker pull nginx');
    expect((await t.run('docker run --name e1 nginx echo hi')).out).toBe('hi\n');
    expect((await t.run(`docker ps -a --format '{{.Names}} {{.Status}}'`)).out).toMatch(/^e1 Exited \(0\) /);
    expect((await t.run('docker logs e1')).out).toBe('hi\n');
  });
});

describe('an image run without -i or -t', () => {
  it('docker run -d alpine: sh reads end of input at once, exits 0 and logs nothing', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    expect((await t.run('docker run -d --name quick alpine')).out).toMatch(ID64);
    expect((await t.run(`docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' quick`)).out).toBe('exited 0\n');
    expect(await t.run('docker logs quick')).toMatchObject({ out: '', err: '', code: 0 });
  });

  it('docker run alpine (attached, no -it) prints nothing and exits 0', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker pull ubuntu');
    expect(await t.run('docker run --name q1 alpine')).toMatchObject({ output: '', code: 0 });
    expect(await t.run('docker run --name q2 ubuntu')).toMatchObject({ output: '', code: 0 });
    expect((await t.run('docker logs q2')).output).toBe('');
  });
});

describe('tools the lab does not simulate answer sim: (exit 127)', () => {
  it('apk add curl in alpine', async () => {
    const t = newTerm();
    await t.setup('docker run -it alpine');
    const r = await t.run('apk add curl');
    expect(r).toMatchObject({ out: '', code: 127 });
    expect(r.err).toMatch(/^sim: installing packages \(apk\) is not part of this lab; .*nicolaka\/netshoot/);
    expect(lines(r.err)).toHaveLength(1);
  });

  it('apt-get update in ubuntu (bash) and in nginx (dash), and through docker exec', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    const e = await t.run('docker exec web apt-get update');
    expect(e).toMatchObject({ out: '', code: 127 });
    expect(e.err).toMatch(/^sim: installing packages \(apt-get\) is not part of this lab; /);
    await t.setup('docker exec -it web sh');
    expect(await t.run('apt-get update')).toMatchObject({ err: e.err, code: 127 });
    // dash has no apk at all: that is an ordinary "not found".
    expect(await t.run('apk add curl')).toMatchObject({ err: 'sh: 1: apk: not found\n', code: 127 });
    await t.setup('exit 0', 'docker run -it ubuntu bash');
    expect(await t.run('apt-get update')).toMatchObject({ err: e.err, code: 127 });
  });

  it('awk in alpine and in ubuntu', async () => {
    const t = newTerm();
    await t.setup('docker run -it alpine');
    expect(await t.run('awk 1')).toMatchObject({ out: '', err: "sim: 'awk' is not part of this lab\n", code: 127 });
    await t.setup('exit 0', 'docker run -it ubuntu bash');
    expect(await t.run('awk 1')).toMatchObject({ err: "sim: 'awk' is not part of this lab\n", code: 127 });
  });
});

describe('images the lab\'s registry does not hold', () => {
  const LAB_IMAGES = ['alpine', 'busybox', 'nginx', 'ubuntu', 'nicolaka/netshoot', 'httpd', 'redis', 'postgres', 'traefik/whoami'];

  it('docker run mysql: Docker\'s "Unable to find" line, then a sim: line naming the lab\'s images (125)', async () => {
    const t = newTerm();
    const r = await t.run('docker run mysql');
    expect(r.out).toBe('');
    expect(r.code).toBe(125);
    const [first, second, ...rest] = lines(r.err);
    expect(first).toBe("Unable to find image 'mysql:latest' locally");
    expect(second).toMatch(/^sim: mysql is a real image, but /);
    for (const image of LAB_IMAGES) expect(second).toContain(image);
    expect(rest).toEqual([]);
    expect((await t.run('docker ps -aq')).out).toBe('');
  });

  it('docker run -d mysql is refused the same way and prints no id', async () => {
    const t = newTerm();
    const r = await t.run('docker run -d mysql');
    expect(r).toMatchObject({ out: '', code: 125 });
    expect(r.err).toContain('sim: mysql is a real image');
  });

  it('docker pull mariadb: "Using default tag: latest", then the sim: line (exit 1)', async () => {
    const t = newTerm();
    const r = await t.run('docker pull mariadb');
    expect(r).toMatchObject({ out: 'Using default tag: latest\n', code: 1 });
    expect(r.err).toMatch(/^sim: mariadb is a real image, but [^\n]*\n$/);
    for (const image of LAB_IMAGES) expect(r.err).toContain(image);
    expect((await t.run('docker images -q')).out).toBe('');
  });

  it('docker run nope still gets Docker\'s pull access denied (28 wording, exit 125)', async () => {
    const t = newTerm();
    const r = await t.run('docker run nope');
    expect(r).toMatchObject({ out: '', code: 125 });
    expect(r.err).toBe(
      "Unable to find image 'nope:latest' locally\n" +
        "docker: Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n" +
        '\n' +
        "Run 'docker run --help' for more information\n",
    );
    expect(r.err).not.toContain('sim:');
  });

  it('docker pull nope: pull access denied, exit 1', async () => {
    const t = newTerm();
    const r = await t.run('docker pull nope');
    expect(r).toMatchObject({ out: 'Using default tag: latest\n', code: 1 });
    expect(r.err).toBe(
      "Error response from daemon: pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    );
  });

  // moby v28.5.2 distribution/errors.go (notFoundError wraps errcode "manifest unknown"); the tag
  // lookup fails before "Pulling from" is printed (distribution/pull_v2.go). Fidelity plan C1.
  it('docker pull nginx:nosuchtag: the registry\'s manifest unknown error, no "Pulling from" line (exit 1)', async () => {
    const t = newTerm();
    const r = await t.run('docker pull nginx:nosuchtag');
    expect(r).toMatchObject({ out: '', code: 1 });
    expect(r.err).toBe('Error response from daemon: manifest for nginx:nosuchtag not found: manifest unknown: manifest unknown\n');
    const run = await t.run('docker run --rm alpine:nosuchtag true');
    expect(run).toMatchObject({ out: '', code: 125 });
    expect(run.err).toBe(
      "Unable to find image 'alpine:nosuchtag' locally\n" +
        'docker: Error response from daemon: manifest for alpine:nosuchtag not found: manifest unknown: manifest unknown\n' +
        '\n' +
        "Run 'docker run --help' for more information\n",
    );
  });

  it('variants the lab does not model (nginx:perl) get one sim: line', async () => {
    const t = newTerm();
    const r = await t.run('docker pull nginx:perl');
    expect(r).toMatchObject({ out: '', code: 1 });
    expect(r.err).toMatch(/^sim: nginx:perl is a real image, but this lab's registry does not hold that variant/);
  });

  it('a tag the lab has pulls normally', async () => {
    const t = newTerm();
    const r = await t.run('docker pull nginx:mainline');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^mainline: Pulling from library\/nginx\n/);
    expect(r.out).toMatch(/docker\.io\/library\/nginx:mainline\n$/);
  });
});

async function statusOf(t: Term, name: string): Promise<string> {
  return (await t.run(`docker ps -a --filter name=${name} --format '{{.Status}}'`)).out.trim();
}

describe('detached scripts run on in lab time', () => {
  it('sh -c "echo start; sleep 30; echo done": returns at once, Up, then start, then done and Exited (0)', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const run = await t.run('docker run -d --name s4 alpine sh -c "echo start; sleep 30; echo done"');
    expect(run).toMatchObject({ err: '', code: 0 });
    expect(run.out).toMatch(ID64);
    const ps = await t.run('docker ps');
    const [head, row] = lines(ps.out);
    expect(row).toMatch(/^[0-9a-f]{12}   alpine    "sh -c 'echo start; …"   .* Up .*s4$/);
    expect(row!.indexOf('Up ')).toBe(head!.indexOf('STATUS'));
    expect(await t.run('docker logs s4')).toMatchObject({ out: 'start\n', err: '', code: 0 });
    await t.setup('sleep 10');
    expect((await t.run('docker logs s4')).out).toBe('start\n');
    expect(await statusOf(t, 's4')).toMatch(/^Up /);
    await t.setup('sleep 40');
    expect((await t.run('docker logs s4')).out).toBe('start\ndone\n');
    expect(await statusOf(t, 's4')).toMatch(/^Exited \(0\) \d+ seconds ago$/);
    expect((await t.run('docker ps -q')).out).toBe('');
    expect((await t.run(`docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' s4`)).out).toBe('exited 0\n');
  });

  it('a script that exits with a code leaves Exited (N) and its output in the logs', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name ex alpine sh -c "echo bye; exit 3"', 'sleep 1');
    expect(await statusOf(t, 'ex')).toMatch(/^Exited \(3\) /);
    expect((await t.run('docker logs ex')).out).toBe('bye\n');
  });

  it('docker run -d alpine ping 8.8.8.8 keeps running and its logs grow as time passes', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name pg alpine ping 8.8.8.8');
    const first = lines((await t.run('docker logs pg')).out);
    expect(first[0]).toBe('PING 8.8.8.8 (8.8.8.8): 56 data bytes');
    for (const l of first.slice(1)) expect(l).toMatch(/^64 bytes from 8\.8\.8\.8: seq=\d+ ttl=\d+ time=\d+\.\d{3} ms$/);
    await t.setup('sleep 5');
    const later = lines((await t.run('docker logs pg')).out);
    expect(later.length).toBeGreaterThanOrEqual(first.length + 5);
    expect(later.slice(0, first.length)).toEqual(first);
    const seqs = later.slice(1).map((l) => Number(/seq=(\d+)/.exec(l)![1]));
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(await statusOf(t, 'pg')).toMatch(/^Up /);
  });

  it('docker stop ends the ping with 137 (SIGKILL after the grace period); the logs stop growing', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name pg alpine ping 8.8.8.8', 'sleep 2');
    expect(await t.run('docker stop pg')).toMatchObject({ out: 'pg\n', err: '', code: 0 });
    expect(await statusOf(t, 'pg')).toMatch(/^Exited \(137\) /);
    expect((await t.run(`docker inspect -f '{{.State.ExitCode}}' pg`)).out).toBe('137\n');
    const logs = (await t.run('docker logs pg')).out;
    await t.setup('sleep 5');
    expect((await t.run('docker logs pg')).out).toBe(logs);
    expect(logs).not.toContain('ping statistics');
  });

  it('ping -c 3 finishes by itself: statistics at the end, Exited (0)', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name pc alpine ping -c 3 8.8.8.8', 'sleep 5');
    const out = (await t.run('docker logs pc')).out;
    expect(lines(out).filter((l) => l.startsWith('64 bytes'))).toHaveLength(3);
    expect(out).toContain('\n--- 8.8.8.8 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\n');
    expect(await statusOf(t, 'pc')).toMatch(/^Exited \(0\) /);
  });

  it('sh -c "sleep infinity" stays Up; docker stop gives 137', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name inf alpine sh -c "sleep infinity"', 'sleep 100');
    expect(await statusOf(t, 'inf')).toMatch(/^Up (About a minute|\d+ minutes)$/);
    expect((await t.run('docker logs inf')).out).toBe('');
    await t.setup('docker stop inf');
    expect((await t.run(`docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' inf`)).out).toBe('exited 137\n');
  });

  it('sleep N as the command exits 0 once N seconds have passed', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name sl alpine sleep 5');
    expect(await statusOf(t, 'sl')).toMatch(/^Up /);
    await t.setup('sleep 10');
    expect(await statusOf(t, 'sl')).toMatch(/^Exited \(0\) /);
  });
});
