import { addrIndex, domainOf, isLocal, type LinkRef } from './addr-index';
import { evalHook, type NfPacket } from './netfilter';
import type { NetWorld } from './netns';
import { linkByIndex } from './netns';
import { lookupRoute, sourceFor } from './route';
import type { Chain, Link, NetNs, Proto } from './types';

/**
 * The packet walk. A packet leaves a namespace, is routed, crosses links, bridges and netfilter
 * hooks hop by hop, and either arrives somewhere or is lost on the way. Reachability anywhere in
 * Docknet (ping, curl, DNS, the checker's probes) is the outcome of this walk.
 */

export interface Flow {
  proto: Proto;
  dst: string;
  dport: number | null;
  /** Force a source address (e.g. ping -I); otherwise chosen from the route. */
  src?: string;
}

export interface NatEntry {
  ns: string;
  kind: 'snat' | 'dnat';
  from: string;
  to: string;
  fromPort: number | null;
  toPort: number | null;
}

export type FailReason =
  | 'net-unreachable' // no route at the sender: "Network unreachable"
  | 'host-unreachable' // nobody answers ARP, or a router has no route
  | 'dropped' // a netfilter rule or a down link ate it
  | 'ttl'; // a routing loop

export interface WalkOk {
  ok: true;
  ns: NetNs;
  /** Addresses as the receiver sees them (after NAT). */
  src: string;
  dst: string;
  proto: Proto;
  dport: number | null;
  /** The sender's source address before any NAT (what the sender's reply must come back to). */
  origSrc: string;
  /** Routers crossed (each decrements TTL). */
  hops: number;
  nat: NatEntry[];
  trail: string[];
  lanHops: number;
  routers: string[];
}

export interface WalkFail {
  ok: false;
  reason: FailReason;
  trail: string[];
  /** Where the packet died, in words ("host1: filter FORWARD DOCKER-ISOLATION-STAGE-2 DROP"). */
  where: string;
  routers: string[];
}

export type WalkResult = WalkOk | WalkFail;

interface Pkt {
  src: string;
  dst: string;
  proto: Proto;
  dport: number | null;
  reply: boolean;
  ttl: number;
  hops: number;
  nat: NatEntry[];
  trail: string[];
  origSrc: string;
  /** Physical LAN segments crossed, and whether the internet was reached (for round-trip times). */
  lanHops: number;
  /** The address of each router's ingress interface, in order (what traceroute prints). */
  routers: string[];
}

const fail = (p: Pkt, reason: FailReason, where: string): WalkFail => ({ ok: false, reason, trail: p.trail, where, routers: p.routers });

function nfPacket(world: NetWorld, ns: NetNs, p: Pkt, inIf: string | null, outIf: string | null): NfPacket {
  return {
    src: p.src,
    dst: p.dst,
    proto: p.proto,
    dport: p.dport,
    inIf,
    outIf,
    ctstate: p.reply ? 'ESTABLISHED' : 'NEW',
    dstLocal: isLocal(world, ns, p.dst),
  };
}

function applyNat(ns: NetNs, p: Pkt, rule: { target: string; toDestination?: string }, outLink: Link | null): void {
  if (rule.target === 'DNAT' && rule.toDestination) {
    const [ip, port] = rule.toDestination.split(':');
    p.nat.push({ ns: ns.id, kind: 'dnat', from: p.dst, to: ip!, fromPort: p.dport, toPort: port ? Number(port) : p.dport });
    p.dst = ip!;
    if (port) p.dport = Number(port);
  } else if (rule.target === 'MASQUERADE' && outLink) {
    const a = outLink.addrs.find((x) => x.scope === 'global');
    if (a) {
      p.nat.push({ ns: ns.id, kind: 'snat', from: p.src, to: a.ip, fromPort: null, toPort: null });
      p.src = a.ip;
    }
  }
}

/** Conntrack for replies: undo the translations this namespace made on the way out. */
function unNat(ns: NetNs, p: Pkt): void {
  for (const e of p.nat) {
    if (e.ns !== ns.id) continue;
    if (e.kind === 'snat' && p.dst === e.to) p.dst = e.from;
    if (e.kind === 'dnat' && p.src === e.to) p.src = e.from;
  }
}

function hook(world: NetWorld, ns: NetNs, table: Chain[], name: string, p: Pkt, inIf: string | null, outIf: string | null) {
  return evalHook(table, name, nfPacket(world, ns, p, inIf, outIf));
}

type WalkHook = (world: NetWorld) => void;
const beforeWalk = new WeakMap<NetWorld, WalkHook[]>();

/**
 * Lets a layer above bring derived state up to date before packets move in this world (Docker
 * rebuilds its iptables rules lazily). The composition root installs it per world, so labs never
 * share hooks and importing a module changes nothing.
 */
