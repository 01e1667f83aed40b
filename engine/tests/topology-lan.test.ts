/**
 * The topology view model for LAN drivers: macvlan/ipvlan networks say their parent, mode, segment
 * and VLAN, their endpoints sit on that segment and VLAN like machines, and hosts and machines say
 * where their eth0 plugs in, so the picture can draw children on the LAN instead of behind a bridge.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../index';
import { Term } from './helpers';

describe('Topology: macvlan and ipvlan children on the LAN', () => {
  it('networks carry parent, mode, segment and VLAN; endpoints the wire they sit on; bridges none', async () => {
    const lab = createLab({
      seed: 1,
      world: {
        hosts: [{ name: 'host1', trunk: [10] }],
        machines: ['laptop', { name: 'camera', vlan: 10 }],
        segments: [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 10, subnet: '192.168.10.0/24' }] }],
      },
    });
    const t = new Term(lab, lab.openSession());
    await t.setup(
      'docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 --ip-range 192.168.1.192/27 -o parent=eth0 lan',
      'docker network create -d macvlan --subnet 192.168.10.0/24 --gateway 192.168.10.1 -o parent=eth0.10 -o macvlan_mode=private v10',
      'docker network create -d ipvlan -o parent=eth0.20 -o ipvlan_mode=l3 --subnet 10.50.1.0/24 apps',
      'docker network create -d macvlan dmz',
      'docker run -dit --name c1 --network lan alpine',
      'docker network connect v10 c1',
      'docker run -dit --name c2 --network apps alpine',
      'docker run -dit --name c3 alpine',
    );
    const topo = lab.topology();
    const host = topo.hosts[0]!;
    expect(host).toMatchObject({ name: 'host1', segment: 'lan', vlan: null });
    expect(topo.lan.machines).toEqual([
      { name: 'laptop', address: '192.168.1.100', segment: 'lan', vlan: null },
      { name: 'camera', address: '192.168.10.100', segment: 'lan', vlan: 10 },
    ]);
    const net = (name: string) => host.networks.find((n) => n.name === name)!;
    expect(net('lan')).toMatchObject({ driver: 'macvlan', device: 'eth0', parent: 'eth0', mode: 'bridge', segment: 'lan', vlan: null });
    expect(net('v10')).toMatchObject({ parent: 'eth0.10', mode: 'private', segment: 'lan', vlan: 10 });
    expect(net('apps')).toMatchObject({ driver: 'ipvlan', parent: 'eth0.20', mode: 'l3', segment: 'lan', vlan: 20, gateway: null });
    expect(net('dmz')).toMatchObject({ parent: expect.stringMatching(/^dm-[0-9a-f]{12}$/), mode: 'bridge', segment: null, vlan: null });
    expect(net('bridge')).toMatchObject({ parent: null, mode: null, segment: null, vlan: null });
    const ctr = (name: string) => host.containers.find((c) => c.name === name)!;
    expect(ctr('c1').endpoints.map((e) => [e.networkName, e.iface, e.hostVeth, e.segment, e.vlan])).toEqual([
      ['lan', 'eth0', null, 'lan', null],
      ['v10', 'eth1', null, 'lan', 10],
    ]);
    // An ipvlan child's MAC is its parent's (inspect shows none).
    const eth0Mac = (await t.run('ip link show eth0')).out.match(/link\/ether (\S+)/)![1];
    expect(ctr('c2').endpoints[0]).toMatchObject({ mac: eth0Mac, segment: 'lan', vlan: 20, ipv4: '10.50.1.1' });
    expect(ctr('c3').endpoints[0]).toMatchObject({ networkName: 'bridge', segment: null, vlan: null, hostVeth: expect.stringMatching(/^veth/) });
  });
});
