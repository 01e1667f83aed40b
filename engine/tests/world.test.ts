/**
 * Worlds from data (issue 7, Deliver item 6): createLab({ world }) builds what a WorldSpec says,
 * and a learner sees it through the usual commands: addresses, routes, reachability across a
 * router, VLAN isolation, a router entered with ssh, an offline world, machines without Docker.
 */
import { describe, expect, it } from 'vitest';
import { createLab, restoreLab, type WorldSpecInput } from '../index';
import { Term } from './helpers';

function term(world: WorldSpecInput, host?: string): Term {
  const lab = createLab({ seed: 1, world });
  return new Term(lab, lab.openSession(host));
}

const TWO_SEGMENTS: WorldSpecInput = {
  hosts: ['host1', { name: 'host2', segment: 'lab' }],
  segments: [
    { name: 'lan', subnet: '192.168.1.0/24' },
    { name: 'lab', subnet: '10.10.0.0/24' },
  ],
};

describe('two segments joined by the router', () => {
  it('each host gets an address, a gateway and a DNS server on its own segment', async () => {
    const t = term(TWO_SEGMENTS);
    await t.run('ssh host2');
    expect((await t.run('ip route')).out).toBe(
      'default via 10.10.0.1 dev eth0 proto dhcp src 10.10.0.11 metric 100\n' +
        '10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.11\n' +
        '172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown\n',
    );
    expect((await t.run('cat /etc/resolv.conf')).out).toBe('nameserver 10.10.0.1\n');
  });

  it('host1 reaches host2 through the router: one hop, TTL 63, and the router learns both neighbours', async () => {
    const t = term(TWO_SEGMENTS);
    const ping = await t.run('ping -c 1 host2');
    expect(ping.out).toContain('64 bytes from host2 (10.10.0.11): icmp_seq=1 ttl=63');
    const tr = await t.run('traceroute -n host2');
    expect(tr.out.split('\n')[1]).toMatch(/^ 1 {2}192\.168\.1\.1 {2}\d/);
    expect(tr.out.split('\n')[2]).toMatch(/^ 2 {2}10\.10\.0\.11 {2}\d/);
  });

  it('the laptop on the first segment reaches a web server published on host2', async () => {
    const lab = createLab({ seed: 1, world: TWO_SEGMENTS });
    const h2 = new Term(lab, lab.openSession('host2'));
    await h2.setup('docker run -d --name web -p 8080:80 nginx');
    const laptop = new Term(lab, lab.openSession('laptop'));
    const r = await laptop.run('curl -s host2:8080');
    expect(r.out).toContain('<title>Welcome to nginx!</title>');
  });
});

describe('VLANs on a managed switch', () => {
  const isolated: WorldSpecInput = {
    segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 20, subnet: '192.168.20.0/24', gateway: null }] }],
    machines: [{ name: 'laptop', vlan: 20 }],
  };

  it('a laptop on another VLAN that the router does not route cannot reach host1', async () => {
    const t = term(isolated, 'laptop');
    expect((await t.run('ip route')).out).toBe('192.168.20.0/24 dev eth0 proto kernel scope link src 192.168.20.100\n');
    const r = await t.run('ping -c 1 -W 1 192.168.1.11');
    expect(r.code).toBe(2);
    expect(r.err).toBe('ping: connect: Network is unreachable\n');
  });

  it('host1 cannot reach that laptop either, even with its address', async () => {
    const t = term(isolated);
    const r = await t.run('ping -c 1 -W 1 192.168.20.100');
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 packets transmitted, 0 received, 100% packet loss');
  });

  it('when the router has a sub-interface on the VLAN, the laptop is routed to host1', async () => {
    const t = term({ ...isolated, segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 20, subnet: '192.168.20.0/24' }] }] }, 'laptop');
    expect((await t.run('ping -c 1 host1')).out).toContain('64 bytes from host1 (192.168.1.11): icmp_seq=1 ttl=63');
  });

  it('hosts on the same access VLAN share it with the router\'s sub-interface; the untagged LAN is empty', async () => {
    const t = term({
      hosts: [{ name: 'host1', vlan: 10 }],
      machines: [{ name: 'desk', vlan: 10 }],
      segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 10, subnet: '192.168.10.0/24' }] }],
    });
    expect((await t.run('ping -c 1 desk')).out).toContain('64 bytes from desk (192.168.10.100): icmp_seq=1 ttl=64');
    expect((await t.run('ping -c 1 192.168.10.1')).out).toContain('64 bytes from 192.168.10.1: icmp_seq=1 ttl=64');
    expect((await t.run('ip neigh')).out).toContain('192.168.10.1 dev eth0 lladdr');
  });

  it('frames do not cross VLANs: on-link routes on both sides still get no answer', async () => {
    const lab = createLab({ seed: 1, world: isolated });
    const h1 = new Term(lab, lab.openSession('host1'));
    await h1.setup('ip route add 192.168.20.0/24 dev eth0');
    const laptop = new Term(lab, lab.openSession('laptop'));
    await laptop.setup('ip route add 192.168.1.0/24 dev eth0');
    expect((await laptop.run('ping -c 1 -W 1 192.168.1.11')).out).toContain('100% packet loss');
    expect((await h1.run('ping -c 1 -W 1 192.168.20.100')).out).toContain('100% packet loss');
    expect((await laptop.run('ip neigh')).out).not.toContain('192.168.1.11');
  });
});

