import type { Link, NetNs } from '../types';
import type { NetWorld } from '../world';
import { addLink } from '../netns';
import type { LinkOps } from './types';
import { PASS } from './types';
import { topology } from './topology';

/** `ip link add link eth0 name eth0.50 type vlan id 50`: same MAC and MTU as its lower device. */
export function addVlan(world: NetWorld, ns: NetNs, lower: Link, id: number, name = `${lower.name}.${id}`, ifindex?: number): Link {
  const v = addLink(world, ns, { name, kind: 'vlan', mac: lower.mac, mtu: lower.mtu, ifindex });
  v.lower = { ns: ns.id, ifindex: lower.ifindex };
  v.vlanId = id;
  world.netVersion++;
  return v;
}

/**
 * 802.1q sub-interface (eth0.50): transmits through its lower device with its VLAN tag on the
 * wire; tagged frames arriving on the lower device come up through the sub-interface of their VLAN
 * (untagged by then). A tagged frame without a sub-interface is dropped.
 */
export const vlanOps: LinkOps = {
  kind: 'vlan',
  xmit(k, ns, link, f) {
    if (!link.up) return null;
    const lower = topology(k.world).lowerOf.get(link);
    k.tap(ns, link, f, 'out');
    if (!lower || !lower.link.up) return null;
    const tag = f.vlan;
    f.vlan = link.vlanId;
    const r = k.xmit(lower.ns, lower.link, f);
    f.vlan = tag;
    return r;
  },
  details: (_w, _ns, l) => `protocol 802.1Q id ${l.vlanId} <REORDER_HDR> `,
  lowerInput(k, ns, lower, ups, f) {
    if (f.vlan === null) return PASS;
    const sub = ups.vlans.get(f.vlan);
    if (!sub || !sub.link.up) return null;
    k.tap(ns, lower, f, 'in');
    const tag = f.vlan;
    f.vlan = null;
    const r = k.rx(sub.ns, sub.link, f);
    f.vlan = tag;
    return r;
  },
  carrier(world, _ns, link, carrierOf) {
    if (!link.up) return false;
    const lower = topology(world).lowerOf.get(link);
    return !!lower && carrierOf(world, lower.ns, lower.link);
  },
};
