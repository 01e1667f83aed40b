import { describe, expect, it } from 'vitest';
import { addr, nic, ns, ping, testWorld } from '../testkit';
import { addRoute } from '../netns';
import { addIpvlan } from './ipvlan';

type Mode = 'l2' | 'l3' | 'l3s';

function lan(mode: Mode, flag: 'bridge' | 'private' | 'vepa' = 'bridge') {
  const w = testWorld();
  const h1 = ns(w, 'h1');
  const laptop = ns(w, 'laptop', 'machine');
  const eth0 = nic(w, h1, 'eth0', 'lan', '192.168.1.11/24');
  nic(w, laptop, 'eth0', 'lan', '192.168.1.100/24');
  const c1 = ns(w, 'c1', 'container');
  const c2 = ns(w, 'c2', 'container');
  const net = mode === 'l2' ? '192.168.1' : '10.1.1';
  const i1 = addr(w, c1, addIpvlan(w, c1, h1, eth0, { name: 'eth0', mode, flag }), `${net}.201/24`);
  const i2 = addr(w, c2, addIpvlan(w, c2, h1, eth0, { name: 'eth0', mode, flag }), `${net}.202/24`);
  if (mode !== 'l2') for (const c of [c1, c2]) addRoute(w, c, { dst: 'default', dev: 'eth0' });
  return { w, h1, laptop, c1, c2, i1, i2, eth0 };
}

describe('ipvlan l2: children share the parent MAC', () => {
  it('children reach each other and the LAN; the host and its children cannot ARP each other', () => {
    const { w, h1, laptop, c1, c2 } = lan('l2');
    expect(ping(w, c1, '192.168.1.202').ok).toBe(true);
    expect(ping(w, laptop, '192.168.1.201').ok).toBe(true);
    expect(ping(w, c2, '192.168.1.100').ok).toBe(true);
    expect(ping(w, h1, '192.168.1.201').ok).toBe(false);
    expect(ping(w, c1, '192.168.1.11').ok).toBe(false);
  });

  it('the LAN learns the host NIC MAC for every child', () => {
    const { w, laptop, eth0, i1 } = lan('l2');
    ping(w, laptop, '192.168.1.201');
    expect(i1.mac).toBe(eth0.mac);
    expect(laptop.neigh?.['192.168.1.201']?.mac).toBe(eth0.mac);
  });

  it('private: children do not talk to each other', () => {
    const { w, c1, laptop } = lan('l2', 'private');
    expect(ping(w, c1, '192.168.1.202').ok).toBe(false);
    expect(ping(w, laptop, '192.168.1.202').ok).toBe(true);
  });
});

describe('ipvlan l3: routed by the host, no ARP', () => {
  it('the LAN reaches a child only through a route via the host', () => {
    const { w, laptop } = lan('l3');
    const none = ping(w, laptop, '10.1.1.201');
    expect(none.there.ok ? '' : none.there.reason).toBe('net-unreachable');
    addRoute(w, laptop, { dst: '10.1.1.0/24', dev: 'eth0' });
    expect(ping(w, laptop, '10.1.1.201').ok).toBe(false);
    laptop.routes = laptop.routes.filter((r) => r.dst !== '10.1.1.0/24');
    addRoute(w, laptop, { dst: '10.1.1.0/24', via: '192.168.1.11', dev: 'eth0' });
    const r = ping(w, laptop, '10.1.1.201');
    expect(r.ok).toBe(true);
    expect(r.there.ok && r.there.hops).toBe(0);
  });

  it('children reach each other directly, and the LAN through the host (whose OUTPUT applies)', () => {
    const { w, h1, c1, laptop } = lan('l3');
    expect(ping(w, c1, '10.1.1.202').ok).toBe(true);
    // The answer needs the LAN to know the way back, as anything routed does.
    expect(ping(w, c1, '192.168.1.100').ok).toBe(false);
    addRoute(w, laptop, { dst: '10.1.1.0/24', via: '192.168.1.11', dev: 'eth0' });
    expect(ping(w, c1, '192.168.1.100').ok).toBe(true);
    h1.nf.filter.find((c) => c.name === 'OUTPUT')!.rules = [{ match: { dst: '192.168.1.100/32' }, target: 'DROP' }];
    const r = ping(w, c1, '192.168.1.100');
    expect(r.ok).toBe(false);
    expect(r.there.ok ? '' : r.there.where).toBe('h1: filter OUTPUT DROP');
  });

  it('l3s: packets for a child meet the host INPUT chain first; l3 bypasses it', () => {
    for (const mode of ['l3', 'l3s'] as const) {
      const { w, h1, laptop } = lan(mode);
      addRoute(w, laptop, { dst: '10.1.1.0/24', via: '192.168.1.11', dev: 'eth0' });
      h1.nf.filter.find((c) => c.name === 'INPUT')!.rules = [{ match: { dst: '10.1.1.201/32' }, target: 'DROP' }];
      expect(ping(w, laptop, '10.1.1.201').ok).toBe(mode === 'l3');
    }
  });
});
