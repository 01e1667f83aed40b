import { arpExchange, resolveNeighbour } from './arp';
import { applyNat, dstIsLocal, hook, unNat, type HookPoint } from './hooks';
import { FILTER_FWD, FILTER_IN, FILTER_OUT, MANGLE_FWD, MANGLE_IN, MANGLE_OUT, MANGLE_POST, MANGLE_PRE, NAT_OUT, NAT_POST, NAT_PRE, RAW_OUT, RAW_PRE } from './hooks';
import { ipvsLookup, ipvsSchedule } from './ipvs';
import { l2deliver, l2rx, l2xmit, noArp } from './links/l2';
import { REACHED, type L2, type L2Result } from './links/types';
import { linkByName } from './netns';
import { lookupRoute, sourceFor } from './route';
import { tapFrame, tapSet } from './taps';
import type { IpvsService, Link, NetNs } from './types';
import type { Flow, Frame, PathHop, Pkt, WalkOk, WalkResult } from './walk-types';
import { dropHop, ruleHop, walkFail, walkOk } from './walk-result';
import type { NetWorld } from './world';

export type { Flow, NatEntry, FailReason, WalkOk, WalkFail, WalkResult, PathHop } from './walk-types';

/**
 * The packet walk. A packet leaves a namespace, is routed, crosses netfilter hooks, and is handed
 * to its output device's link kind, which moves it as a frame across veths, bridges, switches,
 * VLANs, macvlan/ipvlan devices and VXLAN tunnels until some device takes it up to an IP stack
 * again; then it is routed on, or it arrives, or it is lost on the way. Reachability anywhere in
 * Docknet (ping, curl, DNS, the checker's probes) is the outcome of this walk, and the path it
 * records says why.
 */

const DEFAULT_LEN: Record<string, number> = { icmp: 84, tcp: 60, udp: 76, esp: 140 };

/**
 * A source port from the ephemeral range (net.ipv4.ip_local_port_range 32768 60999) for a
 * connection whose socket did not bind one; spread like Linux's, the same for the same lab history.
 */
function ephemeralPort(world: NetWorld): number {
  const n = (world.ephemeral = (world.ephemeral ?? 0) + 1);
  return 32768 + ((n * 7919 + 12345) % (60999 - 32768 + 1));
}

function newPkt(flow: Flow, ttl: number, world: NetWorld | null): Pkt {
  const l4 = flow.proto === 'tcp' || flow.proto === 'udp';
  return {
    src: flow.src ?? '',
    dst: flow.dst,
    proto: flow.proto,
    dport: flow.dport,
    sport: flow.sport ?? (l4 && world ? ephemeralPort(world) : null),
    inIf: null,
    outIf: null,
    ctstate: 'NEW',
    dstLocal: false,
    mark: flow.mark ?? 0,
    ipvs: false,
    len: flow.len ?? DEFAULT_LEN[flow.proto] ?? 60,
    count: true,
    reply: false,
    ttl,
    hops: 0,
    nat: [],
    origSrc: '',
    lanHops: 0,
    routers: [],
    path: [],
    encap: null,
    icmpId: flow.icmpId,
    icmpSeq: flow.icmpSeq,
  };
}

function hopAt(step: PathHop['step'], ns: NetNs, dev: string | null): PathHop {
  return { step, ns: ns.id, host: ns.hostname, dev };
}

// ---------------------------------------------------------------- hooks above the walk

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

// ---------------------------------------------------------------- the L2 context

const contexts = new WeakMap<NetWorld, L2>();

