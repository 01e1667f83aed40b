import { describe, expect, it } from 'vitest';
import { addr, link, nic, ns, ping, testWorld } from '../testkit';
import { addVlan } from './vlan';
import { openTap, type CapturedFrame } from '../taps';

function lan() {
  const w = testWorld();
  const h1 = ns(w, 'h1');
  const h2 = ns(w, 'h2');
  const h3 = ns(w, 'h3');
  const laptop = ns(w, 'laptop', 'machine');
  nic(w, h1, 'eth0', 'lan', '192.168.1.11/24');
  nic(w, h2, 'eth0', 'lan', '192.168.1.12/24');
  nic(w, h3, 'eth0', 'lan', '192.168.1.13/24');
  nic(w, laptop, 'eth0', 'lan', '192.168.1.100/24');
  addr(w, h1, addVlan(w, h1, link(h1, 'eth0'), 50), '10.50.0.1/24');
  addr(w, h2, addVlan(w, h2, link(h2, 'eth0'), 50), '10.50.0.2/24');
  addr(w, h3, addVlan(w, h3, link(h3, 'eth0'), 60), '10.50.0.3/24');
  return { w, h1, h2, h3, laptop };
}

describe('802.1q sub-interfaces on a switch segment', () => {
  it('hosts reach each other over the same VLAN only', () => {
    const { w, h1 } = lan();
    expect(ping(w, h1, '192.168.1.12').ok).toBe(true);
    expect(ping(w, h1, '10.50.0.2').ok).toBe(true);
    const r = ping(w, h1, '10.50.0.3');
    expect(r.ok).toBe(false);
    expect(r.there.ok ? '' : r.there.reason).toBe('host-unreachable');
  });

  it('the tag is on the wire: the parent NIC captures it tagged, the sub-interface untagged', () => {
    const { w, h1, h2 } = lan();
    const seen: CapturedFrame[] = [];
    openTap(w, { ns: h2.id, dev: 'any' }, (f) => seen.push(f));
    ping(w, h1, '10.50.0.2');
    const icmp = seen.filter((f) => f.ip).map((f) => `${f.dev} ${f.dir} vlan=${f.vlan} ${f.ip!.src}>${f.ip!.dst}`);
    expect(icmp).toEqual([
      'eth0 in vlan=50 10.50.0.1>10.50.0.2',
      'eth0.50 in vlan=null 10.50.0.1>10.50.0.2',
      'eth0.50 out vlan=null 10.50.0.2>10.50.0.1',
      'eth0 out vlan=50 10.50.0.2>10.50.0.1',
    ]);
  });

  it('an access port puts an untagged machine on its VLAN, and only there', () => {
    const { w, laptop } = lan();
    const port = (n: typeof laptop, vlan: number | null, tagged: number[]) => ({ ns: n.id, ifindex: link(n, 'eth0').ifindex, vlan, tagged, filtersUnknownMacs: false, promisc: false });
    w.segments = { lan: { name: 'lan', vlans: [], hairpin: false, allowPromisc: true, ports: [port(laptop, 50, [])] } };
    addr(w, laptop, link(laptop, 'eth0'), '10.50.0.9/24');
    expect(ping(w, laptop, '10.50.0.1').ok).toBe(true);
    expect(ping(w, laptop, '192.168.1.11').ok).toBe(false);
  });

  it('a trunk carries only its allowed VLANs', () => {
    const { w, h1, h2, h3 } = lan();
    const port = (n: typeof h1, tagged: number[]) => ({ ns: n.id, ifindex: link(n, 'eth0').ifindex, vlan: null, tagged, filtersUnknownMacs: false, promisc: false });
    // A managed switch: h1 and h3 trunk both VLANs, h2's port carries only 60.
    w.segments = { lan: { name: 'lan', vlans: [50, 60], hairpin: false, allowPromisc: true, ports: [port(h1, [50, 60]), port(h2, [60]), port(h3, [50, 60])] } };
    w.netVersion++;
    expect(ping(w, h1, '10.50.0.2').ok).toBe(false);
    expect(ping(w, h1, '192.168.1.12').ok).toBe(true);
  });

  it('a sub-interface whose parent is down has no carrier and sends nothing', () => {
    const { w, h1 } = lan();
    link(h1, 'eth0').up = false;
    w.netVersion++;
    expect(ping(w, h1, '10.50.0.2').ok).toBe(false);
  });
});
