/**
 * User-defined bridge networks: address pools (reference §3.2), create options (§1.3, §4.1), --ip (§2),
 * embedded DNS and aliases (§3.8, §4.1), connect/disconnect (§4.8, §3.7), and the host-side devices (§5.1).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm } from './helpers';

const subnetOf = `-f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}'`;

describe('default address pools', () => {
  it('hands out 172.18/16 … 172.31/16, then 192.168.x.0/20 skipping the LAN 192.168.1.0/24, then fails', async () => {
    const t = newTerm();
    const got: string[] = [];
    for (let i = 1; i <= 29; i++) {
      const c = await t.run(`docker network create net${i}`);
      expect(c.code, `net${i}: ${c.err}`).toBe(0);
      got.push((await t.run(`docker network inspect ${subnetOf} net${i}`)).out.trim());
    }
    const want: string[] = [];
    for (let b = 18; b <= 31; b++) want.push(`172.${b}.0.0/16 172.${b}.0.1`);
    // 192.168.0.0/20 holds the host's LAN (192.168.1.0/24, an on-link route), so it is skipped.
    for (let x = 16; x <= 240; x += 16) want.push(`192.168.${x}.0/20 192.168.${x}.1`);
    expect(got).toEqual(want);
    const full = await t.run('docker network create net30');
    expect(full).toMatchObject({ out: '', err: 'Error response from daemon: all predefined address pools have been fully subnetted\n', code: 1 });
    const ls = await t.run('docker network ls -q');
    expect(lines(ls.out)).toHaveLength(32);
  });

  it('reuses a freed subnet for the next network (first free, lowest first)', async () => {
    const t = newTerm();
    await t.setup('docker network create a1', 'docker network create a2', 'docker network create a3', 'docker network rm a2');
    await t.setup('docker network create a4');
    expect((await t.run(`docker network inspect ${subnetOf} a4`)).out).toBe('172.19.0.0/16 172.19.0.1\n');
    await t.setup('docker network create a5');
    expect((await t.run(`docker network inspect ${subnetOf} a5`)).out).toBe('172.21.0.0/16 172.21.0.1\n');
  });

  it('gives containers the lowest free address, and reuses a freed one', async () => {
    const t = newTerm();
    await t.setup('docker network create pool', 'docker run -dit --name c1 --network pool alpine', 'docker run -dit --name c2 --network pool alpine');
    await t.setup('docker run -dit --name c3 --network pool alpine', 'docker rm -f c2', 'docker run -dit --name c4 --network pool alpine');
    const r = await t.run(`docker inspect -f '{{.Name}} {{.NetworkSettings.Networks.pool.IPAddress}}' c1 c3 c4`);
    expect(r.out).toBe('/c1 172.18.0.2\n/c3 172.18.0.4\n/c4 172.18.0.3\n');
  });
});

describe('docker network create options', () => {
  it('--subnet --gateway --ip-range: IPAM config in Go field order, containers from the range, --ip honoured', async () => {
    const t = newTerm();
    await t.setup('docker network create --subnet 10.10.0.0/24 --gateway 10.10.0.254 --ip-range 10.10.0.128/25 custom');
    const r = await t.run(`docker network inspect -f '{{json .IPAM}}' custom`);
    expect(r.out).toBe('{"Driver":"default","Options":{},"Config":[{"Subnet":"10.10.0.0/24","IPRange":"10.10.0.128/25","Gateway":"10.10.0.254"}]}\n');
    await t.setup('docker run -dit --name c1 --network custom alpine', 'docker run -dit --name c2 --network custom --ip 10.10.0.10 alpine');
    const ips = await t.run(`docker inspect -f '{{.NetworkSettings.Networks.custom.IPAddress}} {{.NetworkSettings.Networks.custom.Gateway}} {{json .NetworkSettings.Networks.custom.IPAMConfig}}' c1 c2`);
    expect(ips.out).toBe('10.10.0.128 10.10.0.254 null\n10.10.0.10 10.10.0.254 {"IPv4Address":"10.10.0.10"}\n');
    const route = await t.run('docker exec c1 ip route');
    expect(route.out).toBe('default via 10.10.0.254 dev eth0\n10.10.0.0/24 dev eth0 scope link  src 10.10.0.128\n');
    const id = (await t.run(`docker network inspect -f '{{.Id}}' custom`)).out.slice(0, 12);
    const host = await t.run(`ip addr show br-${id}`);
    expect(host.out).toContain('    inet 10.10.0.254/24 brd 10.10.0.255 scope global br-' + id + '\n');
    const ping = await t.run('docker exec c1 ping -c 1 10.10.0.10');
    expect(ping.code).toBe(0);
  });

  it('--internal: Internal true, no default route, "Network unreachable" to 8.8.8.8, neighbours still reachable', async () => {
    const t = newTerm();
    await t.setup('docker network create --internal backend', 'docker run -dit --name db --network backend alpine', 'docker run -dit --name app --network backend alpine');
    expect((await t.run(`docker network inspect -f '{{.Internal}}' backend`)).out).toBe('true\n');
    const route = await t.run('docker exec app ip route');
    expect(route.out).toBe('172.18.0.0/16 dev eth0 scope link  src 172.18.0.3\n');
    const out = await t.run('docker exec app ping -c 2 8.8.8.8');
    expect(out.code).toBe(1);
    // busybox on musl (alpine) says "Network unreachable"; glibc builds say "Network is unreachable" (reference §4.1).
    expect(out.err).toMatch(/^ping: sendto: Network (is )?unreachable\n$/);
    const peer = await t.run('docker exec app ping -c 2 db');
    expect(peer.code).toBe(0);
    expect(peer.out).toContain('2 packets transmitted, 2 packets received, 0% packet loss');
    const web = await t.run('docker exec app wget -qO- -T 2 http://example.com');
    expect(web.code).not.toBe(0);
  });

  it('-o com.docker.network.bridge.name names the host bridge', async () => {
    const t = newTerm();
    await t.setup('docker network create -o com.docker.network.bridge.name=mybr0 named', 'docker run -dit --name c1 --network named alpine');
    const opts = await t.run(`docker network inspect -f '{{json .Options}}' named`);
    expect(opts.out).toBe('{"com.docker.network.bridge.name":"mybr0"}\n');
    const link = await t.run('ip link show mybr0');
    expect(link.code).toBe(0);
    expect(link.out).toMatch(/^\d+: mybr0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default\n/);
    const all = await t.run('ip link');
    expect(all.out).not.toMatch(/br-[0-9a-f]{12}/);
    expect(all.out).toMatch(/veth[0-9a-f]{7}@if\d+: [^\n]* master mybr0 state UP/);
    const brctl = await t.run('brctl show');
    expect(lines(brctl.out).some((l) => /^mybr0\t\t8000\.[0-9a-f]{12}\tno\t\tveth[0-9a-f]{7}$/.test(l))).toBe(true);
  });

  it('-o com.docker.network.bridge.enable_icc=false stops containers on that network reaching each other', async () => {
    const t = newTerm();
    await t.setup('docker network create -o com.docker.network.bridge.enable_icc=false noicc');
    await t.setup('docker run -dit --name i1 --network noicc alpine', 'docker run -dit --name i2 --network noicc alpine');
    const rules = await t.run('iptables -S');
    const id = (await t.run(`docker network inspect -f '{{.Id}}' noicc`)).out.slice(0, 12);
    expect(rules.out).toContain(`-i br-${id} -o br-${id} -j DROP`);
    const r = await t.run('docker exec i1 ping -c 2 -W 1 i2');
    expect(r.code).toBe(1);
    expect(r.out).toContain('2 packets transmitted, 0 packets received, 100% packet loss');
    const out = await t.run('docker exec i1 ping -c 1 8.8.8.8');
    expect(out.code).toBe(0);
  });

  it('isolates two user networks from each other, by name and by address', async () => {
    const t = newTerm();
    await t.setup('docker network create left', 'docker network create right');
    await t.setup('docker run -dit --name l1 --network left alpine', 'docker run -dit --name r1 --network right alpine');
    const byName = await t.run('docker exec l1 ping -c 1 r1');
    expect(byName).toMatchObject({ err: "ping: bad address 'r1'\n", code: 1 });
    const byIp = await t.run('docker exec l1 ping -c 2 172.19.0.2');
    expect(byIp.out).toBe('PING 172.19.0.2 (172.19.0.2): 56 data bytes\n\n--- 172.19.0.2 ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n');
    expect(byIp.code).toBe(1);
    const gw = await t.run('docker exec l1 ping -c 1 172.18.0.1');
    expect(gw.code).toBe(0);
  });
});

describe('--ip', () => {
  it('is honoured on a network with a configured subnet and shows in ip addr', async () => {
    const t = newTerm();
    await t.setup('docker network create --subnet 172.28.0.0/16 fixed', 'docker run -dit --name c1 --network fixed --ip 172.28.5.5 alpine');
    const r = await t.run('docker exec c1 ip -br addr show eth0');
    expect(r.out).toMatch(/^eth0@if\d+ +UP +172\.28\.5\.5\/16 *\n$/);
    await t.setup('docker run -dit --name c2 --network fixed alpine');
    expect((await t.run(`docker inspect -f '{{.NetworkSettings.Networks.fixed.IPAddress}}' c2`)).out).toBe('172.28.0.2\n');
  });

  it('an address already in use is refused and the container stays Created', async () => {
    const t = newTerm();
    await t.setup('docker network create --subnet 172.28.0.0/16 fixed', 'docker run -dit --name c1 --network fixed --ip 172.28.5.5 alpine');
    const r = await t.run('docker run -dit --name c2 --network fixed --ip 172.28.5.5 alpine');
    expect(r.code).toBe(125);
    expect(r.err).toContain('Address already in use');
    expect(r.err.startsWith('docker: Error response from daemon: ')).toBe(true);
    expect(r.err.endsWith("\n\nRun 'docker run --help' for more information\n")).toBe(true);
    const ps = await t.run(`docker ps -a --format '{{.Names}} {{.Status}}'`);
    expect(lines(ps.out)).toContain('c2 Created');
  });
});

describe('embedded DNS, aliases and round robin', () => {
  async function aliasLab() {
    const t = newTerm({ seed: 3 });
    await t.setup('docker network create app');
    await t.setup('docker run -dit --name web1 --network app --network-alias web alpine', 'docker run -dit --name web2 --network app --network-alias web alpine');
    await t.setup('docker run -dit --name client --network app alpine');
    return t;
  }

  it('an alias shared by two containers answers with both addresses', async () => {
    const t = await aliasLab();
    const r = await t.run('docker exec client nslookup web');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n')).toBe(true);
    const addrs = [...r.out.matchAll(/^Address: (\S+)$/gm)].map((m) => m[1]).sort();
    expect(addrs).toEqual(['172.18.0.2', '172.18.0.3']);
  });

  it('busybox nslookup prints a Name: line before every address (one per A record)', async () => {
    const t = await aliasLab();
    const r = await t.run('docker exec client nslookup web');
    const answer = r.out.split('Non-authoritative answer:\n')[1] ?? '';
    expect(answer).toMatch(/^Name:\tweb\nAddress: 172\.18\.0\.\d\nName:\tweb\nAddress: 172\.18\.0\.\d\n\n$/);
  });

  it('round robin: the order of the answers changes between queries', async () => {
    const t = await aliasLab();
    const firsts = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const r = await t.run('docker exec client ping -c 1 web');
      expect(r.code).toBe(0);
      firsts.add(/^PING web \((\S+)\)/.exec(r.out)?.[1] ?? '');
    }
    expect([...firsts].sort()).toEqual(['172.18.0.2', '172.18.0.3']);
  });

  it('resolves the name, each alias, the short id and --hostname; Aliases and DNSNames as Docker 28 stores them', async () => {
    const t = await aliasLab();
    await t.setup('docker run -dit --name named --hostname box --network app --network-alias db --network-alias cache alpine');
    const id = (await t.run(`docker inspect -f '{{.Id}}' named`)).out.slice(0, 12);
    for (const n of ['named', 'db', 'cache', id, 'box']) {
      const r = await t.run(`docker exec client ping -c 1 ${n}`);
      expect(r.out, n).toMatch(new RegExp(`^PING ${n} \\(172\\.18\\.0\\.5\\): 56 data bytes\\n`));
    }
    const r = await t.run(`docker inspect -f '{{json .NetworkSettings.Networks.app.Aliases}} {{json .NetworkSettings.Networks.app.DNSNames}}' named`);
    expect(r.out).toBe(`["db","cache"] ["named","db","cache","${id}","box"]\n`);
  });

  it('the default bridge has no DNSNames and no embedded DNS', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name b1 alpine');
    expect((await t.run(`docker inspect -f '{{json .NetworkSettings.Networks.bridge.DNSNames}} {{json .NetworkSettings.Networks.bridge.Aliases}}' b1`)).out).toBe('null null\n');
    const rc = await t.run('docker exec b1 cat /etc/resolv.conf');
    expect(rc.out).not.toContain('127.0.0.11');
    expect(rc.out).toContain('nameserver 192.168.1.1\n');
    expect(rc.out).toContain("# Based on host file: '/etc/resolv.conf' (legacy)\n# Overrides: []\n");
  });

  it('/etc/resolv.conf on a user network points at 127.0.0.11 (reference §3.8)', async () => {
    const t = await aliasLab();
    const r = await t.run('docker exec client cat /etc/resolv.conf');
    expect(r.out).toBe(
      [
        '# Generated by Docker Engine.',
        '# This file can be edited; Docker Engine will not make further changes once it',
        '# has been modified.',
        '',
        'nameserver 127.0.0.11',
        'options ndots:0',
        '',
        "# Based on host file: '/etc/resolv.conf' (internal resolver)",
        '# ExtServers: [host(192.168.1.1)]',
        '# Overrides: []',
        '# Option ndots from: internal',
        '',
      ].join('\n'),
    );
  });

  it('names outside the embedded DNS are forwarded upstream; unknown names get NXDOMAIN', async () => {
    const t = await aliasLab();
    const ok = await t.run('docker exec client nslookup example.com');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Name:\texample\.com\nAddress: \d+\.\d+\.\d+\.\d+\n/);
    const bad = await t.run('docker exec client nslookup nosuchname.invalid');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("** server can't find nosuchname.invalid: NXDOMAIN\n");
  });
});

describe('network connect / disconnect on the fly', () => {
  async function lab() {
    const t = newTerm();
    await t.setup('docker network create front', 'docker network create back');
    await t.setup('docker run -dit --name api --network front alpine', 'docker run -dit --name db --network back alpine');
    return t;
  }

  it('connect adds eth1, an /etc/hosts line, and makes the alias resolvable on the new network', async () => {
    const t = await lab();
    const before = await t.run('docker exec api ping -c 1 db');
    expect(before.err).toBe("ping: bad address 'db'\n");
    const c = await t.run('docker network connect --alias gateway back api');
    expect(c).toMatchObject({ out: '', err: '', code: 0 });
    const ip = await t.run('docker exec api ip -br addr');
    expect(lines(ip.out).map((l) => l.split(/\s+/)[0])).toEqual(['lo', expect.stringMatching(/^eth0@if\d+$/), expect.stringMatching(/^eth1@if\d+$/)]);
    expect(ip.out).toMatch(/eth1@if\d+ +UP +172\.19\.0\.3\/16/);
    const hosts = await t.run('docker exec api cat /etc/hosts');
    const id = (await t.run('docker exec api hostname')).out.trim();
    expect(lines(hosts.out).slice(-2)).toEqual([`172.18.0.2\t${id}`, `172.19.0.3\t${id}`]);
    expect((await t.run('docker exec api ping -c 1 db')).code).toBe(0);
    const alias = await t.run('docker exec db ping -c 1 gateway');
    expect(alias.out).toMatch(/^PING gateway \(172\.19\.0\.3\)/);
  });

  it('disconnect removes the interface and its /etc/hosts line; name lookups stop', async () => {
    const t = await lab();
    await t.setup('docker network connect back api');
    const d = await t.run('docker network disconnect front api');
    expect(d).toMatchObject({ out: '', err: '', code: 0 });
    const ip = await t.run('docker exec api ip -br addr');
    expect(ip.out).not.toContain('172.18.');
    expect(ip.out).toMatch(/^eth1@if\d+ +UP +172\.19\.0\.3\/16/m);
    const hosts = await t.run('docker exec api cat /etc/hosts');
    expect(hosts.out).not.toContain('172.18.0.2');
    const route = await t.run('docker exec api ip route');
    expect(route.out).toBe('default via 172.19.0.1 dev eth1\n172.19.0.0/16 dev eth1 scope link  src 172.19.0.3\n');
  });

  it('disconnecting the last network leaves only lo', async () => {
    const t = await lab();
    await t.setup('docker network disconnect front api');
    const r = await t.run('docker exec api ip addr');
    expect(r.out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host\n       valid_lft forever preferred_lft forever\n',
    );
    const ps = await t.run(`docker ps --format '{{.Names}}:{{.Networks}}'`);
    expect(lines(ps.out)).toContain('api:');
  });

  it('a stopped container can be connected; it gets the interface when started', async () => {
    const t = await lab();
    await t.setup('docker stop api', 'docker network connect back api');
    expect((await t.run(`docker inspect -f '{{.State.Status}}' api`)).out).toBe('exited\n');
    await t.setup('docker start api');
    const r = await t.run(`docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' api`);
    expect(r.out).toBe('back=172.19.0.3 front=172.18.0.2 \n');
    expect((await t.run('docker exec api ping -c 1 db')).code).toBe(0);
  });

  it('connecting a container to the default bridge puts it on docker0', async () => {
    const t = await lab();
    await t.setup('docker network connect bridge api');
    const r = await t.run(`docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}} {{.NetworkSettings.IPAddress}}' api`);
    expect(r.out).toBe('172.17.0.2 172.17.0.2\n');
    const link = await t.run('ip link show master docker0');
    expect(lines(link.out).filter((l) => /^\d+: veth/.test(l))).toHaveLength(1);
  });
});

describe('host-side devices', () => {
  it('each user network has a br-<first 12 hex of its id> device, created at network create', async () => {
    const t = newTerm();
    const id = (await t.run('docker network create devnet')).out.trim();
    const short = id.slice(0, 12);
    const link = await t.run(`ip link show br-${short}`);
    expect(link.code).toBe(0);
    expect(link.out).toMatch(new RegExp(`^\\d+: br-${short}: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default\\n    link/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff\\n$`));
    const addr = await t.run(`ip addr show br-${short}`);
    expect(addr.out).toContain(`    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-${short}\n`);
  });

  it('docker0 is NO-CARRIER/DOWN while empty and UP/LOWER_UP with a container', async () => {
    const t = newTerm();
    const empty = await t.run('ip addr show docker0');
    expect(empty.out).toMatch(/^3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default\n/);
    expect(empty.out).toContain('    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n');
    await t.setup('docker run -dit --name c1 alpine');
    const up = await t.run('ip addr show docker0');
    expect(up.out).toMatch(/^3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\n/);
  });

  it('host veth and container eth0 point at each other: vethXXXXXXX@ifN <-> eth0@ifM', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const inside = await t.run('docker exec c1 ip link show eth0');
    const m = /^(\d+): eth0@if(\d+):/.exec(inside.out);
    expect(m).not.toBeNull();
    const host = await t.run('ip link');
    const v = new RegExp(`^${m![2]}: (veth[0-9a-f]{7})@if${m![1]}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default$`, 'm').exec(host.out);
    expect(v).not.toBeNull();
    expect(host.out).toMatch(/link-netnsid \d+\n/);
  });

  it('brctl show: bridge-utils layout, bridge id = 8000.<MAC>, extra ports on 7-tab continuation lines', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine', 'docker run -dit --name c2 alpine', 'docker network create solo');
    const r = await t.run('brctl show');
    const l = lines(r.out);
    expect(l[0]).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces');
    const mac = /link\/ether (\S+)/.exec((await t.run('ip link show docker0')).out)![1]!.replace(/:/g, '');
    const i = l.findIndex((x) => x.startsWith('docker0\t'));
    expect(l[i]).toMatch(new RegExp(`^docker0\\t\\t8000\\.${mac}\\tno\\t\\tveth[0-9a-f]{7}$`));
    expect(l[i + 1]).toMatch(/^\t{7}veth[0-9a-f]{7}$/);
    const id = (await t.run(`docker network inspect -f '{{.Id}}' solo`)).out.slice(0, 12);
    expect(l).toContainEqual(expect.stringMatching(new RegExp(`^br-${id}\\t\\t8000\\.[0-9a-f]{12}\\tno\\t\\t$`)));
  });

  it('ip route on the host has a kernel route per bridge; an empty bridge is marked linkdown', async () => {
    const t = newTerm();
    await t.setup('docker network create r1');
    const id = (await t.run(`docker network inspect -f '{{.Id}}' r1`)).out.slice(0, 12);
    const r = await t.run('ip route');
    expect(lines(r.out)).toEqual([
      'default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.11 metric 100',
      '172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown',
      `172.18.0.0/16 dev br-${id} proto kernel scope link src 172.18.0.1 linkdown`,
      '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
    ]);
  });
});
