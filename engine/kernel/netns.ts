import { broadcastOf, networkOf } from '../util/ipv4';
import type { Addr, Link, LinkKind, NetNs, NsKind, Route } from './types';
import { emptyNetfilter } from './netfilter';
import type { NetWorld } from './world';
import { shapedNetfilter } from './nf-shape';

export type { NetWorld } from './world';

export function createNs(world: NetWorld, id: string, kind: NsKind, hostname: string): NetNs {
  const ns: NetNs = {
    id,
    kind,
    hostname,
    links: [],
    routes: [],
    ipForward: false,
    nf: emptyNetfilter(),
    listeners: [],
    nextIfindex: 1,
    ttl: 64,
    // Present from the start (see blankLink): namespaces of every kind keep one shape.
    neigh: undefined,
    ipvs: undefined,
    bridgeNfCall: undefined,
  };
  world.netns[id] = ns;
  addLink(world, ns, { name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536 });
  const lo = ns.links[0]!;
  lo.up = true;
  lo.addrs.push({ ip: '127.0.0.1', prefix: 8, scope: 'host' });
  world.netVersion++;
  return ns;
}

export function deleteNs(world: NetWorld, id: string): void {
  const ns = world.netns[id];
  if (!ns) return;
  for (const link of [...ns.links]) deleteLink(world, ns, link);
  delete world.netns[id];
  world.netVersion++;
}

export interface NewLink {
  name: string;
  kind: LinkKind;
  mac: string;
  mtu?: number;
  ifindex?: number;
}

/**
 * A link with every property a kind may use, in one order. Links of all kinds (and links read back
 * from a snapshot, see canonicalShapes) then share one hidden class, so the packet walk's property
 * reads stay monomorphic: with a shape per kind, a lab that had met overlays walked macvlan
 * traffic half again slower.
 */
function blankLink(ifindex: number, name: string, kind: LinkKind, mac: string, mtu: number): Link {
  return {
    ifindex,
    name,
    kind,
    mac,
    mtu,
    up: false,
    master: null,
    peer: null,
    segment: null,
    lower: null,
    vlanId: null,
    macvlanMode: null,
    vni: null,
    addrs: [],
    qlen: null,
    ipvlanMode: undefined,
    ipvlanFlag: undefined,
    vxlan: undefined,
    fdb: undefined,
    promisc: undefined,
    hadCarrier: undefined,
    stats: undefined,
  };
}

/** After a world is read from JSON (a restore, the checker's copy): every link and namespace in the common shape. */
export function canonicalShapes(world: NetWorld): void {
  for (const [id, ns] of Object.entries(world.netns)) {
    ns.links = ns.links.map((l) => Object.assign(blankLink(l.ifindex, l.name, l.kind, l.mac, l.mtu), l));
    const shaped = Object.assign(blankNs(ns), ns);
    shaped.nf = shapedNetfilter(ns.nf);
    world.netns[id] = shaped;
  }
}

function blankNs(ns: NetNs): NetNs {
  return {
    id: ns.id,
    kind: ns.kind,
    hostname: ns.hostname,
    links: ns.links,
    routes: ns.routes,
    ipForward: ns.ipForward,
    nf: ns.nf,
    listeners: ns.listeners,
    nextIfindex: ns.nextIfindex,
    ttl: ns.ttl,
    neigh: undefined,
    ipvs: undefined,
    bridgeNfCall: undefined,
  };
}

export function addLink(world: NetWorld, ns: NetNs, spec: NewLink): Link {
  const link = blankLink(spec.ifindex ?? ns.nextIfindex, spec.name, spec.kind, spec.mac, spec.mtu ?? 1500);
  link.qlen = spec.kind === 'loopback' || spec.kind === 'ether' ? 1000 : null;
  ns.nextIfindex = Math.max(ns.nextIfindex, link.ifindex + 1);
  ns.links.push(link);
  // Any kind but these may be given a lower device by its maker (vlan, macvlan, ipvlan...).
  if (spec.kind !== 'veth' && spec.kind !== 'loopback') UPPERS.delete(world);
  world.netVersion++;
  return link;
}

/**
 * Links that sit on a lower device, found with one scan of the world and kept until a link that
 * could be one is added or moved: deleting a link looks its uppers up here instead of scanning
 * every namespace (thousands of containers would make each removal cost the whole world).
 */
const UPPERS = new WeakMap<NetWorld, { ns: string; link: Link }[]>();

function uppersOf(world: NetWorld): { ns: string; link: Link }[] {
  let list = UPPERS.get(world);
  if (!list) {
    list = [];
    for (const ns of Object.values(world.netns)) for (const link of ns.links) if (link.lower) list.push({ ns: ns.id, link });
    UPPERS.set(world, list);
  }
  return list;
}

/**
 * Creates a veth pair: `a` in nsA and `b` in nsB. Callers pass ifindexes from the host kernel's
 * counter, as Linux numbers both ends from one counter: that is why a container's eth0 shows
 * `@ifN` with the host end's index.
 */
export function addVethPair(
  world: NetWorld,
  nsA: NetNs,
  a: { name: string; mac: string; mtu?: number; ifindex?: number },
  nsB: NetNs,
  b: { name: string; mac: string; mtu?: number; ifindex?: number },
): [Link, Link] {
  const la = addLink(world, nsA, { name: a.name, kind: 'veth', mac: a.mac, mtu: a.mtu, ifindex: a.ifindex });
  const lb = addLink(world, nsB, { name: b.name, kind: 'veth', mac: b.mac, mtu: b.mtu, ifindex: b.ifindex });
  la.peer = { ns: nsB.id, ifindex: lb.ifindex };
  lb.peer = { ns: nsA.id, ifindex: la.ifindex };
  return [la, lb];
}

