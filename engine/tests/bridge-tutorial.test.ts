/**
 * Docker's "Networking with standalone containers" tutorial (docs: engine/network/tutorials/standalone.md),
 * typed as a learner types it, checked against what the tutorial and reference §1.1–1.3, §4.1, §5.2 show.
 * The tutorial detaches with CTRL-p CTRL-q; a line terminal cannot send that, so where the tutorial
 * stays in a container and later comes back, we use `docker exec -it … sh`, and use `docker attach`
 * where leaving the shell may stop the container.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

const HEX64 = /^[0-9a-f]{64}$/;

/** busybox ping's reply shape (docs sample: `64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.086 ms`). */
function expectPingOk(out: string, target: string, ip: string, count = 2): void {
  const l = lines(out);
  expect(l[0]).toBe(`PING ${target} (${ip}): 56 data bytes`);
  for (let i = 0; i < count; i++) expect(l[1 + i]).toMatch(new RegExp(`^64 bytes from ${ip.replace(/\./g, '\\.')}: seq=${i} ttl=\\d+ time=\\d+\\.\\d+ ms$`));
  expect(l[1 + count]).toBe('');
  expect(l[2 + count]).toBe(`--- ${target} ping statistics ---`);
  expect(l[3 + count]).toBe(`${count} packets transmitted, ${count} packets received, 0% packet loss`);
  expect(l[4 + count]).toMatch(/^round-trip min\/avg\/max = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/);
  expect(l).toHaveLength(5 + count);
}

function expectPingLost(out: string, ip: string): void {
  expect(out).toBe(
    `PING ${ip} (${ip}): 56 data bytes\n\n--- ${ip} ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n`,
  );
}

function networkRows(out: string): string[][] {
  return lines(out)
    .slice(1)
    .map((l) => l.split(/\s{3,}/));
}

