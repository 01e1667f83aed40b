import { bridged, output, reinput, routeOut, up } from './ip-walk';
import { l2deliver, l2rx, l2xmit } from './links/l2';
import type { L2 } from './links/types';
import { unSnat } from './hooks';
import { ctReplied } from './conntrack';
import { countFrame } from './links/stats';
import { tapFrame, tapSet } from './taps';
import type { NetNs } from './types';
import type { Flow, Pkt, WalkOk, WalkResult } from './walk-types';
import { walkFail } from './walk-result';
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
    // Set along the walk; present from the start so every packet keeps one shape.
    srcLocal: false,
    ctStart: undefined,
    ct: undefined,
    localNs: undefined,
    localIp: undefined,
  };
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
      if (f.dry || !f.pkt.count) return;
      countFrame(link, f, dir);
      if (taps.taps.length !== 0) tapFrame(world, taps, ns, link, f, dir);
    },
    capturing: () => taps.taps.length !== 0,
  };
  contexts.set(world, k);
  return k;
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
  // The reverse of a DNAT this namespace made waits for POSTROUTING (ip-walk output).
  unSnat(arrived.ns, p);
  const back = output(l2Of(world), arrived.ns, p);
  if (back.ok && arrived.ct) ctReplied(world, arrived.ct);
  return back;
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