function l2Of(world: NetWorld): L2 {
  let k = contexts.get(world);
  if (k) return k;
  const taps = tapSet(world);
  k = {
    world,
    rx: (ns, link, f) => l2rx(k!, ns, link, f),
    xmit: (ns, link, f) => l2xmit(k!, ns, link, f),
    deliver: (ns, link, f) => l2deliver(k!, ns, link, f),
    up: (ns, link, f) => up(k!, ns, link, f),
    bridged: (ns, br, inPort, outPort, f) => bridged(k!, ns, br, inPort, outPort, f),
    underlay: (ns, outer) => output(k!, ns, outer),
    reinput: (ns, inDev, p) => reinput(k!, ns, inDev, p),
    l3Out: (ns, oif, p) => routeOut(k!, ns, oif, p),
    fail: walkFail,
    tap: (ns, link, f, dir) => {
      if (taps.taps.length !== 0) tapFrame(world, taps, ns, link, f, dir);
    },
    capturing: () => taps.taps.length !== 0,
  };
  contexts.set(world, k);
  return k;
}

/** A device takes a frame up to its namespace's IP stack. */
function up(k: L2, ns: NetNs, link: Link, f: Frame): L2Result {
  if (f.dry || f.arp !== null) {
    if (f.want && f.want.link !== link) return null;
    f.reached = { ns, link };
    return REACHED;
  }
  return receive(k, ns, link, f.pkt);
}

// ---------------------------------------------------------------- public entry points

/** Sends a packet that a process in `from` creates. */
export function sendFrom(world: NetWorld, from: NetNs, flow: Flow): WalkResult {
  syncDerived(world);
  return output(l2Of(world), from, newPkt(flow, from.ttl, world));
}

/** Sends the answer to a packet that arrived (same flow, reversed), through conntrack. */
export function replyTo(world: NetWorld, arrived: WalkOk): WalkResult {
  const p = newPkt({ proto: arrived.proto, dst: arrived.src, dport: arrived.sport, src: arrived.dst, sport: arrived.dport, len: arrived.len, icmpId: arrived.icmpId, icmpSeq: arrived.icmpSeq }, arrived.ns.ttl, null);
  p.reply = true;
  p.nat = arrived.nat;
  p.origSrc = arrived.dst;
  p.mark = 0;
  unNat(arrived.ns, p);
  return output(l2Of(world), arrived.ns, p);
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

// ---------------------------------------------------------------- IP: out, in, forward

function output(k: L2, ns: NetNs, p: Pkt): WalkResult {
  const w = k.world;
  // LOCAL_OUT: raw, mangle, nat (first packet of a connection), then IPVS.
  let v = hook(w, ns, RAW_OUT, p, null, null);
  if (v?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, null, v));
  v = hook(w, ns, MANGLE_OUT, p, null, null);
  if (v?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, null, v));
  if (!p.reply) {
    const n = hook(w, ns, NAT_OUT, p, null, null);
    if (n?.nat) applyNat(ns, p, n.nat, null, null);
    if (ns.ipvs) {
      const svc = ipvsLookup(ns, p);
      if (svc) {
        const fail = schedule(ns, p, svc);
        if (fail) return fail;
      }
    }
  }
  if (dstIsLocal(w, ns, p)) return loopback(k, ns, p);
  const route = lookupRoute(ns, p.dst);
  if (!route) return walkFail(p, 'net-unreachable', dropHop(ns, null, `no route to ${p.dst}`));
  if (!p.src) p.src = sourceFor(ns, route) ?? '0.0.0.0';
  if (!p.origSrc) p.origSrc = p.src;
  const out = linkByName(ns, route.dev)!;
  const f = hook(w, ns, FILTER_OUT, p, null, out.name);
  if (f?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, out.name, f));
  const dropped = postrouting(w, ns, p, null, out);
  if (dropped) return dropped;
  p.path.push({ step: 'out', ns: ns.id, host: ns.hostname, dev: out.name, route });
  return transmit(k, ns, out, route.via ?? p.dst, p);
}

/** POSTROUTING: mangle, then nat for the first packet of a connection. */
function postrouting(w: NetWorld, ns: NetNs, p: Pkt, inLink: Link | null, out: Link): WalkResult | null {
  const m = hook(w, ns, MANGLE_POST, p, inLink?.name ?? null, out.name);
  if (m?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, out.name, m));
  if (!p.reply) {
    const n = hook(w, ns, NAT_POST, p, inLink?.name ?? null, out.name);
    if (n?.nat) applyNat(ns, p, n.nat, out, inLink);
  }
  return null;
}