// Loops rather than find(…): walks look links up on every packet.
export function linkByName(ns: NetNs, name: string): Link | undefined {
  for (const l of ns.links) if (l.name === name) return l;
  return undefined;
}

export function linkByIndex(ns: NetNs, ifindex: number): Link | undefined {
  for (const l of ns.links) if (l.ifindex === ifindex) return l;
  return undefined;
}

/** Removes a link with everything that hangs off it: its routes, its veth peer, its bridge ports' master. */
export function deleteLink(world: NetWorld, ns: NetNs, link: Link): void {
  const i = ns.links.indexOf(link);
  if (i < 0) return;
  ns.links.splice(i, 1);
  ns.routes = ns.routes.filter((r) => r.dev !== link.name);
  for (const other of ns.links) if (other.master === link.ifindex) other.master = null;
  if (link.master !== null) forgetPort(ns, link);
  if (link.peer) {
    const peerNs = world.netns[link.peer.ns];
    const peer = peerNs && linkByIndex(peerNs, link.peer.ifindex);
    link.peer = null;
    if (peerNs && peer) deleteLink(world, peerNs, peer);
  }
  // Upper devices (vlan on eth0, macvlan children) die with their lower device, as in Linux.
  for (const { ns: at, link: up } of uppersOf(world)) {
    if (!up.lower || up.lower.ns !== ns.id || up.lower.ifindex !== link.ifindex) continue;
    const other = world.netns[at];
    if (other && other.links.includes(up)) deleteLink(world, other, up);
  }
  world.netVersion++;
}

/** Adds an address and, like the kernel, the connected route for its subnet. */
export function addAddr(world: NetWorld, ns: NetNs, link: Link, addr: Addr): void {
  link.addrs.push(addr);
  if (addr.prefix < 32 && addr.scope === 'global') {
    ns.routes.push({
      dst: `${networkOf(addr.ip, addr.prefix)}/${addr.prefix}`,
      via: null,
      dev: link.name,
      src: addr.ip,
      proto: 'kernel',
      scope: 'link',
      metric: null,
    });
  }
  world.netVersion++;
}

export function delAddr(world: NetWorld, ns: NetNs, link: Link, ip: string): void {
  const a = link.addrs.find((x) => x.ip === ip);
  if (!a) return;
  link.addrs = link.addrs.filter((x) => x !== a);
  const net = `${networkOf(a.ip, a.prefix)}/${a.prefix}`;
  ns.routes = ns.routes.filter((r) => !(r.dev === link.name && r.proto === 'kernel' && r.dst === net));
  world.netVersion++;
}

export function addRoute(world: NetWorld, ns: NetNs, route: Partial<Route> & { dst: string; dev: string }): void {
  ns.routes.push({ via: null, src: null, proto: null, scope: null, metric: null, ...route });
  world.netVersion++;
}

export function brdOf(a: Addr): string | null {
  return a.prefix < 31 ? broadcastOf(a.ip, a.prefix) : null;
}

/** A bridge forgets what it learned behind a port that leaves it (br_fdb_delete_by_port). */
function forgetPort(ns: NetNs, port: Link): void {
  const br = port.master !== null ? linkByIndex(ns, port.master) : undefined;
  const fdb = br?.fdb;
  if (!fdb) return;
  for (const mac of Object.keys(fdb)) if (fdb[mac] === port.ifindex) delete fdb[mac];
}

/** `ip link set PORT master BR` (null: nomaster). */
export function setMaster(world: NetWorld, ns: NetNs, port: Link, br: Link | null): void {
  if (port.master !== null) forgetPort(ns, port);
  port.master = br ? br.ifindex : null;
  if (br && br.kind === 'bridge' && br.up && port.up) br.hadCarrier = true;
  world.netVersion++;
}

/**
 * `ip link set DEV netns NS [name NEW]`: the device moves with its MAC and kind; its addresses and
 * routes stay behind (the kernel flushes them), and whatever pointed at it (a veth peer, upper
 * devices) follows. The ifindex is kept when it is free in the new namespace.
 */
export function moveLink(world: NetWorld, from: NetNs, link: Link, to: NetNs, newName?: string): Link {
  const i = from.links.indexOf(link);
  if (i < 0) return link;
  const oldIndex = link.ifindex;
  if (link.master !== null) forgetPort(from, link);
  from.links.splice(i, 1);
  from.routes = from.routes.filter((r) => r.dev !== link.name);
  for (const other of from.links) if (other.master === oldIndex) other.master = null;
  link.master = null;
  link.addrs = [];
  link.up = false;
  if (newName) link.name = newName;
  if (to.links.some((l) => l.ifindex === oldIndex)) link.ifindex = to.nextIfindex;
  to.nextIfindex = Math.max(to.nextIfindex, link.ifindex + 1);
  to.links.push(link);
  UPPERS.delete(world);
  for (const ns of Object.values(world.netns)) {
    for (const l of ns.links) {
      if (l.peer && l.peer.ns === from.id && l.peer.ifindex === oldIndex && l !== link) l.peer = { ns: to.id, ifindex: link.ifindex };
      if (l.lower && l.lower.ns === from.id && l.lower.ifindex === oldIndex) l.lower = { ns: to.id, ifindex: link.ifindex };
    }
  }
  world.netVersion++;
  return link;
}
