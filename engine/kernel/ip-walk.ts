import { arpExchange, resolveNeighbour } from './arp';
import { ctBegin, ctConfirm } from './conntrack';
import { applyNat, dstIsLocal, hook, unDnat, unNat, type HookPoint } from './hooks';
import { FILTER_FWD, FILTER_IN, FILTER_OUT, MANGLE_FWD, MANGLE_IN, MANGLE_OUT, MANGLE_POST, MANGLE_PRE, NAT_OUT, NAT_POST, NAT_PRE, RAW_OUT, RAW_PRE } from './hooks';
import { ipvsLookup, ipvsSchedule } from './ipvs';
import { l2xmit, noArp } from './links/l2';
import { REACHED, type L2, type L2Result } from './links/types';
import { linkByName } from './netns';
import { lookupRoute, sourceFor } from './route';
import type { IpvsService, Link, NetNs } from './types';
import type { Frame, PathHop, Pkt, WalkResult } from './walk-types';
import { dropHop, ruleHop, walkFail, walkOk } from './walk-result';
import type { NetWorld } from './world';
import { globalAddr } from './link-addr';

/**
 * The walk's IP layer: local output, receive, forward and the netfilter hooks on the way, and
 * the hand-over to the output device's link kind. Link kinds call back in through the L2 context
 * (`up`, `underlay`, `bridged`, `reinput`, `l3Out`) that deliver.ts builds from these.
 */

function hopAt(step: PathHop['step'], ns: NetNs, dev: string | null): PathHop {
  return { step, ns: ns.id, host: ns.hostname, dev };
}

/** A device takes a frame up to its namespace's IP stack. */
export function up(k: L2, ns: NetNs, link: Link, f: Frame): L2Result {
  if (f.dry || f.arp !== null) {
    if (f.want && f.want.link !== link) return null;
    f.reached = { ns, link };
    return REACHED;
  }
  return receive(k, ns, link, f.pkt);
}

export function output(k: L2, ns: NetNs, p: Pkt): WalkResult {
  const w = k.world;
  // The kernel routes a packet it sends before LOCAL_OUT (the source address comes from that
  // route); when LOCAL_OUT changes the destination (DNAT, IPVS) it is routed again.
  if (!dstIsLocal(w, ns, p)) {
    const first = lookupRoute(ns, p.dst);
    if (!first) return walkFail(p, 'net-unreachable', dropHop(ns, null, `no route to ${p.dst}`));
    if (!p.src) p.src = sourceFor(ns, first) ?? '0.0.0.0';
  } else if (!p.src) p.src = p.dst.startsWith('127.') ? '127.0.0.1' : p.dst;
  if (!p.origSrc) p.origSrc = p.src;
  ctBegin(ns, p);
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
  const out = linkByName(ns, route.dev)!;
  const f = hook(w, ns, FILTER_OUT, p, null, out.name);
  if (f?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, out.name, f));
  if (p.reply) unDnat(ns, p);
  const dropped = postrouting(w, ns, p, null, out);
  if (dropped) return dropped;
  p.path.push({ step: 'out', ns: ns.id, host: ns.hostname, dev: out.name, route });
  ctConfirm(w, ns, p);
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
  p.path.push({ step: 'loopback', ns: ns.id, host: ns.hostname, dev: 'lo', why: p.dst });
  const lo = ns.links[0];
  if (lo && p.count) {
    // lo counts the packet once as sent and once as received (the tap counts the receive).
    const s = (lo.stats ??= { rxPackets: 0, rxBytes: 0, rxMcast: 0, txPackets: 0, txBytes: 0 });
    s.txPackets++;
    s.txBytes += p.len + 14;
    k.tap(ns, lo, { src: lo.mac, dst: lo.mac, vlan: null, arp: null, bcast: false, pkt: p, want: null, dry: false, reached: null }, 'in');
  }
  for (const [at, inIf, outIf] of LOOPBACK_HOOKS) {
    if (at === MANGLE_POST && p.reply) unDnat(ns, p);
    const v = hook(w, ns, at, p, inIf, outIf);
    if (v?.verdict === 'DROP') return walkFail(p, 'dropped', ruleHop(ns, 'lo', v));
  }
  ctConfirm(w, ns, p);
  return walkOk(ns, p);
}

