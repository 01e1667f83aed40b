import type { LinkRef } from '../addr-index';
import type { Link, NetNs } from '../types';
import type { NetWorld } from '../world';
import { topology } from './topology';

/**
 * Whether a macvlan or ipvlan child may be stacked on a device, as the kernel decides when the
 * link is created (drivers/net/macvlan.c macvlan_common_newlink, drivers/net/ipvlan/ipvlan_main.c
 * ipvlan_link_new): `ip link add` and Docker's drivers ask the same question.
 */

export type StackErrno = 'EBUSY' | 'EINVAL';

/** A child named as the lower device stands for its own lower (macvlan_dev_real_dev, ipvlan's phy_dev). */
export function realLower(world: NetWorld, ns: NetNs, lower: Link, kind: 'macvlan' | 'ipvlan'): LinkRef {
  if (lower.kind !== kind) return { ns, link: lower };
  return topology(world).lowerOf.get(lower) ?? { ns, link: lower };
}

/**
 * EINVAL: not an Ethernet device (lo), or a passthru child already owns it, or passthru asked on
 * a device that has children. EBUSY: its rx handler is taken (a bridge port, or children of the
 * other kind).
 */
export function stackError(world: NetWorld, lower: Link, kind: 'macvlan' | 'ipvlan', macvlanMode?: string): StackErrno | null {
  if (lower.kind === 'loopback') return 'EINVAL';
  const ups = topology(world).uppers.get(lower);
  const otherKind = kind === 'macvlan' ? (ups?.ipvlans.length ?? 0) > 0 : (ups?.macvlanList.length ?? 0) > 0;
  if (lower.master !== null || otherKind) return 'EBUSY';
  if (kind === 'macvlan' && (ups?.passthru || (macvlanMode === 'passthru' && (ups?.macvlanList.length ?? 0) > 0))) return 'EINVAL';
  return null;
}
