import type { NetWorld } from '../world';
import type { Link, LinkKind, NetNs } from '../types';
import type { Frame, PathHop, Pkt, WalkFail, WalkResult, FailReason } from '../walk-types';
import type { Uppers } from './topology';

/** A dry frame was taken by the device it was looking for (or a proxy answered for it). */
export const REACHED: unique symbol = Symbol('reached');
export type Reached = typeof REACHED;

/** How a frame's journey ended: the walk's result once IP took over, REACHED for dry frames, null when no device took it. */
export type L2Result = WalkResult | Reached | null;

/** An upper kind leaves a frame to its lower device's own stack. */
export const PASS: unique symbol = Symbol('pass');
export type Pass = typeof PASS;

/**
 * What a link kind may ask of the rest of the walk. Kinds import none of it: the walk hands them
 * this, so a kind is one file that knows only its own device.
 */
export interface L2 {
  readonly world: NetWorld;
  /** A frame arrives on `link` (from its peer, its wire or its lower device); the link's kind decides. */
  rx(ns: NetNs, link: Link, f: Frame): L2Result;
  /** `link` transmits a frame. */
  xmit(ns: NetNs, link: Link, f: Frame): L2Result;
  /** The generic receive path of an endpoint: 802.1q demux, bridge port, upper devices, own MAC. */
  deliver(ns: NetNs, link: Link, f: Frame): L2Result;
  /** The device takes the frame for its own namespace's IP stack. */
  up(ns: NetNs, link: Link, f: Frame): L2Result;
  /** br_netfilter: an IPv4 frame bridged between two ports meets the bridge namespace's hooks: a 'bridge' hop, or the 'drop'. */
  bridged(ns: NetNs, br: Link, inPort: Link, outPort: Link, f: Frame): PathHop;
  /** An outer packet leaves the tunnel's namespace through the underlay (routes, iptables, NICs). */
  underlay(ns: NetNs, outer: Pkt): WalkResult;
  /**
   * A packet meets PREROUTING and INPUT of `ns` without being routed there: a decrypted ESP
   * payload (IPsec transport mode), or an ipvlan l3s child's packet in its lower's namespace.
   */
  reinput(ns: NetNs, inDev: string, p: Pkt): PathHop | null;
  /** ipvlan l3/l3s: a child's packet is routed by its lower device's namespace, out of that device. */
  l3Out(ns: NetNs, oif: Link, p: Pkt): WalkResult;
  /** Records a drop and ends the walk. */
  fail(p: Pkt, reason: FailReason, hop: PathHop): WalkFail;
  /** Reports a frame crossing a device to the open captures (no-op when none or when dry). */
  tap(ns: NetNs, link: Link, f: Frame, dir: 'in' | 'out'): void;
  /** Whether any capture is open in this world (to skip building frames nobody sees). */
  capturing(): boolean;
}

export interface LinkOps {
  readonly kind: LinkKind;
  /** The device transmits a frame (from its namespace's stack, a bridge it is a port of, or an upper device). */
  xmit(k: L2, ns: NetNs, link: Link, f: Frame): L2Result;
  /** A frame arrives on a device of this kind; absent: the generic endpoint path (`k.deliver`). */
  rx?(k: L2, ns: NetNs, link: Link, f: Frame): L2Result;
  /** Master kinds (bridge): a frame arrives on one of the master's ports. */
  portInput?(k: L2, ns: NetNs, master: Link, port: Link, f: Frame): L2Result;
  /** Upper kinds (vlan, macvlan, ipvlan): claim frames arriving on their lower device, or PASS them to it. */
  lowerInput?(k: L2, ns: NetNs, lower: Link, ups: Uppers, f: Frame): L2Result | Pass;
  /** IFF_LOWER_UP. */
  carrier(world: NetWorld, ns: NetNs, link: Link, carrierOf: (world: NetWorld, ns: NetNs, link: Link) => boolean): boolean;
  /** IP leaves without ARP (loopback, dummy, ipvlan l3). */
  noArp?(link: Link): boolean;
  /** `ip -d link`: what iproute2 prints after "    <kind> " (each field followed by a space). */
  details?(world: NetWorld, ns: NetNs, link: Link): string;
  /** Master kinds: the "    <kind>_slave …" line of a port. */
  portDetails?(world: NetWorld, ns: NetNs, master: Link, port: Link): string;
}
