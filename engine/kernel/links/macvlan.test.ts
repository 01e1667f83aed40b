import { describe, expect, it } from 'vitest';
import { addr, mac, nic, ns, ping, testWorld } from '../testkit';
import { addLink, addRoute } from '../netns';
import { addMacvlan, type MacvlanMode } from './macvlan';
import { openTap, type CapturedFrame } from '../taps';

/** host1 with two macvlan children (c1, c2) on eth0; host2 and a laptop on the same LAN. */
function lan(mode: MacvlanMode, hairpin = false) {
  const w = testWorld();
  if (hairpin) w.segments = { lan: { name: 'lan', vlans: [], hairpin: true, allowPromisc: true, ports: [] } };
  const h1 = ns(w, 'h1');
  const h2 = ns(w, 'h2');
  const laptop = ns(w, 'laptop', 'machine');
  const eth0 = nic(w, h1, 'eth0', 'lan', '192.168.1.11/24');
  nic(w, h2, 'eth0', 'lan', '192.168.1.12/24');
  nic(w, laptop, 'eth0', 'lan', '192.168.1.100/24');
  const c1 = ns(w, 'c1', 'container');
  const c2 = ns(w, 'c2', 'container');
  const m1 = addr(w, c1, addMacvlan(w, c1, h1, eth0, { name: 'eth0', mac: mac(), mode }), '192.168.1.201/24');
  const m2 = addr(w, c2, addMacvlan(w, c2, h1, eth0, { name: 'eth0', mac: mac(), mode }), '192.168.1.202/24');
  return { w, h1, h2, laptop, c1, c2, m1, m2, eth0 };
}

describe('macvlan children: machines of their own on the parent wire', () => {
  it('bridge mode: children reach each other and the LAN, never their own host (both ways)', () => {
    const { w, h1, h2, laptop, c1, c2 } = lan('bridge');
    expect(ping(w, c1, '192.168.1.202').ok).toBe(true);
    expect(ping(w, c1, '192.168.1.12').ok).toBe(true);
    expect(ping(w, laptop, '192.168.1.201').ok).toBe(true);
    expect(ping(w, h2, '192.168.1.202').ok).toBe(true);
    expect(ping(w, h1, '192.168.1.201').ok).toBe(false);
    expect(ping(w, c2, '192.168.1.11').ok).toBe(false);
  });

  it('the LAN sees each child with its own MAC', () => {
    const { w, laptop, m1 } = lan('bridge');
    ping(w, laptop, '192.168.1.201');
    expect(laptop.neigh?.['192.168.1.201']).toEqual({ dev: 'eth0', mac: m1.mac });
  });

  it('private mode: no child-to-child traffic, even when the switch hairpins', () => {
    for (const hairpin of [false, true]) {
      const { w, c1, laptop } = lan('private', hairpin);
      expect(ping(w, c1, '192.168.1.202').ok).toBe(false);
      expect(ping(w, laptop, '192.168.1.202').ok).toBe(true);
    }
  });

  it('vepa mode: child-to-child only through a switch that hairpins', () => {
    expect(ping(lan('vepa').w, lan('vepa').c1, '192.168.1.202').ok).toBe(false);
    const { w, c1 } = lan('vepa', true);
    expect(ping(w, c1, '192.168.1.202').ok).toBe(true);
  });

  it('passthru: the one child owns the parent and gets all it receives', () => {
    const w = testWorld();
    const h1 = ns(w, 'h1');
    const laptop = ns(w, 'laptop', 'machine');
    const eth0 = nic(w, h1, 'eth0', 'lan');
    nic(w, laptop, 'eth0', 'lan', '192.168.1.100/24');
    const c = ns(w, 'c', 'container');
    addr(w, c, addMacvlan(w, c, h1, eth0, { name: 'eth0', mac: mac(), mode: 'passthru' }), '192.168.1.50/24');
    expect(ping(w, laptop, '192.168.1.50').ok).toBe(true);
  });

  it('the shim: a macvlan of the host itself reaches the children', () => {
    const { w, h1, eth0 } = lan('bridge');
    const shim = addMacvlan(w, h1, h1, eth0, { name: 'mac0', mac: mac(), mode: 'bridge' });
    addr(w, h1, shim, '192.168.1.250/32');
    addRoute(w, h1, { dst: '192.168.1.200/29', dev: 'mac0' });
    expect(ping(w, h1, '192.168.1.201').ok).toBe(true);
  });

  it('a parent without a wire (a dummy, Docker without -o parent) still switches its bridge-mode children', () => {
    const w = testWorld();
    const h1 = ns(w, 'h1');
    const dummy = addLink(w, h1, { name: 'dm-0123456789ab', kind: 'dummy', mac: mac() });
    dummy.up = true;
    const c1 = ns(w, 'c1', 'container');
    const c2 = ns(w, 'c2', 'container');
    addr(w, c1, addMacvlan(w, c1, h1, dummy, { name: 'eth0', mac: mac() }), '172.18.0.2/16');
    addr(w, c2, addMacvlan(w, c2, h1, dummy, { name: 'eth0', mac: mac() }), '172.18.0.3/16');
    expect(ping(w, c1, '172.18.0.3').ok).toBe(true);
  });

  it('captures on the parent see the children traffic it carries', () => {
    const { w, h1, laptop } = lan('bridge');
    const seen: CapturedFrame[] = [];
    openTap(w, { ns: h1.id, dev: 'eth0' }, (f) => seen.push(f));
    ping(w, laptop, '192.168.1.201');
    expect(seen.filter((f) => f.ip).map((f) => `${f.dir} ${f.ip!.src}>${f.ip!.dst}`)).toEqual(['in 192.168.1.100>192.168.1.201', 'out 192.168.1.201>192.168.1.100']);
  });
});