/** IPVS picks a real server and NATs the packet to it (conntrack undoes it for the answer). */
function schedule(ns: NetNs, p: Pkt, svc: IpvsService): WalkResult | null {
  const d = ipvsSchedule(svc, p.count);
  if (!d) return walkFail(p, 'dropped', dropHop(ns, null, `IPVS service ${svc.fwmark !== null ? `fwmark ${svc.fwmark}` : `${svc.vip}:${svc.port}`} has no real server`));
  const toPort = d.port ?? p.dport;
  p.nat.push({ ns: ns.id, kind: 'dnat', from: p.dst, to: d.ip, fromPort: p.dport, toPort });
  p.path.push({ step: 'ipvs', ns: ns.id, host: ns.hostname, dev: null, to: `${d.ip}${toPort !== null ? `:${toPort}` : ''}` });
  p.dst = d.ip;
  p.dport = toPort;
  p.ipvs = true;
  return null;
}

const LOOPBACK_HOOKS: [HookPoint, string | null, string | null][] = [
  [FILTER_OUT, null, 'lo'],
  [MANGLE_POST, null, 'lo'],
  [RAW_PRE, 'lo', null],
  [MANGLE_PRE, 'lo', null],
  [MANGLE_IN, 'lo', null],
  [FILTER_IN, 'lo', null],
];

/** To one of the namespace's own addresses: through lo, OUTPUT then INPUT (nat already done). */
function loopback(k: L2, ns: NetNs, p: Pkt): WalkResult {
  const w = k.world;
  if (!p.src) p.src = p.dst.startsWith('127.') ? '127.0.0.1' : p.dst;
  if (!p.origSrc) p.origSrc = p.src;
  p.path.push({ step: 'loopback', ns: ns.id, host: ns.hostname, dev: 'lo', why: p.dst });
  const lo = ns.links[0];
  if (lo && k.capturing()) k.tap(ns, lo, { src: lo.mac, dst: lo.mac, vlan: null, arp: null, bcast: false, pkt: p, want: null, dry: false, reached: null }, 'in');
  for (const [at, inIf, outIf] of LOOPBACK_HOOKS) {
    const v = hook(w, ns, at, p, inIf, outIf);
    if (v?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, 'lo', v));
  }
  return walkOk(ns, p);
}

/** Hands a packet to the link kind of `out` as a frame for `nextHop`'s MAC (ARP first, unless the device has none). */
function transmit(k: L2, ns: NetNs, out: Link, nextHop: string, p: Pkt): WalkResult {
  if (!out.up) return walkFail(p, 'dropped', dropHop(ns, out.name, `${out.name} is down`));
  // Packets are sent with DF set (path MTU discovery): one that does not fit is not fragmented.
  if (p.len > out.mtu) return walkFail(p, 'dropped', dropHop(ns, out.name, `message too long, mtu=${out.mtu}`));
  const f: Frame = { src: out.mac, dst: out.mac, vlan: null, arp: null, bcast: false, pkt: p, want: null, dry: false, reached: null };
  if (!noArp(out)) {
    const target = resolveNeighbour(k, ns, out, nextHop);
    if (!target) return walkFail(p, 'host-unreachable', dropHop(ns, out.name, `no neighbour ${nextHop} on ${out.name}`));
    f.dst = target.link.mac;
    if (p.count) {
      const known = ns.neigh && Object.hasOwn(ns.neigh, nextHop) ? ns.neigh[nextHop] : undefined;
      if (!known || known.mac !== f.dst || known.dev !== out.name) arpExchange(k, ns, out, nextHop, target);
      learnNeighbour(ns, nextHop, out.name, f.dst);
      const from = out.addrs.find((a) => a.scope === 'global')?.ip;
      if (from) learnNeighbour(target.ns, from, target.link.name, out.mac);
    }
  }
  const r = l2xmit(k, ns, out, f);
  if (r === null || r === REACHED) return walkFail(p, 'host-unreachable', dropHop(ns, out.name, `frame for ${nextHop} lost after ${out.name}`));
  return r;
}

