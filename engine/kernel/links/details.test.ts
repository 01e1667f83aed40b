import { describe, expect, it } from 'vitest';
import { mac, nic, ns, testWorld } from '../testkit';
import { linkDetails } from './details';
import { addIpvlan } from './ipvlan';
import { addMacvlan } from './macvlan';
import { addVlan } from './vlan';
import { addVxlan } from './vxlan';

const TAIL = 'addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536 ';

describe('ip -d link kind lines (iproute2 6.15 on Linux 6.18: docs/evidence/kernel-links.md)', () => {
  const w = testWorld();
  const h = ns(w, 'h');
  const eth0 = nic(w, h, 'eth0', 'lan', '192.168.1.11/24');

  it('macvlan', () => {
    const m = addMacvlan(w, h, h, eth0, { name: 'mv1', mac: mac(), mode: 'bridge' });
    expect(linkDetails(w, h, m)).toEqual({ linkLine: ' promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535 ', lines: [`    macvlan mode bridge bcqueuelen 1000 usedbcqueuelen 1000 ${TAIL}`] });
  });

  it('vxlan as Docker creates it (proxy l2miss l3miss; iproute2 v6.15.0 ip/iplink_vxlan.c vxlan_print_opt, moby v28.5.2 libnetwork/drivers/overlay/ov_utils.go), and without learning', () => {
    const vx = addVxlan(w, h, { name: 'vx-001000-abcde', mac: mac(), vni: 4096, local: '192.168.1.11', dev: 'eth0', proxy: true, l2miss: true, l3miss: true });
    expect(linkDetails(w, h, vx).lines).toEqual([`    vxlan id 4096 local 192.168.1.11 dev eth0 srcport 0 0 dstport 4789 ttl auto ageing 300 reserved_bits 0xf7ffffff000000ff proxy l2miss l3miss ${TAIL}`]);
    const quiet = addVxlan(w, h, { name: 'vx1', mac: mac(), vni: 7, learning: false });
    expect(linkDetails(w, h, quiet).lines[0]).toBe(`    vxlan id 7 srcport 0 0 dstport 4789 ttl auto ageing 300 reserved_bits 0xf7ffffff000000ff nolearning ${TAIL}`);
  });

  it('vlan and ipvlan (iplink_vlan.c, iplink_ipvlan.c)', () => {
    expect(linkDetails(w, h, addVlan(w, h, eth0, 50)).lines).toEqual([`    vlan protocol 802.1Q id 50 <REORDER_HDR> ${TAIL}`]);
    expect(linkDetails(w, h, addIpvlan(w, h, h, eth0, { name: 'iv1', mode: 'l3', flag: 'private' })).lines).toEqual([`    ipvlan  mode l3 private ${TAIL}`]);
  });

  it('lo and a NIC have no kind line', () => {
    expect(linkDetails(w, h, h.links[0]!)).toEqual({ linkLine: ` promiscuity 0 allmulti 0 minmtu 0 maxmtu 0 ${TAIL}`, lines: [] });
    expect(linkDetails(w, h, eth0).lines).toEqual([]);
  });
});
