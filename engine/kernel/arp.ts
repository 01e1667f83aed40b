import { addrIndex } from './addr-index';
import { l2xmit } from './links/l2';
import { REACHED, type L2 } from './links/types';
import type { Link, NetNs } from './types';
import type { EndpointRef, Frame, Pkt } from './walk-types';
import type { NetWorld } from './world';
import { globalAddr } from './link-addr';

/**
 * ARP: which device answers for a next hop. The address index names the candidates (every link
 * holding the address, anywhere); a silent probe frame with broadcast rules then walks the links
 * from the sender to see which candidate the request would really reach (through bridges,
 * switches and VLANs, past macvlan and ipvlan filters, over VXLAN tunnels). Answers are kept per
 * netVersion, as a kernel keeps neighbour entries until the topology changes.
 */

interface ArpCache {
  version: number;
  byLink: Map<Link, Map<string, EndpointRef | null>>;
}

const caches = new WeakMap<NetWorld, ArpCache>();

function cacheOf(world: NetWorld): ArpCache {
  let c = caches.get(world);
  if (!c || c.version !== world.netVersion) {
    c = { version: world.netVersion, byLink: new Map() };
    caches.set(world, c);
  }
  return c;
}

export function sourceAddrOn(out: Link): string {
  return globalAddr(out)?.ip ?? out.addrs[0]?.ip ?? '0.0.0.0';
}

/** A packet for ARP frames: who asks (src) for whom (dst). */
export function arpPacket(src: string, dst: string, count: boolean): Pkt {
  return {
    src,
    dst,
    proto: 'icmp',
    dport: null,
    sport: null,
    inIf: null,
    outIf: null,
    ctstate: 'NEW',
    dstLocal: false,
    mark: 0,
    ipvs: false,
    len: 28,
    count,
    reply: false,
    ttl: 64,
    hops: 0,
    nat: [],
    origSrc: src,
    lanHops: 0,
    routers: [],
    path: [],
    encap: null,
  };
}

function probe(k: L2, ns: NetNs, out: Link, nextHop: string, want: EndpointRef): boolean {
  const f: Frame = {
    src: out.mac,
    dst: want.link.mac,
    vlan: null,
    arp: 'request',
    bcast: true,
    pkt: arpPacket(sourceAddrOn(out), nextHop, false),
    want,
    dry: true,
    reached: null,
  };
  return l2xmit(k, ns, out, f) === REACHED && f.reached !== null;
}

/** The device that answers ARP for `nextHop` on `out`, or null when nobody does. */
export function resolveNeighbour(k: L2, ns: NetNs, out: Link, nextHop: string): EndpointRef | null {
  const cache = cacheOf(k.world);
  let perLink = cache.byLink.get(out);
  if (!perLink) cache.byLink.set(out, (perLink = new Map()));
  const hit = perLink.get(nextHop);
  if (hit !== undefined) return hit;
  let found: EndpointRef | null = null;
  for (const o of addrIndex(k.world).owners.get(nextHop) ?? []) {
    if ((o.ns === ns && o.link === out) || !o.link.up) continue;
    if (probe(k, ns, out, nextHop, o)) {
      found = o;
      break;
    }
  }
  perLink.set(nextHop, found);
  return found;
}

/**
 * The ARP exchange itself, when the sender's neighbour cache does not know the next hop yet: the
 * broadcast request and the unicast reply cross the same links as real frames, so bridges learn
 * both MACs and captures see `ARP, Request who-has …` and `ARP, Reply … is-at …`.
 */
export function arpExchange(k: L2, ns: NetNs, out: Link, nextHop: string, target: EndpointRef): void {
  const asker = sourceAddrOn(out);
  const request: Frame = {
    src: out.mac,
    dst: target.link.mac,
    vlan: null,
    arp: 'request',
    bcast: true,
    pkt: arpPacket(asker, nextHop, true),
    want: target,
    dry: false,
    reached: null,
  };
  // A proxy (a vxlan device answering from its neighbour table) replies on the spot.
  if (l2xmit(k, ns, out, request) !== REACHED || request.reached?.link !== target.link) return;
  const reply: Frame = {
    src: target.link.mac,
    dst: out.mac,
    vlan: null,
    arp: 'reply',
    bcast: false,
    pkt: arpPacket(nextHop, asker, true),
    want: { ns, link: out },
    dry: false,
    reached: null,
  };
  l2xmit(k, target.ns, target.link, reply);
}