function learnNeighbour(ns: NetNs, ip: string, dev: string, mac: string): void {
  if (ns.kind === 'internet') return;
  const cache = (ns.neigh ??= {});
  const hit = Object.hasOwn(cache, ip) ? cache[ip] : undefined;
  if (hit?.permanent) return;
  if (!hit || hit.dev !== dev || hit.mac !== mac) cache[ip] = { dev, mac };
}

function receive(k: L2, ns: NetNs, inLink: Link, p: Pkt): WalkResult {
  const w = k.world;
  p.path.push(hopAt('in', ns, inLink.name));
  // PREROUTING: raw sees the packet as it came in; conntrack then undoes this namespace's NAT for answers.
  const raw = hook(w, ns, RAW_PRE, p, inLink.name, null);
  if (raw?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, inLink.name, raw));
  const m = hook(w, ns, MANGLE_PRE, p, inLink.name, null);
  if (m?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, inLink.name, m));
  if (p.reply) unNat(ns, p);
  else {
    const n = hook(w, ns, NAT_PRE, p, inLink.name, null);
    if (n?.nat) applyNat(ns, p, n.nat, null, inLink);
  }
  if (dstIsLocal(w, ns, p)) return localIn(k, ns, inLink, p);
  if (!ns.ipForward) return walkFail(p, 'dropped', dropHop(ns, inLink.name, 'not a router (ip_forward=0)'));
  p.ttl--;
  p.hops++;
  p.routers.push(inLink.addrs.find((a) => a.scope === 'global')?.ip ?? inLink.addrs[0]?.ip ?? '*');
  if (p.ttl <= 0 || p.hops > 32) return walkFail(p, 'ttl', dropHop(ns, inLink.name, 'TTL exceeded'));
  const route = lookupRoute(ns, p.dst);
  if (!route) return walkFail(p, 'host-unreachable', dropHop(ns, inLink.name, `no route to ${p.dst}`));
  const out = linkByName(ns, route.dev)!;
  const mf = hook(w, ns, MANGLE_FWD, p, inLink.name, out.name);
  if (mf?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, inLink.name, mf));
  const f = hook(w, ns, FILTER_FWD, p, inLink.name, out.name);
  if (f?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, inLink.name, f));
  const dropped = postrouting(w, ns, p, inLink, out);
  if (dropped) return dropped;
  p.path.push({ step: 'forward', ns: ns.id, host: ns.hostname, dev: inLink.name, to: out.name, route, verdict: f });
  return transmit(k, ns, out, route.via ?? p.dst, p);
}

/** LOCAL_IN: mangle and filter INPUT, then IPVS may send it on to a real server. */
function localIn(k: L2, ns: NetNs, inLink: Link, p: Pkt): WalkResult {
  const w = k.world;
  const m = hook(w, ns, MANGLE_IN, p, inLink.name, null);
  if (m?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, inLink.name, m));
  const f = hook(w, ns, FILTER_IN, p, inLink.name, null);
  if (f?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, inLink.name, f));
  if (ns.ipvs && !p.reply) {
    const svc = ipvsLookup(ns, p);
    if (svc) {
      const fail = schedule(ns, p, svc);
      if (fail) return fail;
      return ipvsOut(k, ns, inLink, p);
    }
  }
  if (f) p.path.push({ step: 'local', ns: ns.id, host: ns.hostname, dev: inLink.name, verdict: f });
  return walkOk(ns, p);
}

