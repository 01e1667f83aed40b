/**
 * Fidelity findings that live in the docker CLI and daemon (shared/reference/fidelity-findings.md
 * F3, F4, F6, F18, F19, F24, F26–F29, F31; team fidelity plan area A), each asserting the real
 * output with its source in the test name.
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

const RUN_HINT = "\n\nRun 'docker run --help' for more information\n";

describe('F3 / A1: docker ps PORTS (moby@v28.5.2 daemon/container_operations.go:951, container/view.go:389)', () => {
  it('is empty for Created and Exited containers, and the column shrinks to its header', async () => {
    const t = newTerm();
    await t.setup('docker create --name cr1 -p 8090:80 nginx', 'docker run -d -p 8095:80 --name ex1 nginx', 'docker stop ex1');
    const [head, ...rows] = lines((await t.run('docker ps -a')).out);
    // An empty column is as wide as its header plus padding: "PORTS     NAMES".
    expect(head).toMatch(/ {3}PORTS {5}NAMES$/);
    const [from, to] = [head!.indexOf('PORTS'), head!.indexOf('NAMES')];
    expect(rows.map((r) => [r.slice(from, to).trim(), r.slice(to)])).toEqual([
      ['', 'ex1'],
      ['', 'cr1'],
    ]);
    expect((await t.run("docker ps -a --format '{{.Names}}:{{.Ports}}'")).out).toBe('ex1:\ncr1:\n');
    await t.setup('docker start ex1');
    expect((await t.run("docker ps --format '{{.Names}}:{{.Ports}}'")).out).toBe('ex1:0.0.0.0:8095->80/tcp, [::]:8095->80/tcp\n');
  });
});

describe('F4: docker attach streams only new output (docker/cli@v28.5.2 cli/command/container/attach.go:98-104)', () => {
  it('nothing the container printed before; the next access-log line arrives', async () => {
    // Real-time pacing: the attached client waits while the other terminal sends a request.
    const lab = newTerm({ pacing: 'realtime' }).lab;
    const s = lab.openSession();
    const other = lab.openSession();
    await s.run('docker run -d -p 8080:80 --name web nginx');
    await s.run('curl -s localhost:8080 > /dev/null');
    const ac = new AbortController();
    const done = s.run('docker attach web', { signal: ac.signal, onOutput: (c) => (c.includes('GET') ? ac.abort() : undefined) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.run('curl -s localhost:8080 > /dev/null');
    const r = await done;
    expect(r.output).not.toContain('Configuration complete');
    expect(lines(r.output).filter((l) => l.includes('"GET / HTTP/1.1"'))).toHaveLength(1);
  });
});

describe('F24 / A7: docker logs -t (moby@v28.5.2 api/server/httputils/write_log_stream.go rfc3339NanoFixed)', () => {
  it('prefixes each line with the time it was written, nine fixed digits and Z; with --tail and --since', async () => {
    const t = newTerm();
    await t.setup("docker run -d --name l1 alpine sh -c 'echo a; sleep 1; echo b'", 'sleep 2');
    const r = await t.run('docker logs -t l1');
    const [a, b] = lines(r.out);
    expect(a).toMatch(/^2026-11-20T09:00:\d\d\.\d{9}Z a$/);
    expect(b).toMatch(/^2026-11-20T09:00:\d\d\.\d{9}Z b$/);
    expect(Date.parse(b!.split(' ')[0]!) - Date.parse(a!.split(' ')[0]!)).toBe(1000);
    expect((await t.run('docker logs -t --tail 1 l1')).out).toBe(`${b}\n`);
    expect((await t.run(`docker logs --since ${b!.split(' ')[0]} l1`)).out).toBe('b\n');
    expect(await t.run('docker logs --since foo l1')).toMatchObject({ err: 'invalid value for "since": failed to parse value as time or duration: "foo"\n', code: 1 });
  });
});

describe('F24 / A8: docker exec -u / -w / -e (moby@v28.5.2 daemon/oci_linux.go getUser, daemon/exec.go:192-201; runc init_linux.go:320)', () => {
  it('-u resolves the user in the image', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -dit --name a1 alpine');
    expect((await t.run('docker exec -u nobody web id')).out).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect((await t.run('docker exec -u nobody a1 id')).out).toBe('uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)\n');
    expect((await t.run('docker exec -u 101 web id')).out).toBe('uid=101(nginx) gid=101(nginx) groups=101(nginx)\n');
    expect((await t.run('docker exec -u 1234 web id')).out).toBe('uid=1234 gid=0(root) groups=0(root)\n');
    expect((await t.run('docker exec -u nobody web whoami')).out).toBe('nobody\n');
    expect(await t.run('docker exec -u nosuch web id')).toMatchObject({ out: 'unable to find user nosuch: no matching entries in passwd file\n', code: 126 });
    expect((await t.run('docker run --rm -u nobody alpine id')).out).toBe('uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)\n');
  });

  it('-w sets the working directory; a missing one is runc chdir error, exit 127', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    expect((await t.run('docker exec -w /tmp web pwd')).out).toBe('/tmp\n');
    expect(await t.run('docker exec -w /nonexist web pwd')).toMatchObject({
      out: 'OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("/nonexist") set in config.json failed: no such file or directory: unknown\n',
      code: 127,
    });
  });

  it('-e adds the variable after the image environment, before HOME', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx');
    const env = lines((await t.run('docker exec -e FOO=bar web env')).out);
    expect(env.slice(-2)).toEqual(['FOO=bar', 'HOME=/root']);
  });
});

describe('F6 (corrected by plan A8): a directory or a plain file as the command (moby@v28.5.2 daemon/errors.go setExitCodeFromError)', () => {
  it('run: "is a directory" gets ": permission denied" appended, exit 126; a file is "permission denied", 126', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine');
    const init = 'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: ';
    expect(await t.run('docker run alpine /etc')).toMatchObject({ err: `${init}"/etc": is a directory: unknown: permission denied${RUN_HINT}`, code: 126 });
    expect(await t.run('docker run alpine /etc/hosts')).toMatchObject({ err: `${init}"/etc/hosts": permission denied: unknown${RUN_HINT}`, code: 126 });
  });

  it('exec: the runtime text on the stream, exit 126', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name s1 alpine');
    expect(await t.run('docker exec s1 /etc/hosts')).toMatchObject({
      out: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/hosts": permission denied: unknown\n',
      code: 126,
    });
  });
});

describe('F18 / A9: container: network mode (moby@v28.5.2 daemon/container_operations.go:924-926, runconfig/hostconfig.go:40)', () => {
  it('a stopped target: "container web is exited" (or "is created")', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker stop web', 'docker create --name cr alpine');
    expect(await t.run('docker run --rm --network container:web alpine true')).toMatchObject({
      err: `docker: Error response from daemon: cannot join network namespace of a non running container: container web is exited${RUN_HINT}`,
      code: 125,
    });
    expect((await t.run('docker run --rm --network container:cr alpine true')).err).toBe(
      `docker: Error response from daemon: cannot join network namespace of a non running container: container cr is created${RUN_HINT}`,
    );
  });

  it('--expose is refused at create, before the target is looked at', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker run -d --name web nginx', 'docker stop web');
    expect(await t.run('docker run --rm --net container:web --expose 80 alpine true')).toMatchObject({
      err: `docker: Error response from daemon: conflicting options: port exposing and the container type network mode${RUN_HINT}`,
      code: 125,
    });
  });

  it('a sidecar keeps the namespace, with only lo, when its target stops', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -dit --name side --network container:web alpine', 'docker stop web');
    expect((await t.run("docker ps --format '{{.Names}} {{.State}}'")).out).toBe('side running\n');
    const ip = await t.run('docker exec side ip addr');
    expect(ip.out).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP>/);
    expect(ip.out).not.toContain('eth0');
  });
});

describe('F19 / A10: legacy link start error (moby@v28.5.2 daemon/start_linux.go:38, container_operations_unix.go:87)', () => {
  it('is wrapped in "failed to set up container networking:" after the ID', async () => {
    const t = newTerm();
    await t.setup('docker network create un', 'docker run -d --name container2 --network un busybox sleep 100');
    const r = await t.run('docker run -d --name c4 --link container2:container2 busybox top');
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r.err).toBe(`docker: Error response from daemon: failed to set up container networking: Cannot link to /container2, as it does not belong to the default network${RUN_HINT}`);
  });
});

describe('F26–F29 / A12: docker network create and ls', () => {
  it('F26 a gateway on the network or broadcast address is taken (moby@v28.5.2 libnetwork/ipams/defaultipam/allocator.go newPoolData)', async () => {
    const t = newTerm();
    expect(await t.run('docker network create --subnet 10.40.0.0/24 --gateway 10.40.0.0 x26')).toMatchObject({
      err: 'Error response from daemon: failed to allocate gateway (10.40.0.0): Address already in use\n',
      code: 1,
    });
    expect((await t.run('docker network create --subnet 10.41.0.0/24 --gateway 10.41.0.255 x26b')).err).toBe(
      'Error response from daemon: failed to allocate gateway (10.41.0.255): Address already in use\n',
    );
    expect((await t.run("docker network ls --format '{{.Name}}'")).out).toBe('bridge\nhost\nnone\n');
  });

  it('F27 an IPAM driver that is not installed is a plugin not found (moby@v28.5.2 plugin/store.go:137-173)', async () => {
    const t = newTerm();
    expect(await t.run('docker network create --ipam-driver foo x27')).toMatchObject({ err: 'Error response from daemon: plugin "foo" not found\n', code: 1 });
  });

  it('F28 an IPv6 subnet without --ipv6 is ignored and the network created (moby@v28.5.2 api/types/network/ipam.go:33-52)', async () => {
    const t = newTerm();
    const r = await t.run('docker network create --subnet fd00::/64 v6only');
    expect(r).toMatchObject({ err: '', code: 0 });
    expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect((await t.run("docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' v6only")).out).toBe('172.18.0.0/16\n');
  });

  it('F29 CreatedAt keeps the nanoseconds, as Go time.String() does (docker/cli@v28.5.2 cli/command/network/formatter.go:137)', async () => {
    const t = newTerm();
    const out = (await t.run("docker network ls --format '{{.Name}} {{.CreatedAt}}'")).out;
    expect(lines(out)[0]).toMatch(/^bridge \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d*[1-9] \+0000 UTC$/);
    const inspected = (await t.run("docker network inspect -f '{{.Created}}' bridge")).out.trim();
    expect(lines(out)[0]!.split(' ')[2]).toBe(inspected.slice(11, -1).replace(/0+$/, ''));
  });
});

describe('F31 / A13: docker info ID is a UUID (moby@v28.5.2 daemon/id.go uuid.New)', () => {
  it('v4 UUID, lowercase with dashes, stable', async () => {
    const t = newTerm();
    const id = (await t.run("docker info -f '{{.ID}}'")).out;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect((await t.run('docker info')).out).toContain(` ID: ${id}`);
    expect((await t.run("docker info -f '{{.ID}}'")).out).toBe(id);
  });
});

describe('A14: pulled layers are independent ids, not windows of the image digest', () => {
  it('each Pull complete line has its own id', async () => {
    const t = newTerm();
    const ids = lines((await t.run('docker pull nginx')).out)
      .filter((l) => l.endsWith(': Pull complete'))
      .map((l) => l.slice(0, 12));
    expect(ids.length).toBeGreaterThan(2);
    const digest = (await t.run("docker image inspect -f '{{index .RepoDigests 0}}' nginx")).out;
    for (const id of ids) expect(digest).not.toContain(id);
  });
});

describe('F11: --dns-search and --dns-option shape resolv.conf (moby@v28.5.2 libnetwork/internal/resolvconf/resolvconf.go Generate)', () => {
  it('on a user network: search and options, the overrides listed, ndots from the override', async () => {
    const t = newTerm();
    await t.setup('docker pull alpine', 'docker network create n1');
    const r = await t.run('docker run --rm --network n1 --dns-search example.org --dns-option ndots:2 alpine cat /etc/resolv.conf');
    expect(r.out.split('\n\n').slice(1).join('\n\n')).toBe(
      "nameserver 127.0.0.11\nsearch example.org\noptions ndots:2\n\n# Based on host file: '/etc/resolv.conf' (internal resolver)\n# ExtServers: [host(192.168.1.1)]\n# Overrides: [search options]\n# Option ndots from: override\n",
    );
    const edns = await t.run('docker run --rm --network n1 --dns-option edns0 alpine cat /etc/resolv.conf');
    expect(edns.out).toContain('options edns0 ndots:0\n');
    expect(edns.out).toContain('# Overrides: [options]\n# Option ndots from: internal\n');
    expect((await t.run("docker run --rm --dns-search example.org alpine cat /etc/resolv.conf")).out).toContain(
      "nameserver 192.168.1.1\nsearch example.org\n\n# Based on host file: '/etc/resolv.conf' (legacy)\n# Overrides: [search]\n",
    );
  });
});

describe('F38: docker ps -s counts what nginx writes at start (formatter ContainerContext.Size)', () => {
  it('SizeRw, then the image plus it as virtual; a --format using .Size turns sizes on', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web nginx', 'docker run -dit --name a1 alpine');
    expect((await t.run("docker ps -s --format '{{.Names}} {{.Size}}'")).out).toBe('a1 0B (virtual 8.31MB)\nweb 1.09kB (virtual 192MB)\n');
    expect((await t.run("docker ps --format '{{.Names}} {{.Size}}'")).out).toBe('a1 0B (virtual 8.31MB)\nweb 1.09kB (virtual 192MB)\n');
  });
});
