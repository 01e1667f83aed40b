import { describe, expect, it } from 'vitest';
import { addr, mac, nic, ns, ping, testWorld } from '../testkit';
import { addMacvlan } from './macvlan';
import { addIpvlan } from './ipvlan';
import { linkDetails } from './details';

/**
 * A NIC that filters unknown MACs (a cloud VM's virtual card): frames for its macvlan children are
 * lost on the way in, until it is promiscuous on a segment that lets promiscuous mode count.
 */
function vm(opts: { allowPromisc: boolean; promisc?: boolean }) {
  const w = testWorld();
  w.segments = { lan: { name: 'lan', vlans: [], hairpin: false, allowPromisc: opts.allowPromisc, ports: [] } };
  const h3 = ns(w, 'h3');
  const laptop = ns(w, 'laptop', 'machine');
  const eth0 = nic(w, h3, 'eth0', 'lan', '192.168.1.13/24');
  nic(w, laptop, 'eth0', 'lan', '192.168.1.100/24');
  w.segments['lan']!.ports.push({ ns: h3.id, ifindex: eth0.ifindex, vlan: null, tagged: [], filtersUnknownMacs: true, promisc: false });
  if (opts.promisc) eth0.promisc = true;
  const c = ns(w, 'c', 'container');
  const child = addr(w, c, addMacvlan(w, c, h3, eth0, { name: 'eth0', mac: mac() }), '192.168.1.233/24');
  return { w, h3, laptop, eth0, c, child };
}

describe('a NIC that filters unknown MACs (segment port filtersUnknownMacs)', () => {
  it('drops unicast frames for its macvlan children silently; its own traffic still flows', () => {
    const { w, laptop, child } = vm({ allowPromisc: true });
    const r = ping(w, laptop, '192.168.1.233');
    expect(r.ok).toBe(false);
    // ARP (a broadcast) got through: the laptop learned the child's MAC, then lost the ping.
    expect(laptop.neigh?.['192.168.1.233']?.mac).toBe(child.mac);
    expect(r.there.ok ? '' : r.there.reason).toBe('host-unreachable');
    expect(ping(w, laptop, '192.168.1.13').ok).toBe(true);
  });

  it('promiscuous mode lifts the filter where the segment allows it, and shows as promiscuity 1', () => {
    const { w, laptop, h3, eth0 } = vm({ allowPromisc: true });
    expect(linkDetails(w, h3, eth0).linkLine).toContain(' promiscuity 0 ');
    eth0.promisc = true;
    w.netVersion++;
    expect(linkDetails(w, h3, eth0).linkLine).toContain(' promiscuity 1 ');
    expect(ping(w, laptop, '192.168.1.233').ok).toBe(true);
  });

  it('a vSwitch that ignores promiscuous mode (allowPromisc false) keeps dropping them', () => {
    const { w, laptop } = vm({ allowPromisc: false, promisc: true });
    expect(ping(w, laptop, '192.168.1.233').ok).toBe(false);
  });

  it('ipvlan children share the card MAC, so the filter never stands in their way', () => {
    const { w, laptop, h3, eth0 } = vm({ allowPromisc: false });
    const c2 = ns(w, 'c2', 'container');
    addr(w, c2, addIpvlan(w, c2, h3, eth0, { name: 'eth0', mode: 'l2' }), '192.168.1.234/24');
    expect(ping(w, laptop, '192.168.1.234').ok).toBe(true);
  });

  it('a passthru child makes its lower device promiscuous (macvlan_open), the others do not', () => {
    const { w, h3, eth0 } = vm({ allowPromisc: true });
    expect(linkDetails(w, h3, eth0).linkLine).toContain(' promiscuity 0 ');
    const w2 = testWorld();
    const h = ns(w2, 'h');
    const e = nic(w2, h, 'eth0', 'lan', '10.0.0.1/24');
    const c = ns(w2, 'c', 'container');
    addMacvlan(w2, c, h, e, { name: 'eth0', mac: mac(), mode: 'passthru' });
    expect(linkDetails(w2, h, e).linkLine).toContain(' promiscuity 1 ');
  });
});
