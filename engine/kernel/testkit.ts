import { addAddr, addLink, addRoute, addVethPair, createNs, linkByName } from './netns';
import { roundTrip, type RoundTrip } from './deliver';
import type { Link, NetNs, NsKind } from './types';
import type { NetWorld } from './world';

/**
 * Small hand-built worlds for the kernel's own tests: namespaces, NICs on a segment, veths and
 * bridges, without Docker. Every MAC is distinct and readable (02:00:00:00:<ns>:<n>).
 */

export type TestWorld = NetWorld & { clock: number };

export function testWorld(): TestWorld {
  return { netns: {}, netVersion: 0, clock: 0, segments: {} };
}

let macSeq = 0;

export function mac(): string {
  macSeq++;
  return `02:00:00:00:${((macSeq >> 8) & 255).toString(16).padStart(2, '0')}:${(macSeq & 255).toString(16).padStart(2, '0')}`;
}

export function ns(w: NetWorld, id: string, kind: NsKind = 'host', opts: { forward?: boolean } = {}): NetNs {
  const n = createNs(w, id, kind, id);
  n.ipForward = opts.forward ?? false;
  return n;
}

/** ip/prefix on a link, up, with its connected route. */
export function addr(w: NetWorld, n: NetNs, link: Link, cidr: string): Link {
  const [ip, prefix] = cidr.split('/');
  addAddr(w, n, link, { ip: ip!, prefix: Number(prefix ?? 32), scope: 'global' });
  link.up = true;
  w.netVersion++;
  return link;
}

/** A NIC plugged into `segment`. */
export function nic(w: NetWorld, n: NetNs, name: string, segment: string, cidr?: string): Link {
  const l = addLink(w, n, { name, kind: 'ether', mac: mac() });
  l.segment = segment;
  l.up = true;
  if (cidr) addr(w, n, l, cidr);
  return l;
}

export function bridge(w: NetWorld, n: NetNs, name: string, cidr?: string): Link {
  const br = addLink(w, n, { name, kind: 'bridge', mac: mac() });
  br.up = true;
  if (cidr) addr(w, n, br, cidr);
  return br;
}

/** A namespace on a bridge through a veth pair: `eth0` inside with `cidr`, `veth-<id>` on the bridge. */
export function attach(w: NetWorld, host: NetNs, br: Link, inner: NetNs, cidr: string, gw?: string): { eth0: Link; port: Link } {
  const [eth0, port] = addVethPair(w, inner, { name: 'eth0', mac: mac() }, host, { name: `veth-${inner.id}`, mac: mac() });
  port.master = br.ifindex;
  port.up = true;
  addr(w, inner, eth0, cidr);
  if (gw) addRoute(w, inner, { dst: 'default', via: gw, dev: 'eth0' });
  w.netVersion++;
  return { eth0, port };
}

export function ping(w: NetWorld, from: NetNs, dst: string): RoundTrip {
  return roundTrip(w, from, { proto: 'icmp', dst, dport: null });
}

export function link(n: NetNs, name: string): Link {
  const l = linkByName(n, name);
  if (!l) throw new Error(`no ${name} in ${n.id}`);
  return l;
}
