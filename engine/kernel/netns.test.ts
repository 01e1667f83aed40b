import { describe, expect, it } from 'vitest';
import { addr, mac, nic, ns, ping, testWorld } from './testkit';
import { addLink, canonicalShapes } from './netns';
import { addMacvlan } from './links/macvlan';
import type { NetWorld } from './world';

function keysOfEveryLink(w: NetWorld): string[] {
  return [...new Set(Object.values(w.netns).flatMap((n) => n.links.map((l) => Object.keys(l).join(','))))];
}

function keysOfEveryNs(w: NetWorld): string[] {
  return [...new Set(Object.values(w.netns).map((n) => Object.keys(n).join(',')))];
}

describe('links and namespaces keep one shape (what keeps the packet walk monomorphic)', () => {
  it('links of every kind, used or not, carry the same properties in the same order', () => {
    const w = testWorld();
    const h1 = ns(w, 'h1');
    const h2 = ns(w, 'h2');
    const eth0 = nic(w, h1, 'eth0', 'lan', '192.168.1.11/24');
    nic(w, h2, 'eth0', 'lan', '192.168.1.12/24');
    const c1 = ns(w, 'c1', 'container');
    addr(w, c1, addMacvlan(w, c1, h1, eth0, { name: 'eth0', mac: mac(), mode: 'bridge' }), '192.168.1.201/24');
    addLink(w, h1, { name: 'br0', kind: 'bridge', mac: mac() });
    addLink(w, h1, { name: 'dm0', kind: 'dummy', mac: mac() });
    // Traffic gives links their counters and namespaces their neighbour caches.
    expect(ping(w, c1, '192.168.1.12').ok).toBe(true);
    expect(keysOfEveryLink(w)).toHaveLength(1);
    expect(keysOfEveryNs(w)).toHaveLength(1);
  });

  it('a world read back from JSON gets the same shapes again, and still works', () => {
    const w = testWorld();
    const h1 = ns(w, 'h1');
    const h2 = ns(w, 'h2');
    nic(w, h1, 'eth0', 'lan', '192.168.1.11/24');
    nic(w, h2, 'eth0', 'lan', '192.168.1.12/24');
    expect(ping(w, h1, '192.168.1.12').ok).toBe(true);
    const fresh = keysOfEveryLink(w);
    const copy = JSON.parse(JSON.stringify(w)) as NetWorld;
    // JSON drops the properties left undefined: shapes differ until canonicalShapes.
    expect(keysOfEveryLink(copy).length).toBeGreaterThan(1);
    canonicalShapes(copy);
    expect(keysOfEveryLink(copy)).toEqual(fresh);
    expect(keysOfEveryNs(copy)).toEqual(keysOfEveryNs(w));
    expect(ping(copy, copy.netns['h1']!, '192.168.1.12').ok).toBe(true);
  });
});