describe('the router', () => {
  it('is entered with `ssh router` when the spec says so, and takes `ip route add`', async () => {
    const lab = createLab({ seed: 1, world: { router: { ssh: true } } });
    const h1 = new Term(lab, lab.openSession());
    await h1.setup('docker network ls');
    const laptop = new Term(lab, lab.openSession('laptop'));
    // host1's docker0 is behind host1: without a route the router sends it to the internet.
    expect((await laptop.run('ping -c 1 -W 1 172.17.0.1')).out).toContain('100% packet loss');
    expect((await laptop.run('ssh router')).out).toContain('Linux router 6.12.48');
    expect(laptop.prompt()).toBe('root@router:~# ');
    await laptop.setup('ip route add 172.17.0.0/16 via 192.168.1.11');
    expect((await laptop.run('ip route')).out).toContain('172.17.0.0/16 via 192.168.1.11 dev eth0');
    await laptop.run('exit');
    expect((await laptop.run('ping -c 1 -W 1 172.17.0.1')).out).toContain('64 bytes from 172.17.0.1: icmp_seq=1 ttl=64');
  });

  it('refuses ssh by default, as today', async () => {
    const t = term({});
    expect((await t.run('ssh router')).err).toBe('ssh: connect to host router port 22: Connection refused\n');
  });

  it('starts with the static routes of the spec', async () => {
    const t = term({ router: { routes: [{ dst: '172.17.0.0/16', via: '192.168.1.11' }] } }, 'laptop');
    expect((await t.run('ping -c 1 -W 1 172.17.0.1')).out).toContain('1 received');
  });

  it('answers extra DNS leases', async () => {
    const t = term({ router: { dns: { leases: [{ name: 'nas', address: '192.168.1.50' }] } } });
    const r = await t.run('nslookup nas');
    expect(r.out).toContain('Name:\tnas\nAddress: 192.168.1.50\n');
  });
});

describe('an offline world', () => {
  it('has no internet: no DNS beyond the leases, nothing past the router', async () => {
    const t = term({ hosts: ['host1', 'host2'], internet: false });
    expect((await t.run('ping -c 1 host2')).out).toContain('1 received');
    expect((await t.run('ping -c 1 -W 1 8.8.8.8')).out).toContain('100% packet loss');
    expect((await t.run('nslookup example.com')).out).toContain(';; no servers could be reached');
  });
});

describe('machines', () => {
  it('a host with docker: false is a plain machine: ssh works, docker does not, it is not a Docker host of the lab', async () => {
    const lab = createLab({ seed: 1, world: { hosts: ['host1', { name: 'nas', docker: false }] } });
    expect(lab.hosts).toEqual(['host1']);
    const t = new Term(lab, lab.openSession());
    expect((await t.run('ping -c 1 nas')).out).toContain('64 bytes from nas (192.168.1.12)');
    await t.run('ssh nas');
    expect(t.prompt()).toBe('root@nas:~# ');
    expect((await t.run('docker ps')).err).toBe('bash: docker: command not found\n');
  });

  it('machines: [] leaves the laptop out', async () => {
    const t = term({ machines: [] });
    const r = await t.run('ping -c 1 laptop');
    expect(r.err).toBe('ping: laptop: Name or service not known\n');
  });

  it('an extra NIC on a second segment gets its own address and route', async () => {
    const t = term({
      hosts: [{ name: 'host1', extraNics: [{ segment: 'storage', mtu: 9000 }] }],
      segments: [
        { name: 'lan', subnet: '192.168.1.0/24' },
        { name: 'storage', subnet: '10.50.0.0/24', gateway: null },
      ],
    });
    const a = (await t.run('ip a show eth1')).out;
    expect(a).toContain('mtu 9000');
    expect(a).toContain('inet 10.50.0.11/24 brd 10.50.0.255 scope global eth1');
    expect((await t.run('ip route')).out).toContain('10.50.0.0/24 dev eth1 proto kernel scope link src 10.50.0.11\n');
  });
});

describe('a world survives snapshot and restore', () => {
  it('the VLAN layout and the router ssh come back', async () => {
    const lab = createLab({
      seed: 3,
      world: {
        router: { ssh: true },
        segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 20, subnet: '192.168.20.0/24', gateway: null }] }],
        machines: [{ name: 'laptop', vlan: 20 }],
      },
    });
    const r = await restoreLab(JSON.parse(JSON.stringify(lab.snapshot())));
    if (!r.ok) throw new Error(r.error);
    const t = new Term(r.lab, r.lab.openSession());
    expect((await t.run('ping -c 1 -W 1 192.168.20.100')).out).toContain('100% packet loss');
    expect((await t.run('ssh router')).code).toBe(0);
  });
});
