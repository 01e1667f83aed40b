/**
 * macvlan containers as machines of the LAN (reference §4.4; moby@v28.5.2
 * libnetwork/drivers/macvlan/macvlan_joinleave.go, libnetwork/docs/macvlan.md): the laptop and the
 * other hosts reach them by their own addresses and MACs, their own host cannot until it has a
 * shim, VLAN sub-interfaces keep broadcast domains apart, and a NIC that filters unknown MACs
 * loses their frames until it is promiscuous where the segment allows it.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type LabOptions } from '../index';
import { lines, Term } from './helpers';

/** The world of lesson 09: VLANs 10 (routed) and 20 (not routed, a camera), host3 a cloud-like VM. */
const WORLD: LabOptions['world'] = {
  hosts: [{ name: 'host1', trunk: [10, 20] }, { name: 'host2', trunk: [10, 20] }, { name: 'host3', filtersUnknownMacs: true }],
  machines: ['laptop', { name: 'camera', vlan: 20 }],
  segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 10, subnet: '192.168.10.0/24' }, { id: 20, subnet: '192.168.20.0/24', gateway: null }] }],
};

function lab(world: LabOptions['world'] = WORLD) {
  const l = createLab({ seed: 1, world });
  return { lab: l, on: (host: string) => new Term(l, l.openSession(host)) };
}

const LAN_NET = 'docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 lan';

async function printer(t: Term): Promise<void> {
  await t.setup(LAN_NET, 'docker run -dit --name lan1 --network lan alpine', 'docker run -d --name printer --network lan --ip 192.168.1.200 nginx');
}

function lost(out: string): boolean {
  return /\b0 (packets )?received(, \+\d+ errors)?, 100% packet loss/.test(out);
}

