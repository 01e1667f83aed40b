/**
 * ipvlan (moby@v28.5.2 libnetwork/drivers/ipvlan: ipvlan_network.go, ipvlan_joinleave.go,
 * ipvlan_endpoint.go; reference §4.4): L2 children share the parent's MAC on the LAN; L3/L3S
 * children get no gateway, route `default dev eth0` (scope link, osl SetDefaultRouteIPv4) through
 * their host, and the LAN reaches them only through a route on the router (`ssh router`).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';
import { lines, Term } from './helpers';

function lab() {
  const l = createLab({ seed: 2, world: { hosts: ['host1', 'host2'], router: { ssh: true } } });
  return { h1: new Term(l, l.openSession('host1')), h2: new Term(l, l.openSession('host2')), laptop: new Term(l, l.openSession('laptop')) };
}

const lost = (out: string) => /\b0 (packets )?received(, \+\d+ errors)?, 100% packet loss/.test(out);

describe('ipvlan l2: the LAN, one MAC', () => {
  it('Options hold only what was given; the children wear host1\'s MAC; inspect shows no MAC (the driver reports none)', async () => {
    const { h1 } = lab();
    await h1.setup(
      'docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 flat',
      'docker run -d --name kiosk --network flat --ip 192.168.1.201 nginx',
      'docker run -dit --name l2a --network flat alpine',
    );
    expect((await h1.run("docker network inspect -f '{{.Driver}} {{json .Options}}' flat")).out).toBe('ipvlan {"parent":"eth0"}\n');
    const hostMac = (await h1.run('ip link show eth0')).out.match(/link\/ether (\S+)/)![1];
    const inside = lines((await h1.run('docker exec l2a ip addr show eth0')).out);
    expect(inside[0]).toMatch(/^\d+: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP$/);
    expect(inside[1]).toBe(`    link/ether ${hostMac} brd ff:ff:ff:ff:ff:ff`);
    expect(inside[2]).toBe('    inet 192.168.1.192/24 brd 192.168.1.255 scope global eth0');
    expect((await h1.run("docker inspect -f 'mac=[{{.NetworkSettings.Networks.flat.MacAddress}}] gw={{.NetworkSettings.Networks.flat.Gateway}}' l2a")).out).toBe('mac=[] gw=192.168.1.1\n');
    expect((await h1.run('docker exec l2a ip route')).out).toBe('default via 192.168.1.1 dev eth0\n192.168.1.0/24 dev eth0 scope link  src 192.168.1.192\n');
  });

  it('the laptop gets the page and lists host1 and the kiosk with the same MAC; host1 cannot reach its own children', async () => {
    const { h1 } = lab();
    await h1.setup('docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 flat', 'docker run -d --name kiosk --network flat --ip 192.168.1.201 nginx');
    expect((await h1.run('ssh laptop curl -s http://192.168.1.201/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    await h1.setup('ssh laptop ping -c 1 192.168.1.11');
    const hostMac = (await h1.run('ip link show eth0')).out.match(/link\/ether (\S+)/)![1];
    const neigh = (await h1.run('ssh laptop ip neigh')).out;
    expect(neigh).toContain(`192.168.1.11 dev eth0 lladdr ${hostMac} REACHABLE\n`);
    expect(neigh).toContain(`192.168.1.201 dev eth0 lladdr ${hostMac} REACHABLE\n`);
    expect(lost((await h1.run('ping -c 2 192.168.1.201')).out)).toBe(true);
    expect((await h1.run('ssh host2 ping -c 1 192.168.1.201')).out).toContain('1 received');
  });

  it('flags: bridge children talk, private ones do not, vepa ones only through a hairpinning switch', async () => {
    for (const [flag, hairpin, expected] of [['bridge', false, true], ['private', true, false], ['vepa', false, false], ['vepa', true, true]] as const) {
      const l = createLab({ seed: 2, world: { segments: [{ name: 'lan', subnet: '192.168.1.0/24', hairpin }] } });
      const t = new Term(l, l.openSession());
      await t.setup(`docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 -o parent=eth0 -o ipvlan_flag=${flag} flat`, 'docker run -dit --name c1 --network flat --ip 192.168.1.201 alpine', 'docker run -dit --name c2 --network flat --ip 192.168.1.202 alpine');
      expect(!lost((await t.run('docker exec c1 ping -c 1 -W 1 192.168.1.202')).out), `${flag}, hairpin ${hairpin}`).toBe(expected);
      expect((await t.run('ssh laptop ping -c 1 -W 1 192.168.1.202')).out, flag).toContain('1 received');
    }
  });
});

describe('ipvlan l3: the host routes, the router must know', () => {
  const APPS = 'docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet 10.50.1.0/24 apps';

  it('no gateway even when one is given, `default dev eth0 scope link`, siblings talk directly', async () => {
    const { h1 } = lab();
    await h1.setup(APPS, 'docker run -d --name api1 --network apps --ip 10.50.1.10 nginx', 'docker run -dit --name tools1 --network apps --ip 10.50.1.20 alpine');
    expect(JSON.parse((await h1.run('docker network inspect apps')).out)[0].IPAM.Config).toEqual([{ Subnet: '10.50.1.0/24' }]);
    // busybox prints "scope link" for any scope but universe (networking/libiproute/iproute.c print_route).
    expect((await h1.run('docker exec tools1 ip route')).out).toBe('default dev eth0 scope link\n10.50.1.0/24 dev eth0 scope link  src 10.50.1.20\n');
    expect((await h1.run('docker exec tools1 ip -d link show eth0')).out).toContain('<BROADCAST,MULTICAST,NOARP,UP,LOWER_UP,M-DOWN>');
    expect((await h1.run('docker exec tools1 ping -c 2 10.50.1.10')).out).toContain('2 packets received');
    // A --gateway is reserved in IPAM (it shows) but the container still routes through the device.
    await h1.setup('docker network create -d ipvlan -o parent=eth0.7 -o ipvlan_mode=l3 --subnet 10.51.0.0/24 --gateway 10.51.0.1 gw', 'docker run -dit --name t2 --network gw alpine');
    expect(JSON.parse((await h1.run('docker network inspect gw')).out)[0].IPAM.Config).toEqual([{ Subnet: '10.51.0.0/24', Gateway: '10.51.0.1' }]);
    expect((await h1.run('docker exec t2 ip route')).out).toBe('default dev eth0 scope link\n10.51.0.0/24 dev eth0 scope link  src 10.51.0.2\n');
  });

  it('the laptop cannot reach 10.50.1.10 until the router has `ip route add 10.50.1.0/24 via 192.168.1.11`; its neighbour table never lists it', async () => {
    const { h1, laptop } = lab();
    await h1.setup(APPS, 'docker run -d --name api1 --network apps --ip 10.50.1.10 nginx');
    expect(lost((await laptop.run('ping -c 2 10.50.1.10')).out)).toBe(true);
    expect((await laptop.run('ssh router')).out).toContain('Linux router');
    expect(laptop.prompt()).toBe('root@router:~# ');
    expect(await laptop.run('ip route add 10.50.1.0/24 via 192.168.1.11')).toMatchObject({ code: 0, output: '' });
    expect((await laptop.run('ip route')).out).toContain('10.50.1.0/24 via 192.168.1.11 dev eth0\n');
    await laptop.run('exit');
    expect((await laptop.run('curl -s http://10.50.1.10/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    expect((await laptop.run('ip neigh')).out).not.toContain('10.50.1.10');
  });

  it('two hosts, two subnets, two routes: tools1 reaches tools2 through the router (one router hop)', async () => {
    const { h1, h2 } = lab();
    await h1.setup(APPS, 'docker run -dit --name tools1 --network apps --ip 10.50.1.20 alpine', 'ssh router ip route add 10.50.1.0/24 via 192.168.1.11');
    await h2.setup('docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet 10.50.2.0/24 apps', 'docker run -dit --name tools2 --network apps --ip 10.50.2.20 alpine');
    expect(lost((await h1.run('docker exec tools1 ping -c 1 10.50.2.20')).out)).toBe(true);
    await h1.setup('ssh router ip route add 10.50.2.0/24 via 192.168.1.12');
    expect((await h1.run('docker exec tools1 ping -c 2 10.50.2.20')).out).toContain('64 bytes from 10.50.2.20: seq=0 ttl=63');
    // Delete the way back: the request still reaches host2, the answer is lost.
    await h1.setup('ssh router ip route del 10.50.1.0/24');
    expect(lost((await h1.run('docker exec tools1 ping -c 1 10.50.2.20')).out)).toBe(true);
  });

  it('the same subnet on two hosts: one route, one next hop; a second add is refused, a /32 fixes one container', async () => {
    const { h1, h2 } = lab();
    await h1.setup('docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet 10.50.0.0/24 apps', 'docker run -d --name api1 --network apps --ip 10.50.0.10 nginx');
    await h2.setup('docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet 10.50.0.0/24 apps', 'docker run -d --name api2 --network apps --ip 10.50.0.20 nginx');
    await h1.setup('ssh router ip route add 10.50.0.0/24 via 192.168.1.11');
    expect((await h1.run('ssh laptop curl -s -m 2 http://10.50.0.10/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
    expect((await h1.run('ssh laptop curl -s -m 2 http://10.50.0.20/')).code).not.toBe(0);
    expect(await h1.run('ssh router ip route add 10.50.0.0/24 via 192.168.1.12')).toMatchObject({ code: 2, err: 'RTNETLINK answers: File exists\n' });
    await h1.setup('ssh router ip route add 10.50.0.20/32 via 192.168.1.12');
    expect((await h1.run('ssh laptop curl -s http://10.50.0.20/ | grep title')).out).toBe('<title>Welcome to nginx!</title>\n');
  });

  it('l3s: the host\'s INPUT chain sees packets for its children; l3 bypasses it', async () => {
    for (const mode of ['l3', 'l3s']) {
      const { h1 } = lab();
      await h1.setup(
        `docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=${mode} --subnet 10.50.1.0/24 apps`,
        'docker run -d --name api1 --network apps --ip 10.50.1.10 nginx',
        'ssh router ip route add 10.50.1.0/24 via 192.168.1.11',
        'iptables -I INPUT -d 10.50.1.10 -j DROP',
      );
      expect(lost((await h1.run('ssh laptop ping -c 1 -W 1 10.50.1.10')).out), mode).toBe(mode === 'l3s');
    }
  });

  it('an l3 child answers no ARP: on the LAN\'s own subnet the laptop cannot find it', async () => {
    const { h1 } = lab();
    await h1.setup('docker network create -d ipvlan -o ipvlan_mode=l3 --subnet 192.168.1.0/24 -o parent=eth0 flat', 'docker run -d --name kiosk --network flat --ip 192.168.1.201 nginx');
    expect(lost((await h1.run('ssh laptop ping -c 1 -W 1 192.168.1.201')).out)).toBe(true);
  });
});
