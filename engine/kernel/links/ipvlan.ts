import type { Link, NetNs } from '../types';
import type { NetWorld } from '../world';
import { addLink } from '../netns';
import type { Frame } from '../walk-types';
import type { LinkRef } from '../addr-index';
import { PASS, REACHED, type L2, type L2Result, type LinkOps } from './types';
import { topology, type Uppers } from './topology';

/**
 * ipvlan children (drivers/net/ipvlan): they share their lower device's MAC, so the lower tells
 * them apart by IP address.
 * - l2: children ARP and switch like macvlan ones; a frame to the shared MAC is for a sibling or,
 *   failing that, for the lower's own stack. Broadcasts from a child reach its siblings and the
 *   wire, never the lower's stack, so the host and its children cannot ARP each other.
 * - l3 / l3s: no ARP; a child's packets are routed by the lower's namespace out of the lower
 *   device (its OUTPUT and POSTROUTING apply); packets for a child arriving on the lower are
 *   handed to it by address (l3s: after the lower namespace's PREROUTING and INPUT). The LAN
 *   reaches l3 children only through a route via the host.
 * Flags: bridge (siblings talk directly), private (they do not), vepa (through the switch).
 */

/** `ip link add NAME link LOWER type ipvlan mode MODE [FLAG]`: the lower's MAC and MTU. */
export function addIpvlan(
  world: NetWorld,
  ns: NetNs,
  lowerNs: NetNs,
  lower: Link,
  spec: { name: string; mode?: 'l2' | 'l3' | 'l3s'; flag?: 'bridge' | 'private' | 'vepa'; ifindex?: number },
): Link {
  const l = addLink(world, ns, { name: spec.name, kind: 'ipvlan', mac: lower.mac, mtu: lower.mtu, ifindex: spec.ifindex });
  l.lower = { ns: lowerNs.id, ifindex: lower.ifindex };
  l.ipvlanMode = spec.mode ?? 'l2';
  l.ipvlanFlag = spec.flag ?? 'bridge';
  world.netVersion++;
  return l;
}

function modeOf(l: Link): 'l2' | 'l3' | 'l3s' {
  return l.ipvlanMode ?? 'l2';
}

function flagOf(l: Link): 'bridge' | 'private' | 'vepa' {
  return l.ipvlanFlag ?? 'bridge';
}

function toChild(k: L2, child: LinkRef, f: Frame): L2Result {
  if (!child.link.up) return null;
  k.tap(child.ns, child.link, f, 'in');
  return k.up(child.ns, child.link, f);
}

function lowerInput(k: L2, ns: NetNs, lower: Link, ups: Uppers, f: Frame): L2Result | typeof PASS {
  const first = ups.ipvlans[0];
  if (!first) return PASS;
  const mode = modeOf(first.link);
  const wantChild = f.want && ups.ipvlans.some((c) => c.link === f.want!.link) ? f.want : null;
  if (f.bcast) {
    if (!wantChild) return PASS;
    // l3 children set NOARP: an ARP request for them goes unanswered.
    if (mode !== 'l2') return null;
    k.tap(ns, lower, f, 'in');
    return toChild(k, wantChild, f);
  }
  if (f.dst !== lower.mac) return PASS;
  const child = ups.ipvlanByIp.get(f.pkt.dst);
  if (!child) return PASS;
  k.tap(ns, lower, f, 'in');
  if (mode === 'l3s' && !f.dry) {
    const drop = k.reinput(ns, lower.name, f.pkt);
    if (drop) return k.fail(f.pkt, 'dropped', drop);
  }
  return toChild(k, child, f);
}

export const ipvlanOps: LinkOps = {
  kind: 'ipvlan',
  noArp: (l) => modeOf(l) !== 'l2',
  xmit(k, ns, child, f) {
    if (!child.up) return null;
    const lower = topology(k.world).lowerOf.get(child);
    k.tap(ns, child, f, 'out');
    if (!lower || !lower.link.up) return null;
    const ups = topology(k.world).uppers.get(lower.link);
    const flag = flagOf(child);
    if (modeOf(child) !== 'l2') {
      const sib = ups?.ipvlanByIp.get(f.pkt.dst);
      if (sib && sib.link !== child) return flag === 'private' ? null : toChild(k, sib, f);
      if (f.dry) return REACHED;
      return k.l3Out(lower.ns, lower.link, f.pkt);
    }
    if (flag !== 'vepa') {
      if (f.bcast) {
        const want = f.want;
        const sib = want ? ups?.ipvlans.find((c) => c.link === want.link && c.link !== child) : undefined;
        if (sib) return flag === 'private' ? null : toChild(k, sib, f);
      } else if (f.dst === f.src) {
        const sib = ups?.ipvlanByIp.get(f.pkt.dst);
        if (sib && sib.link !== child) return flag === 'private' ? null : toChild(k, sib, f);
        // Not a sibling's address but the shared MAC: the lower's own stack (dev_forward_skb).
        return k.deliver(lower.ns, lower.link, f);
      }
    }
    return k.xmit(lower.ns, lower.link, f);
  },
  details: (_w, _ns, l) => ` mode ${modeOf(l)} ${flagOf(l)} `,
  lowerInput,
  carrier(world, _ns, link, carrierOf) {
    if (!link.up) return false;
    const lower = topology(world).lowerOf.get(link);
    return !!lower && carrierOf(world, lower.ns, lower.link);
  },
};
