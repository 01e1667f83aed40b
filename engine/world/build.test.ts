/**
 * The builder's output as the kernel reads it: switch ports with their VLAN settings, and 802.1q
 * sub-interfaces whose frames a managed switch carries only on trunks. (No command creates a
 * vlan device yet, so these tests add one as `ip link add link eth0 name eth0.20 type vlan id 20`
 * will.)
 */
import { describe, expect, it } from 'vitest';
import { sendFrom } from '../kernel/deliver';
import { addAddr, addLink, linkByName } from '../kernel/netns';
import { createWorld } from './build';
import { parseWorldSpec, type WorldSpecInput } from './spec';

function build(input: WorldSpecInput) {
  const r = parseWorldSpec(input);
  if (!r.ok) throw new Error(r.error);
  return createWorld(r.spec, 1);
}

type World = ReturnType<typeof build>;

function addVlan(world: World, nsId: string, vid: number, cidr: string): void {
  const ns = world.netns[nsId]!;
  const eth0 = linkByName(ns, 'eth0')!;
  const dev = addLink(world, ns, { name: `eth0.${vid}`, kind: 'vlan', mac: eth0.mac });
  dev.lower = { ns: ns.id, ifindex: eth0.ifindex };
  dev.vlanId = vid;
  dev.up = true;
  const [ip, prefix] = cidr.split('/');
  addAddr(world, ns, dev, { ip: ip!, prefix: Number(prefix), scope: 'global' });
}

const reaches = (world: World, from: string, dst: string) => sendFrom(world, world.netns[from]!, { proto: 'icmp', dst, dport: null }).ok;

const MANAGED: WorldSpecInput['segments'] = [{ name: 'lan', subnet: '192.168.1.0/24', vlans: [{ id: 20, subnet: '192.168.20.0/24' }, { id: 30 }] }];

describe('switch ports from the spec', () => {
  it('every NIC has a port with its VLAN, trunk and NIC options; the segment keeps hairpin and promisc policy', () => {
    const world = build({
      hosts: [{ name: 'host1', trunk: [20, 30], promisc: true }, { name: 'host2', vlan: 20, filtersUnknownMacs: true }],
      segments: [{ ...MANAGED[0]!, hairpin: true, allowPromisc: false }],
    });
    const seg = world.segments['lan']!;
    expect({ vlans: seg.vlans, hairpin: seg.hairpin, allowPromisc: seg.allowPromisc }).toEqual({ vlans: [20, 30], hairpin: true, allowPromisc: false });
    const port = (ns: string) => seg.ports.find((p) => p.ns === ns);
    expect(port('router')).toMatchObject({ ifindex: 2, vlan: null, tagged: [20] });
    expect(port('host:host1')).toMatchObject({ ifindex: 2, vlan: null, tagged: [20, 30], promisc: true, filtersUnknownMacs: false });
    expect(port('host:host2')).toMatchObject({ vlan: 20, tagged: [], promisc: false, filtersUnknownMacs: true });
    expect(port('machine:laptop')).toMatchObject({ vlan: null, tagged: [] });
    expect(linkByName(world.netns['router']!, 'eth0.20')).toMatchObject({ kind: 'vlan', vlanId: 20, lower: { ns: 'router', ifindex: 2 } });
  });
});

describe('802.1q tags on a managed switch', () => {
  it('a trunk port carries its VLAN: host1 eth0.20 reaches the router and a machine on access VLAN 20', () => {
    const world = build({ hosts: [{ name: 'host1', trunk: [20] }], machines: ['laptop', { name: 'cam', vlan: 20 }], segments: MANAGED });
    addVlan(world, 'host:host1', 20, '192.168.20.50/24');
    expect(reaches(world, 'host:host1', '192.168.20.1')).toBe(true);
    expect(reaches(world, 'host:host1', '192.168.20.100')).toBe(true);
  });

  it('an access port drops tagged frames', () => {
    const world = build({ hosts: ['host1'], machines: [{ name: 'cam', vlan: 20 }], segments: MANAGED });
    addVlan(world, 'host:host1', 20, '192.168.20.50/24');
    expect(reaches(world, 'host:host1', '192.168.20.1')).toBe(false);
    expect(reaches(world, 'host:host1', '192.168.20.100')).toBe(false);
  });

  it('a trunk carries only the VLANs it lists', () => {
    const world = build({ hosts: [{ name: 'host1', trunk: [30] }, { name: 'host2', trunk: [20, 30] }], segments: MANAGED });
    addVlan(world, 'host:host1', 20, '192.168.20.50/24');
    addVlan(world, 'host:host2', 20, '192.168.20.51/24');
    expect(reaches(world, 'host:host2', '192.168.20.1')).toBe(true);
    expect(reaches(world, 'host:host2', '192.168.20.50')).toBe(false);
  });
});

describe('an unmanaged switch (no VLANs declared)', () => {
  it('carries any tag between any ports, and each VLAN id is its own domain', () => {
    const world = build({ hosts: ['host1', 'host2'] });
    addVlan(world, 'host:host1', 50, '10.50.0.11/24');
    addVlan(world, 'host:host2', 50, '10.50.0.12/24');
    expect(reaches(world, 'host:host1', '10.50.0.12')).toBe(true);
    addVlan(world, 'host:host2', 60, '10.60.0.12/24');
    addVlan(world, 'host:host1', 61, '10.60.0.11/24');
    expect(reaches(world, 'host:host1', '10.60.0.12')).toBe(false);
  });
});