export function onBeforeWalk(world: NetWorld, hook: WalkHook): void {
  const list = beforeWalk.get(world);
  if (list) list.push(hook);
  else beforeWalk.set(world, [hook]);
}

/** Brings derived state (a daemon's lazily rebuilt iptables) up to date, for the walk or for a reader such as `iptables -L`. */
export function syncDerived(world: NetWorld): void {
  const hooks = beforeWalk.get(world);
  if (hooks) for (const h of hooks) h(world);
}

/** Sends a packet that a process in `from` creates. */
export function sendFrom(world: NetWorld, from: NetNs, flow: Flow): WalkResult {
  syncDerived(world);
  const p: Pkt = {
    src: flow.src ?? '',
    dst: flow.dst,
    proto: flow.proto,
    dport: flow.dport,
    reply: false,
    ttl: from.ttl,
    hops: 0,
    nat: [],
    trail: [],
    origSrc: '',
    lanHops: 0,
    routers: [],
  };
  return output(world, from, p);
}

/** Sends the answer to a packet that arrived (same flow, reversed), through conntrack. */
export function replyTo(world: NetWorld, arrived: WalkOk): WalkResult {
  const p: Pkt = {
    src: arrived.dst,
    dst: arrived.src,
    proto: arrived.proto,
    dport: null,
    reply: true,
    ttl: arrived.ns.ttl,
    hops: 0,
    nat: arrived.nat,
    trail: [],
    origSrc: arrived.dst,
    lanHops: 0,
    routers: [],
  };
  unNat(arrived.ns, p);
  return output(world, arrived.ns, p);
}

function output(world: NetWorld, ns: NetNs, p: Pkt): WalkResult {
  if (!p.reply) {
    const r = hook(world, ns, ns.nf.nat, 'OUTPUT', p, null, null);
    if (r.nat) applyNat(ns, p, r.nat, null);
  }
  if (isLocal(world, ns, p.dst)) {
    if (!p.src) p.src = p.dst.startsWith('127.') ? '127.0.0.1' : p.dst;
    if (!p.origSrc) p.origSrc = p.src;
    p.trail.push(`${ns.hostname}: local delivery to ${p.dst}`);
    return arrive(ns, p);
  }
  const route = lookupRoute(ns, p.dst);
  if (!route) return fail(p, 'net-unreachable', `${ns.hostname}: no route to ${p.dst}`);
  if (!p.src) p.src = sourceFor(ns, route) ?? '0.0.0.0';
  if (!p.origSrc) p.origSrc = p.src;
  const out = ns.links.find((l) => l.name === route.dev)!;
  const f = hook(world, ns, ns.nf.filter, 'OUTPUT', p, null, out.name);
  if (f.verdict === 'DROP') return fail(p, 'dropped', `${ns.hostname}: filter ${f.decidedBy}`);
  if (!p.reply) {
    const n = hook(world, ns, ns.nf.nat, 'POSTROUTING', p, null, out.name);
    if (n.nat) applyNat(ns, p, n.nat, out);
  }
  p.trail.push(`${ns.hostname}: out ${out.name}${route.via ? ` via ${route.via}` : ''}`);
  return transmit(world, ns, out, route.via ?? p.dst, p);
}

function transmit(world: NetWorld, ns: NetNs, out: Link, nextHop: string, p: Pkt): WalkResult {
  if (!out.up) return fail(p, 'dropped', `${ns.hostname}: ${out.name} is down`);
  const idx = addrIndex(world);
  const domain = domainOf(world, ns, out, idx);
  const owners = idx.owners.get(nextHop);
  let target: LinkRef | undefined;
  if (owners) {
    for (const o of owners) {
      if (o.domain !== domain || (o.ns === ns && o.link === out) || !o.link.up) continue;
      target = o;
      break;
    }
  }
  if (!target) return fail(p, 'host-unreachable', `${ns.hostname}: no neighbour ${nextHop} on ${out.name}`);
  // ARP: the sender learns the next hop's MAC, and the receiver learns the sender's.
  learnNeighbour(ns, nextHop, out.name, target.link.mac);
  const from = out.addrs.find((a) => a.scope === 'global')?.ip;
  if (from) learnNeighbour(target.ns, from, target.link.name, out.mac);
  if (domain.startsWith('seg:') || domain.startsWith('vxlan:')) p.lanHops++;
  if (macvlanFiltered(ns, out, target)) {
    return fail(p, 'host-unreachable', `${ns.hostname}: macvlan traffic to its parent's address is filtered`);
  }
  // A frame crossing a bridge between two of its ports passes the bridge host's FORWARD hook
  // (br_netfilter), which is where Docker's ICC and isolation rules act on bridged traffic.
  const brMatch = /^br:(.*):(\d+)$/.exec(domain);
  if (brMatch) {
    const [, brNsId, brIndex] = brMatch;
    const brNs = world.netns[brNsId!];
    const br = brNs && linkByIndex(brNs, Number(brIndex));
    if (brNs && br && ns !== brNs && target.ns !== brNs) {
      if (!br.up) return fail(p, 'dropped', `${brNs.hostname}: ${br.name} is down`);
      const f = hook(world, brNs, brNs.nf.filter, 'FORWARD', p, br.name, br.name);
      if (f.verdict === 'DROP') return fail(p, 'dropped', `${brNs.hostname}: filter ${f.decidedBy}`);
    }
  }
  return receive(world, target.ns, target.link, p);
}

