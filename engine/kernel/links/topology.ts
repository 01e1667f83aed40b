import type { NetWorld } from '../world';
import type { Link, NetNs } from '../types';
import type { LinkRef } from '../addr-index';

/**
 * How links hang together, for the walk's hot path: a veth's peer, a child's lower device, the
 * ports of a bridge, the upper devices on a lower one, the NICs on a segment, the vxlan devices
 * behind a UDP port. Rebuilt lazily when the world's netVersion moves (links, masters, lowers
 * and addresses all bump it), so each hop is a map lookup instead of a scan of a namespace.
 */

/** Devices stacked on one lower device (a NIC, a vlan sub-interface, a dummy). */
export interface Uppers {
  vlans: Map<number, LinkRef>;
  macvlans: Map<string, LinkRef>;
  /** Every macvlan child, oldest first. */
  macvlanList: LinkRef[];
  passthru: LinkRef | null;
  ipvlans: LinkRef[];
  /** ipvlan children by address (they share the lower's MAC, so the lower demuxes by IP). */
  ipvlanByIp: Map<string, LinkRef>;
}

export interface Topology {
  version: number;
  nsOf: Map<Link, NetNs>;
  peerOf: Map<Link, LinkRef>;
  lowerOf: Map<Link, LinkRef>;
  /** Bridge -> its ports, in the order they were enslaved. */
  ports: Map<Link, Link[]>;
  /** Port -> its bridge. */
  masterOf: Map<Link, Link>;
  uppers: Map<Link, Uppers>;
  /** Segment name -> the NICs plugged into it. */
  segments: Map<string, LinkRef[]>;
  /** `${underlayNs}|${dstport}|${vni}` -> the vxlan device whose socket receives there. */
  vxlanSockets: Map<string, LinkRef>;
}

const cache = new WeakMap<NetWorld, Topology>();

function emptyUppers(): Uppers {
  return { vlans: new Map(), macvlans: new Map(), macvlanList: [], passthru: null, ipvlans: [], ipvlanByIp: new Map() };
}

export function topology(world: NetWorld): Topology {
  const hit = cache.get(world);
  if (hit && hit.version === world.netVersion) return hit;
  const t: Topology = {
    version: world.netVersion,
    nsOf: new Map(),
    peerOf: new Map(),
    lowerOf: new Map(),
    ports: new Map(),
    masterOf: new Map(),
    uppers: new Map(),
    segments: new Map(),
    vxlanSockets: new Map(),
  };
  const byIndex = new Map<string, Map<number, Link>>();
  for (const ns of Object.values(world.netns)) {
    const m = new Map<number, Link>();
    for (const l of ns.links) {
      m.set(l.ifindex, l);
      t.nsOf.set(l, ns);
    }
    byIndex.set(ns.id, m);
  }
  const find = (nsId: string, ifindex: number): LinkRef | null => {
    const ns = world.netns[nsId];
    const link = byIndex.get(nsId)?.get(ifindex);
    return ns && link ? { ns, link } : null;
  };
  for (const ns of Object.values(world.netns)) {
    const local = byIndex.get(ns.id)!;
    for (const l of ns.links) {
      if (l.peer) {
        const p = find(l.peer.ns, l.peer.ifindex);
        if (p) t.peerOf.set(l, p);
      }
      if (l.master !== null) {
        const br = local.get(l.master);
        if (br) {
          t.masterOf.set(l, br);
          const list = t.ports.get(br);
          if (list) list.push(l);
          else t.ports.set(br, [l]);
        }
      }
      if (l.segment && l.kind === 'ether') {
        const list = t.segments.get(l.segment);
        const ref = { ns, link: l };
        if (list) list.push(ref);
        else t.segments.set(l.segment, [ref]);
      }
      if (l.kind === 'vxlan' && l.vxlan && l.vni !== null) {
        t.vxlanSockets.set(`${l.vxlan.underlay}|${l.vxlan.dstport}|${l.vni}`, { ns, link: l });
      }
      if (!l.lower) continue;
      const lower = find(l.lower.ns, l.lower.ifindex);
      if (!lower) continue;
      t.lowerOf.set(l, lower);
      let up = t.uppers.get(lower.link);
      if (!up) t.uppers.set(lower.link, (up = emptyUppers()));
      const ref = { ns, link: l };
      if (l.kind === 'vlan' && l.vlanId !== null) up.vlans.set(l.vlanId, ref);
      else if (l.kind === 'macvlan') {
        up.macvlans.set(l.mac, ref);
        up.macvlanList.push(ref);
        if (l.macvlanMode === 'passthru') up.passthru = ref;
      } else if (l.kind === 'ipvlan') {
        up.ipvlans.push(ref);
        for (const a of l.addrs) up.ipvlanByIp.set(a.ip, ref);
      }
    }
  }
  cache.set(world, t);
  return t;
}

export function nsOfLink(world: NetWorld, link: Link): NetNs | undefined {
  return topology(world).nsOf.get(link);
}