describe('tutorial 1: the default bridge network', () => {
  let t: Term;
  beforeAll(() => {
    t = newTerm();
  });

  it('lists bridge, host and none on a fresh daemon', async () => {
    const r = await t.run('docker network ls');
    expect(r.code).toBe(0);
    const l = lines(r.out);
    expect(l[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(l).toHaveLength(4);
    expect(l[1]).toMatch(/^[0-9a-f]{12}   bridge    bridge    local$/);
    expect(l[2]).toMatch(/^[0-9a-f]{12}   host      host      local$/);
    expect(l[3]).toMatch(/^[0-9a-f]{12}   none      null      local$/);
  });

  it('starts alpine1 and alpine2 detached; each run prints the full container id', async () => {
    const r1 = await t.run('docker run -dit --name alpine1 alpine ash');
    expect(r1.code).toBe(0);
    expect(r1.out.trim()).toMatch(HEX64);
    expect(r1.err).toContain("Unable to find image 'alpine:latest' locally\n");
    expect(r1.err).toContain('Status: Downloaded newer image for alpine:latest\n');
    const r2 = await t.run('docker run -dit --name alpine2 alpine ash');
    expect(r2.code).toBe(0);
    expect(r2.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r2.err).toBe('');
  });

  it('docker container ls shows both, newest first, in docker 28 columns', async () => {
    const r = await t.run('docker container ls');
    const l = lines(r.out);
    expect(l[0]).toMatch(/^CONTAINER ID   IMAGE     COMMAND   CREATED +STATUS +PORTS     NAMES$/);
    expect(l).toHaveLength(3);
    expect(l[1]).toMatch(/^[0-9a-f]{12}   alpine    "ash"     \d+ seconds? ago +Up \d+ seconds? +alpine2$/);
    expect(l[2]).toMatch(/^[0-9a-f]{12}   alpine    "ash"     \d+ seconds? ago +Up \d+ seconds? +alpine1$/);
    for (const row of l.slice(1)) {
      expect(row.indexOf('Up ')).toBe(l[0]!.indexOf('STATUS'));
      expect(row.lastIndexOf('alpine')).toBe(l[0]!.indexOf('NAMES'));
    }
  });

  it('docker network inspect bridge lists both containers with 172.17.0.2/16 and .3/16', async () => {
    const r = await t.run('docker network inspect bridge');
    expect(r.code).toBe(0);
    const l = lines(r.out);
    expect(l[0]).toBe('[');
    expect(l[1]).toBe('    {');
    expect(l[2]).toBe('        "Name": "bridge",');
    const [net] = JSON.parse(r.out) as Array<Record<string, any>>;
    expect(Object.keys(net!)).toEqual([
      'Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv4', 'EnableIPv6', 'IPAM', 'Internal', 'Attachable',
      'Ingress', 'ConfigFrom', 'ConfigOnly', 'Containers', 'Options', 'Labels',
    ]);
    expect(net!.IPAM).toEqual({ Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] });
    const byName = Object.fromEntries(Object.values(net!.Containers as Record<string, any>).map((c) => [c.Name, c]));
    expect(byName.alpine1.IPv4Address).toBe('172.17.0.2/16');
    expect(byName.alpine2.IPv4Address).toBe('172.17.0.3/16');
    expect(byName.alpine1.IPv6Address).toBe('');
    for (const id of Object.keys(net!.Containers)) expect(id).toMatch(HEX64);
    expect(net!.Options).toEqual({
      'com.docker.network.bridge.default_bridge': 'true',
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'true',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': 'docker0',
      'com.docker.network.driver.mtu': '1500',
    });
    expect(net!.Labels).toEqual({});
  });

  it('docker attach alpine1 gives the busybox prompt "/ # "', async () => {
    const r = await t.run('docker attach alpine1');
    expect(r.code).toBe(0);
    expect(t.prompt()).toBe('/ # ');
    expect(t.session.container()).toBe('alpine1');
  });

  it('ip addr show inside alpine1: lo and eth0@ifN with 172.17.0.2/16', async () => {
    const r = await t.run('ip addr show');
    expect(r.code).toBe(0);
    const l = lines(r.out);
    expect(l.slice(0, 6)).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host',
      '       valid_lft forever preferred_lft forever',
    ]);
    expect(l[6]).toMatch(/^\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP$/);
    expect(l[7]).toMatch(/^    link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff$/);
    expect(l[8]).toBe('    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0');
    expect(l[9]).toBe('       valid_lft forever preferred_lft forever');
    // Docker 28 disables IPv6 on eth0 of an IPv4-only network (reference §5.2).
    expect(l).toHaveLength(10);
  });

  it('the MAC of eth0 is random and locally administered (28+, reference §3.5)', async () => {
    const r = await t.run('ip link show eth0');
    const mac = /link\/ether (\S+)/.exec(r.out)?.[1] ?? '';
    const first = parseInt(mac.slice(0, 2), 16);
    expect(first & 1).toBe(0);
    expect(first & 2).toBe(2);
    expect(mac.startsWith('02:42:ac:11')).toBe(false);
  });

  it('alpine1 reaches the internet: ping -c 2 google.com', async () => {
    const r = await t.run('ping -c 2 google.com');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PING google\.com \((\d+\.){3}\d+\): 56 data bytes\n/);
    expect(r.out).toContain('2 packets transmitted, 2 packets received, 0% packet loss\n');
  });

  it('busybox ping prints every reply time with three decimals, as in "time=9.841 ms"', async () => {
    const r = await t.run('ping -c 2 google.com');
    const replies = lines(r.out).filter((l) => l.startsWith('64 bytes'));
    expect(replies).toHaveLength(2);
    for (const l of replies) expect(l).toMatch(/ time=\d+\.\d{3} ms$/);
  });

  it('alpine1 pings alpine2 by address 172.17.0.3', async () => {
    const r = await t.run('ping -c 2 172.17.0.3');
    expect(r.code).toBe(0);
    expectPingOk(r.out, '172.17.0.3', '172.17.0.3');
    expect(r.out).toContain(': seq=0 ttl=64 ');
  });

  it('but not by name on the default bridge: ping: bad address', async () => {
    const r = await t.run('ping -c 2 alpine2');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe("ping: bad address 'alpine2'\n");
  });

  it('exit leaves the attached shell, which stops alpine1 (its main process) with the last status', async () => {
    // exit without a number exits with the last command's status: the failed `ping alpine2` (1).
    const r = await t.run('exit');
    expect(r.code).toBe(1);
    expect(t.prompt()).toBe('root@host1:~# ');
    expect(t.session.container()).toBeNull();
    const ps = await t.run('docker ps -a --format "{{.Names}} {{.Status}}"');
    expect(lines(ps.out)).toEqual([expect.stringMatching(/^alpine2 Up \d+ seconds?$/), expect.stringMatching(/^alpine1 Exited \(1\) \d+ seconds? ago$/)]);
  });

  it('stop and rm echo each name as typed', async () => {
    const s = await t.run('docker container stop alpine1 alpine2');
    expect(s).toMatchObject({ out: 'alpine1\nalpine2\n', err: '', code: 0 });
    const rm = await t.run('docker container rm alpine1 alpine2');
    expect(rm).toMatchObject({ out: 'alpine1\nalpine2\n', err: '', code: 0 });
    const ps = await t.run('docker ps -aq');
    expect(ps.out).toBe('');
  });
});