describe('the LAN reaches macvlan containers as machines of its own', () => {
  it('lan1 takes the first address of --ip-range; the route goes straight to the LAN router', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await printer(h1);
    expect((await h1.run('docker exec lan1 ip addr show eth0')).out).toContain('    inet 192.168.1.192/24 brd 192.168.1.255 scope global eth0\n');
    expect((await h1.run('docker exec lan1 ip route')).out).toBe('default via 192.168.1.1 dev eth0\n192.168.1.0/24 dev eth0 scope link  src 192.168.1.192\n');
    // No bridge, no veth, no NAT rule on the host.
    expect((await h1.run('ip -o link')).out).not.toMatch(/veth|br-/);
    expect((await h1.run('iptables -t nat -S')).out).not.toContain('192.168.1.');
  });

  it('the laptop gets nginx at 192.168.1.200 and its neighbour table holds the printer\'s own MAC', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await printer(h1);
    expect((await h1.run('ssh laptop curl -s http://192.168.1.200/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    const mac = (await h1.run("docker inspect -f '{{range .NetworkSettings.Networks}}{{.MacAddress}}{{end}}' printer")).out.trim();
    const hostMac = (await h1.run('ip link show eth0')).out.match(/link\/ether (\S+)/)![1];
    expect(mac).not.toBe(hostMac);
    expect((await h1.run('ssh laptop ip neigh')).out).toContain(`192.168.1.200 dev eth0 lladdr ${mac} REACHABLE\n`);
    // host2 sees it the same way.
    expect((await on('host2').run('ping -c 2 192.168.1.200')).out).toContain('2 received, 0% packet loss');
  });

  it('outgoing traffic leaves with the container\'s own address, NATed by the router only', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await printer(h1);
    expect((await h1.run('docker exec lan1 ping -c 2 8.8.8.8')).out).toContain('2 packets received, 0% packet loss');
    expect((await h1.run('docker exec lan1 wget -qO- http://example.com/ | grep -c Example')).code).toBe(0);
  });

  it('-p is ignored: nothing listens on the host and no DNAT rule appears (macvlan_endpoint.go only logs a warning)', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await h1.setup(LAN_NET);
    expect((await h1.run('docker run -d --name web -p 8080:80 --network lan nginx')).code).toBe(0);
    expect((await h1.run('ss -ltn')).out).not.toContain(':8080');
    expect((await h1.run('iptables -t nat -S')).out).not.toContain('8080');
    expect((await h1.run('curl -s -m 2 http://localhost:8080/')).code).not.toBe(0);
    expect((await h1.run('ssh laptop curl -s http://192.168.1.192/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
  });
});

describe('host isolation and the shim (libnetwork/docs/macvlan.md)', () => {
  it('host1 and its own macvlan containers cannot reach each other, both ways, and Docker says nothing', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await printer(h1);
    const ping = await h1.run('ping -c 2 192.168.1.200');
    expect(ping.code).toBe(1);
    expect(lost(ping.out)).toBe(true);
    expect(ping.err).toBe('');
    // ARP for the child goes out on the wire and nobody answers: after three seconds of asking the
    // kernel fails the queued probes and iputils reports each (IP_RECVERR; ping/ping_common.c
    // finish() adds "+N errors" and "pipe N" for probes in flight together).
    expect(ping.out).toBe(
      'PING 192.168.1.200 (192.168.1.200) 56(84) bytes of data.\n' +
        'From 192.168.1.11 icmp_seq=1 Destination Host Unreachable\n' +
        'From 192.168.1.11 icmp_seq=2 Destination Host Unreachable\n' +
        '\n--- 192.168.1.200 ping statistics ---\n' +
        '2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms\n' +
        'pipe 2\n',
    );
    expect(lost((await h1.run('docker exec lan1 ping -c 2 192.168.1.11')).out)).toBe(true);
    expect((await h1.run('curl -s -m 2 http://192.168.1.200/')).code).not.toBe(0);
  });

  it('mac0 in bridge mode with a /32 and a route for the range makes host1 reach them, and only the range uses it', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await printer(h1);
    for (const line of ['ip link add mac0 link eth0 type macvlan mode bridge', 'ip addr add 192.168.1.250/32 dev mac0', 'ip link set mac0 up', 'ip route add 192.168.1.192/27 dev mac0']) {
      expect(await h1.run(line)).toMatchObject({ code: 0, output: '' });
    }
    expect((await h1.run('ping -c 2 192.168.1.200')).out).toContain('2 received, 0% packet loss');
    expect((await h1.run('curl -s http://192.168.1.200/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    expect((await h1.run('ip route get 192.168.1.200')).out).toBe('192.168.1.200 dev mac0 src 192.168.1.250 uid 0 \n    cache \n');
    expect((await h1.run('ip route get 192.168.1.100')).out).toBe('192.168.1.100 dev eth0 src 192.168.1.11 uid 0 \n    cache \n');
    // The containers reach the host at the shim's address, the laptop still reaches the printer.
    expect((await h1.run('docker exec lan1 ping -c 2 192.168.1.250')).out).toContain('2 packets received, 0% packet loss');
    expect((await h1.run('ssh laptop curl -s http://192.168.1.200/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    expect((await h1.run('ping -c 1 192.168.1.100')).out).toContain('1 received');
  });

  it('each step matters: no route, a private shim, or a vepa shim (the kernel default) leave the host cut off', async () => {
    const steps = (mode: string) => [`ip link add mac0 link eth0 type macvlan${mode}`, 'ip addr add 192.168.1.250/32 dev mac0', 'ip link set mac0 up'];
    for (const [mode, route] of [[' mode bridge', false], [' mode private', true], ['', true], [' mode vepa', true]] as const) {
      const { on } = lab();
      const h1 = on('host1');
      await printer(h1);
      await h1.setup(...steps(mode), ...(route ? ['ip route add 192.168.1.192/27 dev mac0'] : []));
      expect(lost((await h1.run('ping -c 1 192.168.1.200')).out), `${mode || 'default mode'}, route ${route}`).toBe(true);
    }
  });

  it('a route through a shim that is still down is refused, as the kernel refuses it', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await h1.setup('ip link add mac0 link eth0 type macvlan mode bridge', 'ip addr add 192.168.1.250/32 dev mac0');
    expect(await h1.run('ip route add 192.168.1.192/27 dev mac0')).toMatchObject({ code: 2, err: 'Error: Device for nexthop is not up.\n' });
  });
});

describe('802.1q: containers on a VLAN meet only that VLAN', () => {
  it('vlan10 on eth0.10: the router leg answers, the laptop is routed to it; eth0.10 goes with the network', async () => {
    const { on } = lab();
    const h1 = on('host1');
    await h1.setup('docker network create -d macvlan --subnet 192.168.10.0/24 --gateway 192.168.10.1 --ip-range 192.168.10.64/27 -o parent=eth0.10 vlan10', 'docker run -dit --name v10 --network vlan10 alpine');
    expect((await h1.run('docker exec v10 ping -c 2 192.168.10.1')).out).toContain('2 packets received, 0% packet loss');
    const laptop = await h1.run('ssh laptop ping -c 2 192.168.10.64');
    expect(laptop.out).toContain('64 bytes from 192.168.10.64: icmp_seq=1 ttl=63');
    await h1.setup('docker rm -f v10', 'docker network rm vlan10');
    expect((await h1.run('ip link show eth0.10')).err).toBe('Device "eth0.10" does not exist.\n');
  });

  it('cams on eth0.20 (--internal, no gateway): only its subnet route, reaches the camera; the walls hold both ways', async () => {
    const { on } = lab();
    const h1 = on('host1');
    const h2 = on('host2');
    await h2.setup('docker network create -d macvlan --internal --subnet 192.168.20.0/24 --ip-range 192.168.20.192/27 -o parent=eth0.20 cams', 'docker run -dit --name recorder --network cams alpine');
    expect((await h2.run('docker exec recorder ip route')).out).toBe('192.168.20.0/24 dev eth0 scope link  src 192.168.20.192\n');
    expect((await h2.run('docker exec recorder ping -c 2 192.168.20.100')).out).toContain('2 packets received, 0% packet loss');
    await h1.setup('docker network create -d macvlan --subnet 192.168.10.0/24 --gateway 192.168.10.1 -o parent=eth0.10 vlan10', 'docker run -dit --name v10 --network vlan10 alpine');
    expect(lost((await h1.run('docker exec v10 ping -c 2 192.168.20.100')).out)).toBe(true);
    expect(lost((await h1.run('ssh laptop ping -c 2 192.168.20.192')).out)).toBe(true);
  });

  it('the wrong VLAN id: a subnet that looks right on eth0.21 reaches nothing, the camera is on 20', async () => {
    const { on } = lab();
    const h2 = on('host2');
    await h2.setup('docker network create -d macvlan --internal --subnet 192.168.20.0/24 --ip-range 192.168.20.192/27 -o parent=eth0.21 cams', 'docker run -dit --name recorder --network cams alpine');
    expect(lost((await h2.run('docker exec recorder ping -c 1 192.168.20.100')).out)).toBe(true);
    // The untagged LAN is not VLAN 20 either.
    await h2.setup('docker rm -f recorder', 'docker network rm cams', 'docker network create -d macvlan --internal --subnet 192.168.20.0/24 -o parent=eth0 cams', 'docker run -dit --name recorder --network cams alpine');
    expect(lost((await h2.run('docker exec recorder ping -c 1 192.168.20.100')).out)).toBe(true);
  });
});

describe('promiscuous mode: a NIC that filters unknown MACs (WorldSpec filtersUnknownMacs)', () => {
  it('host3 loses its macvlan container\'s frames silently (promiscuity 0) until `ip link set eth0 promisc on`', async () => {
    const { on } = lab();
    const h3 = on('host3');
    await h3.setup('docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.232/29 -o parent=eth0 lan', 'docker run -d --name web3 --network lan --ip 192.168.1.233 nginx');
    expect(lost((await h3.run('ssh laptop ping -c 2 192.168.1.233')).out)).toBe(true);
    const before = lines((await h3.run('ip -d link show eth0')).out);
    expect(before[0]).toContain('<BROADCAST,MULTICAST,UP,LOWER_UP>');
    expect(before[1]).toContain(' promiscuity 0 ');
    expect(await h3.run('ip link set eth0 promisc on')).toMatchObject({ code: 0, output: '' });
    const after = lines((await h3.run('ip -d link show eth0')).out);
    expect(after[0]).toContain('<BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP>');
    expect(after[1]).toContain(' promiscuity 1 ');
    expect((await h3.run('ssh laptop ping -c 2 192.168.1.233')).out).toContain('2 received, 0% packet loss');
    await h3.setup('ip link set eth0 promisc off');
    expect(lost((await h3.run('ssh laptop ping -c 1 192.168.1.233')).out)).toBe(true);
  });

  it('where the segment ignores promiscuous mode (allowPromisc false) nothing helps; a NIC that starts promiscuous shows promiscuity 1', async () => {
    const cloud = lab({ hosts: [{ name: 'host1', filtersUnknownMacs: true }], segments: [{ name: 'lan', subnet: '192.168.1.0/24', allowPromisc: false }] }).on('host1');
    await cloud.setup(LAN_NET, 'docker run -d --name web --network lan --ip 192.168.1.200 nginx', 'ip link set eth0 promisc on');
    expect(lost((await cloud.run('ssh laptop ping -c 1 192.168.1.200')).out)).toBe(true);
    const vm = lab({ hosts: [{ name: 'host1', filtersUnknownMacs: true, promisc: true }] }).on('host1');
    expect((await vm.run('ip -d link show eth0')).out).toContain(' promiscuity 1 ');
    await vm.setup(LAN_NET, 'docker run -d --name web --network lan --ip 192.168.1.200 nginx');
    expect((await vm.run('ssh laptop ping -c 1 192.168.1.200')).out).toContain('1 received');
  });

  it('ipvlan needs no promiscuous mode: its children wear the NIC\'s own MAC', async () => {
    const { on } = lab();
    const h3 = on('host3');
    await h3.setup('docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.232/29 -o parent=eth0 flat', 'docker run -d --name web3 --network flat --ip 192.168.1.233 nginx');
    expect((await h3.run('ssh laptop ping -c 1 192.168.1.233')).out).toContain('1 received');
  });
});
