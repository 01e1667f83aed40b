/**
 * What Linux tools show on the host and in containers: the raw-table DROP for loopback-published ports and what
 * it means for the LAN, iptables -L layouts with -v and --line-numbers, ip -4, ip link type filters and
 * ip route get (reference §4.2, §5.1-§5.4).
 */
import { describe, expect, it } from 'vitest';
import { lines, newTerm, type Term } from './helpers';

const FILTER_HEAD_V = ' pkts bytes target     prot opt in     out     source               destination         ';
const FILTER_HEAD_V_NUM = 'num   pkts bytes target     prot opt in     out     source               destination         ';

describe('a port published on 127.0.0.1 (Docker 28)', () => {
  async function loopbackWeb(): Promise<Term> {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 127.0.0.1:8080:80 nginx');
    return t;
  }

  // The container's direct-access DROP is made by CreateEndpoint, before the port rules of
  // ProgramExternalConnectivity; both are appended (moby v28.5.2 libnetwork/drivers/bridge/bridge_linux.go:1196,1519,
  // internal/iptabler/port.go filterPortMappedOnLoopback, endpoint.go filterDirectAccess).
  it('adds a raw PREROUTING DROP for the loopback address from any interface but lo, after the direct-access DROP', async () => {
    const t = await loopbackWeb();
    const r = await t.run('iptables -t raw -S');
    expect(r).toMatchObject({ err: '', code: 0 });
    expect(r.out).toBe(
      '-P PREROUTING ACCEPT\n' +
        '-P OUTPUT ACCEPT\n' +
        '-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP\n' +
        '-A PREROUTING -d 127.0.0.1/32 ! -i lo -p tcp -m tcp --dport 8080 -j DROP\n',
    );
  });

  it('a port published on all addresses gets no loopback rule', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    expect((await t.run('iptables -t raw -S')).out).not.toContain('127.0.0.1');
  });

  it('removing the container removes both raw rules', async () => {
    const t = await loopbackWeb();
    await t.setup('docker rm -f web');
    expect((await t.run('iptables -t raw -S')).out).toBe('-P PREROUTING ACCEPT\n-P OUTPUT ACCEPT\n');
  });

  it('curl localhost:8080 on the host reaches nginx', async () => {
    const t = await loopbackWeb();
    const r = await t.run('curl localhost:8080');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
    expect((await t.run('curl -s http://127.0.0.1:8080 | grep -c "Welcome to nginx"')).out).toBe('2\n');
  });

  it("the host's LAN address 192.168.1.11:8080 is refused, on the host and from the laptop", async () => {
    const t = await loopbackWeb();
    const own = await t.run('curl http://192.168.1.11:8080');
    expect(own.code).toBe(7);
    expect(own.err).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.1\.11 port 8080 after \d+ ms: Could not connect to server\n$/);
    await t.setup('ssh laptop');
    expect(t.prompt()).toBe('root@laptop:~# ');
    const lan = await t.run('curl http://192.168.1.11:8080');
    expect(lan).toMatchObject({ out: '', code: 7 });
    expect(lan.err).toMatch(/^curl: \(7\) Failed to connect to 192\.168\.1\.11 port 8080 after \d+ ms: Could not connect to server\n$/);
    expect(await t.run('curl -s http://192.168.1.11:8080')).toMatchObject({ output: '', code: 7 });
  });

  it('docker port and inspect show the 127.0.0.1 binding only', async () => {
    const t = await loopbackWeb();
    expect((await t.run('docker port web')).out).toBe('80/tcp -> 127.0.0.1:8080\n');
    expect((await t.run(`docker inspect -f '{{.NetworkSettings.Ports}}' web`)).out).toBe('map[80/tcp:[{127.0.0.1 8080}]]\n');
  });
});

