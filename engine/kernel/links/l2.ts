import type { NetWorld } from '../world';
import type { Link, NetNs } from '../types';
import type { Frame } from '../walk-types';
import { PASS, type L2, type L2Result } from './types';
import { opsOf, UPPER_KINDS } from './registry';
import { topology } from './topology';

/** The dispatch between link kinds: who transmits, who receives, and the generic endpoint path. */

/**
 * How many transmissions are in progress, one inside the other. A bridging loop (two ports of one
 * bridge joined by a veth, a tunnel routed through itself) would recurse for ever, as a broadcast
 * storm circles a real loop without STP; past this depth the frame is simply lost.
 */
let depth = 0;
const MAX_DEPTH = 200;

export function l2xmit(k: L2, ns: NetNs, link: Link, f: Frame): L2Result {
  if (depth >= MAX_DEPTH) return null;
  depth++;
  try {
    return opsOf(link.kind).xmit(k, ns, link, f);
  } finally {
    depth--;
  }
}

export function l2rx(k: L2, ns: NetNs, link: Link, f: Frame): L2Result {
  const ops = opsOf(link.kind);
  return ops.rx ? ops.rx(k, ns, link, f) : l2deliver(k, ns, link, f);
}

/**
 * __netif_receive_skb on an endpoint device: 802.1q sub-interfaces and the rx handlers of upper
 * devices (macvlan, ipvlan) or of a master (bridge) get the frame first; otherwise the device
 * takes frames for its own MAC up to its namespace's stack.
 */
export function l2deliver(k: L2, ns: NetNs, link: Link, f: Frame): L2Result {
  if (!link.up) return null;
  const t = topology(k.world);
  const ups = t.uppers.get(link);
  if (ups) {
    for (const ops of UPPER_KINDS) {
      const r = ops.lowerInput!(k, ns, link, ups, f);
      if (r !== PASS) return r;
    }
  }
  if (f.vlan !== null) return null;
  if (link.master !== null) {
    const br = t.masterOf.get(link);
    const input = br && opsOf(br.kind).portInput;
    return br && input ? input(k, ns, br, link, f) : null;
  }
  if (f.dst !== link.mac) {
    // A broadcast for another host is still received here (counted, captured), then ignored.
    if (f.bcast) k.tap(ns, link, f, 'in');
    return null;
  }
  k.tap(ns, link, f, 'in');
  return k.up(ns, link, f);
}

/** IFF_LOWER_UP, as each kind defines it. */
export function hasCarrier(world: NetWorld, ns: NetNs, link: Link): boolean {
  return opsOf(link.kind).carrier(world, ns, link, hasCarrier);
}

export function noArp(link: Link): boolean {
  return opsOf(link.kind).noArp?.(link) ?? false;
}