/** Hands a packet to the link kind of `out` as a frame for `nextHop`'s MAC (ARP first, unless the device has none). */
function transmit(k: L2, ns: NetNs, out: Link, nextHop: string, p: Pkt): WalkResult {
  if (!out.up) return walkFail(p, 'dropped', dropHop(ns, out.name, `${out.name} is down`));
  // Packets are sent with DF set (path MTU discovery): one that does not fit is not fragmented.
  if (p.len > out.mtu) return walkFail(p, 'dropped', dropHop(ns, out.name, `message too long, mtu=${out.mtu}`));
  const f: Frame = { src: out.mac, dst: out.mac, vlan: null, arp: null, bcast: false, pkt: p, want: null, dry: false, reached: null };
  if (!noArp(out)) {
    const known = ns.neigh && Object.hasOwn(ns.neigh, nextHop) ? ns.neigh[nextHop] : undefined;
    if (known?.permanent && known.dev === out.name) {
      // `ip neigh add … nud permanent`: the kernel trusts the entry and never asks.
      f.dst = known.mac;
    } else {
      const target = resolveNeighbour(k, ns, out, nextHop);
      if (!target) return walkFail(p, 'host-unreachable', dropHop(ns, out.name, `no neighbour ${nextHop} on ${out.name}`));
      f.dst = target.link.mac;
      if (p.count) {
        if (!known || known.mac !== f.dst || known.dev !== out.name) arpExchange(k, ns, out, nextHop, target);
        learnNeighbour(ns, nextHop, out.name, f.dst);
        const from = globalAddr(out)?.ip;
        if (from) learnNeighbour(target.ns, from, target.link.name, out.mac);
      }
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

export function receive(k: L2, ns: NetNs, inLink: Link, p: Pkt): WalkResult {
  const w = k.world;
  p.path.push(hopAt('in', ns, inLink.name));
  ctBegin(ns, p);
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
  p.routers.push(globalAddr(inLink)?.ip ?? inLink.addrs[0]?.ip ?? '*');
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
  ctConfirm(w, ns, p);
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
  ctConfirm(w, ns, p);
  return walkOk(ns, p);
}

/** ip_vs_nat_xmit: the scheduled packet leaves through LOCAL_OUT and POSTROUTING (where `-m ipvs` SNAT rules act). */
function ipvsOut(k: L2, ns: NetNs, inLink: Link, p: Pkt): WalkResult {
  const w = k.world;
  ctConfirm(w, ns, p);
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
export function bridged(k: L2, ns: NetNs, br: Link, inPort: Link, outPort: Link, f: Frame): PathHop {
  const w = k.world;
  const p = f.pkt;
  ctBegin(ns, p);
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
  ctConfirm(w, ns, p);
  return { step: 'bridge', ns: ns.id, host: ns.hostname, dev: inPort.name, to: outPort.name, verdict: v };
}

/** PREROUTING and INPUT without routing: a decrypted ESP payload, an ipvlan l3s child's packet. */
export function reinput(k: L2, ns: NetNs, inDev: string, p: Pkt): PathHop | null {
  const w = k.world;
  for (const at of [RAW_PRE, MANGLE_PRE, MANGLE_IN, FILTER_IN]) {
    const v = hook(w, ns, at, p, inDev, null);
    if (v?.verdict === 'DROP') return ruleHop(ns, inDev, v);
  }
  return null;
}

/** ipvlan l3: the child's packet is routed in the lower's namespace, out of the lower device only. */
export function routeOut(k: L2, ns: NetNs, oif: Link, p: Pkt): WalkResult {
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