describe('iptables -L with -v and --line-numbers', () => {
  it('FORWARD: num column, counters, "--  *      *" spacing, header padded to the destination column', async () => {
    const t = newTerm();
    const r = await t.run('iptables -L FORWARD -n -v --line-numbers');
    expect(r).toMatchObject({ err: '', code: 0 });
    expect(r.out).toBe(
      'Chain FORWARD (policy DROP 0 packets, 0 bytes)\n' +
        `${FILTER_HEAD_V_NUM}\n` +
        '1        0     0 DOCKER-USER  all  --  *      *       0.0.0.0/0            0.0.0.0/0           \n' +
        '2        0     0 DOCKER-FORWARD  all  --  *      *       0.0.0.0/0            0.0.0.0/0           \n',
    );
  });

  it('FORWARD -v without numbers: no num column', async () => {
    const t = newTerm();
    const r = await t.run('iptables -L FORWARD -v -n');
    expect(lines(r.out)).toEqual([
      'Chain FORWARD (policy DROP 0 packets, 0 bytes)',
      FILTER_HEAD_V,
      '    0     0 DOCKER-USER  all  --  *      *       0.0.0.0/0            0.0.0.0/0           ',
      '    0     0 DOCKER-FORWARD  all  --  *      *       0.0.0.0/0            0.0.0.0/0           ',
    ]);
  });

  it('--line-numbers without -v: "num  " then the plain columns', async () => {
    const t = newTerm();
    expect((await t.run('iptables -L FORWARD -n --line-numbers')).out).toBe(
      'Chain FORWARD (policy DROP)\n' +
        'num  target     prot opt source               destination         \n' +
        '1    DOCKER-USER  all  --  0.0.0.0/0            0.0.0.0/0           \n' +
        '2    DOCKER-FORWARD  all  --  0.0.0.0/0            0.0.0.0/0           \n',
    );
  });

  it('DOCKER with a published port: "!docker0 docker0" interfaces and the tcp match after the destination', async () => {
    const t = newTerm();
    await t.setup('docker run -d --name web -p 8080:80 nginx');
    expect((await t.run('iptables -L DOCKER -n -v --line-numbers')).out).toBe(
      'Chain DOCKER (1 references)\n' +
        `${FILTER_HEAD_V_NUM}\n` +
        '1        0     0 ACCEPT     tcp  --  !docker0 docker0  0.0.0.0/0            172.17.0.2           tcp dpt:80\n' +
        '2        0     0 DROP       all  --  !docker0 docker0  0.0.0.0/0            0.0.0.0/0           \n',
    );
  });

  // Docker 28 creates DOCKER-USER empty (moby v28.5.2 libnetwork/firewall_linux.go setupUserChain;
  // iptablesdoc/generated/new-daemon.md). These two tests asserted the ≤26-era RETURN rule before.
  it('DOCKER-USER -n -v: the header only, no RETURN rule (new-daemon.md)', async () => {
    const t = newTerm();
    expect((await t.run('iptables -L DOCKER-USER -n -v')).out).toBe('Chain DOCKER-USER (1 references)\n' + `${FILTER_HEAD_V}\n`);
  });

  it('DOCKER-USER -v without -n: an appended rule reads "any" for an unset interface and "anywhere"', async () => {
    const t = newTerm();
    await t.setup('iptables -A DOCKER-USER -j DROP');
    const r = await t.run('iptables -L DOCKER-USER -v');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'Chain DOCKER-USER (1 references)\n' +
        `${FILTER_HEAD_V}\n` +
        '    0     0 DROP       all  --  any    any     anywhere             anywhere            \n',
    );
  });

  it('nat DOCKER -v: one RETURN per bridge, newest network first', async () => {
    const t = newTerm();
    await t.setup('docker network create n1');
    const br = (await t.run(`docker network inspect -f '{{.Id}}' n1`)).out.slice(0, 12);
    expect((await t.run('iptables -t nat -L DOCKER -n -v --line-numbers')).out).toBe(
      'Chain DOCKER (2 references)\n' +
        `${FILTER_HEAD_V_NUM}\n` +
        `1        0     0 RETURN     all  --  br-${br} *       0.0.0.0/0            0.0.0.0/0           \n` +
        '2        0     0 RETURN     all  --  docker0 *       0.0.0.0/0            0.0.0.0/0           \n',
    );
  });
});