describe('tutorial 2: user-defined bridge networks (alpine1..alpine4 on alpine-net and bridge)', () => {
  let t: Term;
  beforeAll(async () => {
    t = newTerm({ seed: 7 });
  });

  it('creates alpine-net and lists it first, sorted by name', async () => {
    const c = await t.run('docker network create --driver bridge alpine-net');
    expect(c.code).toBe(0);
    expect(c.out).toMatch(/^[0-9a-f]{64}\n$/);
    const ls = await t.run('docker network ls');
    expect(lines(ls.out)[0]).toBe('NETWORK ID     NAME         DRIVER    SCOPE');
    expect(networkRows(ls.out).map((r) => r.slice(1))).toEqual([
      ['alpine-net', 'bridge', 'local'],
      ['bridge', 'bridge', 'local'],
      ['host', 'host', 'local'],
      ['none', 'null', 'local'],
    ]);
    expect(networkRows(ls.out)[0]![0]).toBe(c.out.slice(0, 12));
  });

  it('inspect alpine-net: 172.18.0.0/16, gateway 172.18.0.1, IPAM options {}, no containers', async () => {
    const r = await t.run('docker network inspect alpine-net');
    const [net] = JSON.parse(r.out) as Array<Record<string, any>>;
    expect(net!.Name).toBe('alpine-net');
    expect(net!.Driver).toBe('bridge');
    expect(net!.Scope).toBe('local');
    expect(net!.IPAM).toEqual({ Driver: 'default', Options: {}, Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] });
    expect(net!.Containers).toEqual({});
    expect(net!.Options).toEqual({});
    expect(net!.Labels).toEqual({});
    expect(net!.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z$/);
  });

  it('creates the four containers and connects alpine4 to bridge too', async () => {
    for (const line of [
      'docker run -dit --name alpine1 --network alpine-net alpine ash',
      'docker run -dit --name alpine2 --network alpine-net alpine ash',
      'docker run -dit --name alpine3 alpine ash',
      'docker run -dit --name alpine4 --network alpine-net alpine ash',
    ]) {
      const r = await t.run(line);
      expect(r.code, line).toBe(0);
      expect(r.out).toMatch(/^[0-9a-f]{64}\n$/);
    }
    const c = await t.run('docker network connect bridge alpine4');
    expect(c).toMatchObject({ out: '', err: '', code: 0 });
    const ls = await t.run('docker container ls --format "{{.Names}}"');
    expect(ls.out).toBe('alpine4\nalpine3\nalpine2\nalpine1\n');
  });

  it('bridge holds alpine3 (.2) and alpine4 (.3); alpine-net holds alpine1, alpine2, alpine4 (.2, .3, .4)', async () => {
    const b = await t.run(`docker network inspect -f '{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}' bridge`);
    expect(b.out.trim().split(' ').sort()).toEqual(['alpine3=172.17.0.2/16', 'alpine4=172.17.0.3/16']);
    const n = await t.run(`docker network inspect -f '{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}' alpine-net`);
    expect(n.out.trim().split(' ').sort()).toEqual(['alpine1=172.18.0.2/16', 'alpine2=172.18.0.3/16', 'alpine4=172.18.0.4/16']);
  });

  it('alpine1 resolves alpine2, alpine4 and itself by name on alpine-net', async () => {
    expect((await t.run('docker exec -it alpine1 sh')).code).toBe(0);
    expect(t.prompt()).toBe('/ # ');
    for (const [name, ip] of [['alpine2', '172.18.0.3'], ['alpine4', '172.18.0.4'], ['alpine1', '172.18.0.2']] as const) {
      const r = await t.run(`ping -c 2 ${name}`);
      expect(r.code, name).toBe(0);
      expectPingOk(r.out, name, ip);
    }
  });

  it('alpine1 cannot resolve alpine3 (not on alpine-net)', async () => {
    const r = await t.run('ping -c 2 alpine3');
    expect(r).toMatchObject({ out: '', err: "ping: bad address 'alpine3'\n", code: 1 });
  });

  it("alpine1 cannot reach alpine3's address either: 100% packet loss", async () => {
    const r = await t.run('ping -c 2 172.17.0.2');
    expect(r.code).toBe(1);
    expectPingLost(r.out, '172.17.0.2');
  });

  it('alpine1 reaches the internet through NAT', async () => {
    const r = await t.run('ping -c 2 google.com');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    expect((await t.run('exit')).code).toBe(0);
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('alpine3 (bridge only) reaches alpine4 on bridge but not alpine1 on alpine-net', async () => {
    await t.setup('docker exec -it alpine3 sh');
    const ok = await t.run('ping -c 2 172.17.0.3');
    expect(ok.code).toBe(0);
    expectPingOk(ok.out, '172.17.0.3', '172.17.0.3');
    const lost = await t.run('ping -c 2 172.18.0.2');
    expect(lost.code).toBe(1);
    expectPingLost(lost.out, '172.18.0.2');
    const byName = await t.run('ping -c 2 alpine4');
    expect(byName.err).toBe("ping: bad address 'alpine4'\n");
    const net = await t.run('ping -c 2 google.com');
    expect(net.code).toBe(0);
    await t.run('exit');
  });

  it('alpine4, on both networks, reaches everyone: by name on alpine-net, by address on bridge', async () => {
    const a = await t.run('docker container attach alpine4');
    expect(a.code).toBe(0);
    expect(t.prompt()).toBe('/ # ');
    for (const [name, ip] of [['alpine1', '172.18.0.2'], ['alpine2', '172.18.0.3'], ['alpine4', '172.18.0.4']] as const) {
      const r = await t.run(`ping -c 2 ${name}`);
      expect(r.code, name).toBe(0);
      expectPingOk(r.out, name, ip);
    }
    const bad = await t.run('ping -c 2 alpine3');
    expect(bad).toMatchObject({ out: '', err: "ping: bad address 'alpine3'\n", code: 1 });
    const ip = await t.run('ping -c 2 172.17.0.2');
    expect(ip.code).toBe(0);
    expectPingOk(ip.out, '172.17.0.2', '172.17.0.2');
    const g = await t.run('ping -c 2 google.com');
    expect(g.code).toBe(0);
  });

  it('alpine4 has eth0 on alpine-net, eth1 on bridge, and one default route via alpine-net', async () => {
    const a = await t.run('ip addr');
    expect(a.out).toMatch(/\d+: eth0@if\d+: [^\n]*\n[^\n]*\n    inet 172\.18\.0\.4\/16 brd 172\.18\.255\.255 scope global eth0\n/);
    expect(a.out).toMatch(/\d+: eth1@if\d+: [^\n]*\n[^\n]*\n    inet 172\.17\.0\.3\/16 brd 172\.17\.255\.255 scope global eth1\n/);
    const r = await t.run('ip route');
    expect(lines(r.out).sort()).toEqual([
      '172.17.0.0/16 dev eth1 scope link  src 172.17.0.3',
      '172.18.0.0/16 dev eth0 scope link  src 172.18.0.4',
      'default via 172.18.0.1 dev eth0',
    ]);
    expect(lines(r.out)[0]).toBe('default via 172.18.0.1 dev eth0');
  });

  it('alpine4 /etc/hosts has one line per network with its hostname', async () => {
    const id = (await t.run('hostname')).out.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const r = await t.run('cat /etc/hosts');
    expect(r.out).toBe(
      [
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::\tip6-localnet',
        'ff00::\tip6-mcastprefix',
        'ff02::1\tip6-allnodes',
        'ff02::2\tip6-allrouters',
        `172.18.0.4\t${id}`,
        `172.17.0.3\t${id}`,
        '',
      ].join('\n'),
    );
    await t.run('exit');
    expect(t.prompt()).toBe('root@host1:~# ');
  });

  it('cleans up: stop, rm and network rm echo their arguments; the br- device goes away', async () => {
    await t.run('docker start alpine4');
    const stop = await t.run('docker container stop alpine1 alpine2 alpine3 alpine4');
    expect(stop).toMatchObject({ out: 'alpine1\nalpine2\nalpine3\nalpine4\n', code: 0 });
    const rm = await t.run('docker container rm alpine1 alpine2 alpine3 alpine4');
    expect(rm).toMatchObject({ out: 'alpine1\nalpine2\nalpine3\nalpine4\n', code: 0 });
    const nrm = await t.run('docker network rm alpine-net');
    expect(nrm).toMatchObject({ out: 'alpine-net\n', err: '', code: 0 });
    const link = await t.run('ip link');
    expect(link.out).not.toMatch(/br-[0-9a-f]{12}/);
    const ls = await t.run('docker network ls --format "{{.Name}}"');
    expect(ls.out).toBe('bridge\nhost\nnone\n');
  });
});
