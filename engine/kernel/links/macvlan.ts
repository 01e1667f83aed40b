import type { Link, NetNs } from '../types';
import type { NetWorld } from '../world';
import { addLink } from '../netns';
import type { Frame } from '../walk-types';
import type { LinkRef } from '../addr-index';
import { PASS, type L2, type L2Result, type LinkOps } from './types';
import { topology, type Uppers } from './topology';

/**
 * macvlan children (drivers/net/macvlan.c): each has its own MAC on its lower device's wire, often
 * living in another namespace. Modes:
 * - bridge: children reach each other directly; anything else goes out the wire;
 * - private: nothing between children, not even when the switch hairpins broadcasts back;
 * - vepa: everything goes out the wire, children reach each other only if the switch hairpins;
 * - passthru: one child owns the lower device and takes all its traffic.
 * The lower's own stack never sees what its children transmit (and they do not see what it
 * transmits): a host cannot reach its own macvlan children without a macvlan of its own.
 */

export type MacvlanMode = 'bridge' | 'private' | 'vepa' | 'passthru';

/**
 * `ip link add NAME link LOWER type macvlan mode MODE`, created straight in `ns` (Docker creates it
 * in the host and moves it; the result is the same): its own MAC, the lower's MTU.
 */
export function addMacvlan(
  world: NetWorld,
  ns: NetNs,
  lowerNs: NetNs,
  lower: Link,
  spec: { name: string; mac: string; mode?: MacvlanMode; ifindex?: number },
): Link {
  const l = addLink(world, ns, { name: spec.name, kind: 'macvlan', mac: spec.mac, mtu: lower.mtu, ifindex: spec.ifindex });
  l.lower = { ns: lowerNs.id, ifindex: lower.ifindex };
  l.macvlanMode = spec.mode ?? 'bridge';
  world.netVersion++;
  return l;
}

function modeOf(l: Link): string {
  return l.macvlanMode ?? 'bridge';
}

function take(k: L2, child: LinkRef, f: Frame): L2Result {
  if (!child.link.up) return null;
  return k.deliver(child.ns, child.link, f);
}

/** macvlan_handle_frame: a frame arriving on the lower device from the wire (or forwarded to it by a bridge-mode child). */
function lowerInput(k: L2, ns: NetNs, lower: Link, ups: Uppers, f: Frame): L2Result | typeof PASS {
  if (ups.macvlanList.length === 0) return PASS;
  if (ups.passthru) {
    // The one child owns the lower device: everything arriving is its own.
    const child = ups.passthru;
    if (!child.link.up) return null;
    k.tap(ns, lower, f, 'in');
    k.tap(child.ns, child.link, f, 'in');
    return k.up(child.ns, child.link, f);
  }
  if (f.bcast) {
    const src = ups.macvlans.get(f.src);
    const srcMode = src ? modeOf(src.link) : null;
    // A broadcast hairpinned back from a private (or passthru) child goes to that child only.
    if (srcMode !== null && srcMode !== 'vepa' && srcMode !== 'bridge') return null;
    const want = f.want;
    const child = want ? ups.macvlans.get(want.link.mac) : undefined;
    if (!child || child.link !== want!.link) return PASS;
    if (child === src) return null;
    const mode = modeOf(child.link);
    // From outside: every child; from a vepa child: vepa and bridge children; from a bridge child: vepa only (bridge ones saw it on the way out).
    const ok = srcMode === null || (srcMode === 'vepa' ? mode === 'vepa' || mode === 'bridge' : mode === 'vepa');
    if (!ok) return null;
    k.tap(ns, lower, f, 'in');
    return take(k, child, f);
  }
  const child = ups.macvlans.get(f.dst);
  if (!child) return PASS;
  k.tap(ns, lower, f, 'in');
  return take(k, child, f);
}

export const macvlanOps: LinkOps = {
  kind: 'macvlan',
  xmit(k, ns, child, f) {
    if (!child.up) return null;
    const lower = topology(k.world).lowerOf.get(child);
    k.tap(ns, child, f, 'out');
    if (!lower || !lower.link.up) return null;
    if (modeOf(child) === 'bridge') {
      const ups = topology(k.world).uppers.get(lower.link);
      const key = f.bcast ? f.want?.link.mac : f.dst;
      const dest = key !== undefined ? ups?.macvlans.get(key) : undefined;
      if (dest && dest.link !== child && modeOf(dest.link) === 'bridge' && (!f.bcast || dest.link === f.want?.link)) {
        // dev_forward_skb(lowerdev): the lower's captures see it come in on the way.
        k.tap(lower.ns, lower.link, f, 'in');
        return take(k, dest, f);
      }
    }
    return k.xmit(lower.ns, lower.link, f);
  },
  details: (_w, _ns, l) => `mode ${modeOf(l)} bcqueuelen 1000 usedbcqueuelen 1000 `,
  lowerInput,
  carrier(world, _ns, link, carrierOf) {
    if (!link.up) return false;
    const lower = topology(world).lowerOf.get(link);
    return !!lower && carrierOf(world, lower.ns, lower.link);
  },
};