describe('ip -4, type filters, ip route get', () => {
  it('ip -4 a: only interfaces with an IPv4 address, no link/ether or inet6 lines', async () => {
    const t = newTerm();
    const fresh = await t.run('ip -4 a');
    expect(fresh).toMatchObject({ err: '', code: 0 });
    expect(fresh.out).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n' +
        '    inet 127.0.0.1/8 scope host lo\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n' +
        '    inet 192.168.1.11/24 brd 192.168.1.255 scope global eth0\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN group default\n' +
        '    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n' +
        '       valid_lft forever preferred_lft forever\n',
    );
  });

  it('ip -4 a with a container and a user network: the br- device appears, the veth does not', async () => {
    const t = newTerm();
    await t.setup('docker network create n1', 'docker run -dit --name c1 alpine');
    const out = (await t.run('ip -4 a')).out;
    const heads = lines(out).filter((l) => /^\d+: /.test(l)).map((l) => l.split(':')[1]!.trim());
    expect(heads).toEqual(['lo', 'eth0', 'docker0', expect.stringMatching(/^br-[0-9a-f]{12}$/)]);
    expect(out).not.toMatch(/link\/|inet6|veth/);
    expect(out).toContain('    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-');
    // The full listing still has the veth and the link lines.
    const all = (await t.run('ip a')).out;
    expect(all).toMatch(/^\d+: veth[0-9a-f]{7}@if\d+: .* master docker0 state UP group default$/m);
    expect(all).toContain('    link/ether ');
  });

  it('ip -4 addr show eth0 narrows to one interface', async () => {
    const t = newTerm();
    expect((await t.run('ip -4 addr show eth0')).out).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n' +
        '    inet 192.168.1.11/24 brd 192.168.1.255 scope global eth0\n' +
        '       valid_lft forever preferred_lft forever\n',
    );
  });

  // iproute2 6.15 prints the address origin the kernel (>= 6.3) reports: `proto kernel_lo` on ::1
  // (fidelity-evidence/real-B1-ip-views.txt); this test expected `noprefixroute` before.
  it('ip -6 a lists the IPv6 addresses (iproute2 knows -6)', async () => {
    const t = newTerm();
    const r = await t.run('ip -6 a');
    expect(r).toMatchObject({ err: '', code: 0 });
    expect(r.out).toContain('    inet6 ::1/128 scope host proto kernel_lo \n');
    expect(r.out).not.toContain('inet 127.0.0.1');
  });

  it('busybox ip -4 a in alpine: lo and eth0@ifN with their IPv4 addresses only', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const out = (await t.run('docker exec c1 ip -4 a')).out;
    const l = lines(out);
    expect(l[0]).toBe('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000');
    expect(l[1]).toBe('    inet 127.0.0.1/8 scope host lo');
    expect(l[3]).toMatch(/^\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP$/);
    expect(l[4]).toBe('    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0');
    expect(l).toHaveLength(6);
  });

  it('ip link show type bridge: docker0 and each br- device, in "mode DEFAULT" link form', async () => {
    const t = newTerm();
    await t.setup('docker network create n1', 'docker run -dit --name c1 alpine');
    const l = lines((await t.run('ip link show type bridge')).out);
    expect(l).toHaveLength(4);
    expect(l[0]).toBe('3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default');
    expect(l[1]).toMatch(/^ {4}link\/ether ([0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff$/);
    expect(l[2]).toMatch(/^4: br-[0-9a-f]{12}: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default$/);
    expect(l[3]).toMatch(/^ {4}link\/ether /);
    const veth = lines((await t.run('ip link show type veth')).out);
    expect(veth).toHaveLength(2);
    expect(veth[0]).toMatch(/^\d+: veth[0-9a-f]{7}@if\d+: .* master docker0 state UP mode DEFAULT group default$/);
    expect(veth[1]).toMatch(/ link-netnsid 0$/);
  });

  it('ip -br link show type bridge: brief columns', async () => {
    const t = newTerm();
    const l = lines((await t.run('ip -br link show type bridge')).out);
    expect(l).toEqual([expect.stringMatching(/^docker0 {10}DOWN {11}([0-9a-f]{2}:){5}[0-9a-f]{2} <NO-CARRIER,BROADCAST,MULTICAST,UP> $/)]);
  });

  it('ip route get 8.8.8.8 on the host: via the router, uid 0, then a cache line', async () => {
    const t = newTerm();
    expect(await t.run('ip route get 8.8.8.8')).toMatchObject({
      out: '8.8.8.8 via 192.168.1.1 dev eth0 src 192.168.1.11 uid 0 \n    cache \n',
      err: '',
      code: 0,
    });
    expect((await t.run('ip route get 192.168.1.50')).out).toBe('192.168.1.50 dev eth0 src 192.168.1.11 uid 0 \n    cache \n');
    expect((await t.run('ip route get 172.17.0.2')).out).toBe('172.17.0.2 dev docker0 src 172.17.0.1 uid 0 \n    cache \n');
  });

  it('ip route get in alpine: the busybox form, via the bridge gateway, no uid or cache', async () => {
    const t = newTerm();
    await t.setup('docker run -dit --name c1 alpine');
    const r = await t.run('docker exec c1 ip route get 8.8.8.8');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^8\.8\.8\.8 via 172\.17\.0\.1 dev eth0 {1,2}src 172\.17\.0\.2 ?\n$/);
    const local = await t.run('docker exec c1 ip route get 172.17.0.3');
    expect(local.out).toMatch(/^172\.17\.0\.3 dev eth0 {1,2}src 172\.17\.0\.2 ?\n$/);
  });
});