function learnNeighbour(ns: NetNs, ip: string, dev: string, mac: string): void {
  if (ns.kind === 'internet') return;
  const cache = (ns.neigh ??= {});
  const hit = cache[ip];
  if (!hit || hit.dev !== dev || hit.mac !== mac) cache[ip] = { dev, mac };
}

function macvlanFiltered(ns: NetNs, out: Link, target: LinkRef): boolean {
  const isChildOf = (child: Link, childNs: NetNs, parentNs: NetNs, parent: Link) =>
    child.kind === 'macvlan' && child.lower?.ns === parentNs.id && child.lower.ifindex === parent.ifindex && childNs !== parentNs;
  return isChildOf(out, ns, target.ns, target.link) || isChildOf(target.link, target.ns, ns, out);
}

function receive(world: NetWorld, ns: NetNs, inLink: Link, p: Pkt): WalkResult {
  p.trail.push(`${ns.hostname}: in ${inLink.name}`);
  if (p.reply) unNat(ns, p);
  else {
    const raw = hook(world, ns, ns.nf.raw, 'PREROUTING', p, inLink.name, null);
    if (raw.verdict === 'DROP') return fail(p, 'dropped', `${ns.hostname}: raw ${raw.decidedBy}`);
    const n = hook(world, ns, ns.nf.nat, 'PREROUTING', p, inLink.name, null);
    if (n.nat) applyNat(ns, p, n.nat, null);
  }
  if (isLocal(world, ns, p.dst)) {
    const f = hook(world, ns, ns.nf.filter, 'INPUT', p, inLink.name, null);
    if (f.verdict === 'DROP') return fail(p, 'dropped', `${ns.hostname}: filter ${f.decidedBy}`);
    return arrive(ns, p);
  }
  if (!ns.ipForward) return fail(p, 'dropped', `${ns.hostname}: not a router (ip_forward=0)`);
  p.ttl--;
  p.hops++;
  p.routers.push(inLink.addrs.find((a) => a.scope === 'global')?.ip ?? inLink.addrs[0]?.ip ?? '*');
  if (p.ttl <= 0 || p.hops > 32) return fail(p, 'ttl', `${ns.hostname}: TTL exceeded`);
  const route = lookupRoute(ns, p.dst);
  if (!route) return fail(p, 'host-unreachable', `${ns.hostname}: no route to ${p.dst}`);
  const out = ns.links.find((l) => l.name === route.dev)!;
  const f = hook(world, ns, ns.nf.filter, 'FORWARD', p, inLink.name, out.name);
  if (f.verdict === 'DROP') return fail(p, 'dropped', `${ns.hostname}: filter ${f.decidedBy}`);
  if (!p.reply) {
    const n = hook(world, ns, ns.nf.nat, 'POSTROUTING', p, inLink.name, out.name);
    if (n.nat) applyNat(ns, p, n.nat, out);
  }
  p.trail.push(`${ns.hostname}: forward ${inLink.name} -> ${out.name}`);
  return transmit(world, ns, out, route.via ?? p.dst, p);
}

function arrive(ns: NetNs, p: Pkt): WalkOk {
  return {
    ok: true,
    ns,
    src: p.src,
    dst: p.dst,
    proto: p.proto,
    dport: p.dport,
    origSrc: p.origSrc,
    hops: p.hops,
    nat: p.nat,
    trail: p.trail,
    lanHops: p.lanHops,
    routers: p.routers,
  };
}

/** Both ways: the request reaches `dst` and the answer comes back to the sender. */
export interface RoundTrip {
  ok: boolean;
  there: WalkResult;
  back: WalkResult | null;
  /** TTL the answer arrives with (for ping's ttl=). */
  ttl: number;
}

export function roundTrip(world: NetWorld, from: NetNs, flow: Flow): RoundTrip {
  const there = sendFrom(world, from, flow);
  if (!there.ok) return { ok: false, there, back: null, ttl: 0 };
  const back = replyTo(world, there);
  const ok = back.ok && back.ns === from;
  return { ok, there, back, ttl: back.ok ? there.ns.ttl - back.hops : 0 };
}