/** ip_vs_nat_xmit: the scheduled packet leaves through LOCAL_OUT and POSTROUTING (where `-m ipvs` SNAT rules act). */
function ipvsOut(k: L2, ns: NetNs, inLink: Link, p: Pkt): WalkResult {
  const w = k.world;
  if (dstIsLocal(w, ns, p)) return walkOk(ns, p);
  const route = lookupRoute(ns, p.dst);
  if (!route) return walkFail(p, 'host-unreachable', dropHop(ns, inLink.name, `no route to ${p.dst}`));
  const out = linkByName(ns, route.dev)!;
  const f = hook(w, ns, FILTER_OUT, p, null, out.name);
  if (f?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, out.name, f));
  const dropped = postrouting(w, ns, p, null, out);
  if (dropped) return dropped;
  p.path.push({ step: 'out', ns: ns.id, host: ns.hostname, dev: out.name, route });
  return transmit(k, ns, out, route.via ?? p.dst, p);
}

/** br_netfilter: an IPv4 frame bridged between two ports meets PREROUTING, FORWARD and POSTROUTING with in = out = the bridge. */
function bridged(k: L2, ns: NetNs, br: Link, inPort: Link, outPort: Link, f: Frame): PathHop {
  const w = k.world;
  const p = f.pkt;
  const raw = hook(w, ns, RAW_PRE, p, br.name, null);
  if (raw?.verdict === 'DROP') return ruleHop(ns, inPort.name, raw);
  const m = hook(w, ns, MANGLE_PRE, p, br.name, null);
  if (m?.verdict === 'DROP') return ruleHop(ns, inPort.name, m);
  if (!p.reply) {
    const n = hook(w, ns, NAT_PRE, p, br.name, null);
    if (n?.nat) applyNat(ns, p, n.nat, null, br);
  }
  const mf = hook(w, ns, MANGLE_FWD, p, br.name, br.name);
  if (mf?.verdict === 'DROP') return ruleHop(ns, inPort.name, mf);
  const v = hook(w, ns, FILTER_FWD, p, br.name, br.name);
  if (v?.verdict === 'DROP') return ruleHop(ns, inPort.name, v);
  const mp = hook(w, ns, MANGLE_POST, p, br.name, br.name);
  if (mp?.verdict === 'DROP') return ruleHop(ns, outPort.name, mp);
  if (!p.reply) {
    const n = hook(w, ns, NAT_POST, p, br.name, br.name);
    if (n?.nat) applyNat(ns, p, n.nat, br, br);
  }
  return { step: 'bridge', ns: ns.id, host: ns.hostname, dev: inPort.name, to: outPort.name, verdict: v };
}

/** PREROUTING and INPUT without routing: a decrypted ESP payload, an ipvlan l3s child's packet. */
function reinput(k: L2, ns: NetNs, inDev: string, p: Pkt): PathHop | null {
  const w = k.world;
  for (const at of [RAW_PRE, MANGLE_PRE, MANGLE_IN, FILTER_IN]) {
    const v = hook(w, ns, at, p, inDev, null);
    if (v?.verdict === 'DROP') return ruleHop(ns, inDev, v);
  }
  return null;
}

/** ipvlan l3: the child's packet is routed in the lower's namespace, out of the lower device only. */
function routeOut(k: L2, ns: NetNs, oif: Link, p: Pkt): WalkResult {
  const w = k.world;
  const route = lookupRoute(ns, p.dst, oif.name);
  if (!route) return walkFail(p, 'net-unreachable', dropHop(ns, oif.name, `no route to ${p.dst} via ${oif.name}`));
  for (const at of [RAW_OUT, MANGLE_OUT, FILTER_OUT]) {
    const v = hook(w, ns, at, p, null, oif.name);
    if (v?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, oif.name, v));
  }
  const dropped = postrouting(w, ns, p, null, oif);
  if (dropped) return dropped;
  p.path.push({ step: 'out', ns: ns.id, host: ns.hostname, dev: oif.name, route });
  return transmit(k, ns, oif, route.via ?? p.dst, p);
}

