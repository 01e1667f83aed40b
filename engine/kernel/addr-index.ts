import type { NetWorld } from './netns';
import type { Link, NetNs } from './types';
import { linkByIndex } from './netns';
import { taggedDomain, untaggedDomain } from './segment';

/**
 * Which link owns which address, and which L2 broadcast domain every link sits in.
 * Rebuilt lazily whenever the world's netVersion moves; the packet walk reads it on every hop.
 */
export interface LinkRef {
  ns: NetNs;
  link: Link;
  domain: string;
}

export interface AddrIndex {
  version: number;
  owners: Map<string, LinkRef[]>;
  domains: Map<string, string>;
}

const cache = new WeakMap<NetWorld, AddrIndex>();

export function addrIndex(world: NetWorld): AddrIndex {
  const hit = cache.get(world);
  if (hit && hit.version === world.netVersion) return hit;
  const idx: AddrIndex = { version: world.netVersion, owners: new Map(), domains: new Map() };
  for (const ns of Object.values(world.netns)) {
    for (const link of ns.links) {
      if (link.addrs.length === 0) continue;
      const domain = domainOf(world, ns, link, idx);
      for (const a of link.addrs) {
        const list = idx.owners.get(a.ip);
        const ref = { ns, link, domain };
        if (list) list.push(ref);
        else idx.owners.set(a.ip, [ref]);
      }
    }
  }
  cache.set(world, idx);
  return idx;
}

/**
 * The L2 domain a link transmits into. Frames sent on a container's veth land on the bridge its
 * peer is enslaved to; a NIC lands on its segment; a vlan device on its segment's VLAN; a macvlan
 * child on its lower device's wire.
 */
export function domainOf(world: NetWorld, ns: NetNs, link: Link, idx?: AddrIndex): string {
  const key = `${ns.id}#${link.ifindex}`;
  const hit = idx?.domains.get(key);
  if (hit !== undefined) return hit;
  const d = computeDomain(world, ns, link, 0);
  idx?.domains.set(key, d);
  return d;
}

function computeDomain(world: NetWorld, ns: NetNs, link: Link, depth: number): string {
  if (depth > 8) return `iso:${ns.id}:${link.ifindex}`;
  if (link.master !== null) return `br:${ns.id}:${link.master}`;
  switch (link.kind) {
    case 'loopback':
      return `lo:${ns.id}`;
    case 'bridge':
      return `br:${ns.id}:${link.ifindex}`;
    case 'veth': {
      if (!link.peer) return `iso:${ns.id}:${link.ifindex}`;
      const peerNs = world.netns[link.peer.ns];
      const peer = peerNs && linkByIndex(peerNs, link.peer.ifindex);
      if (!peerNs || !peer) return `iso:${ns.id}:${link.ifindex}`;
      if (peer.master !== null) return `br:${peerNs.id}:${peer.master}`;
      const a = `${ns.id}:${link.ifindex}`;
      const b = `${peerNs.id}:${peer.ifindex}`;
      return `veth:${a < b ? a + '|' + b : b + '|' + a}`;
    }
    case 'ether':
      return untaggedDomain(world, ns, link);
    case 'vlan':
    case 'macvlan': {
      if (!link.lower) return `iso:${ns.id}:${link.ifindex}`;
      const lowerNs = world.netns[link.lower.ns];
      const lower = lowerNs && linkByIndex(lowerNs, link.lower.ifindex);
      if (!lowerNs || !lower) return `iso:${ns.id}:${link.ifindex}`;
      // A tag sent straight onto a NIC meets the switch port, which decides where it goes.
      if (link.kind === 'vlan' && lower.kind === 'ether' && link.vlanId !== null) return taggedDomain(world, lowerNs, lower, link.vlanId);
      const base = computeDomain(world, lowerNs, lower, depth + 1);
      return link.kind === 'vlan' ? `${base}:vlan${link.vlanId}` : base;
    }
    case 'vxlan':
      return `vxlan:${link.vni}`;
    case 'dummy':
      return `dummy:${ns.id}:${link.ifindex}`;
  }
}

export function isLocalAddress(ns: NetNs, ip: string): boolean {
  if (ip.startsWith('127.')) return true;
  for (const l of ns.links) for (const a of l.addrs) if (a.ip === ip) return true;
  return false;
}

/** Whether `ip` is one of the namespace's own addresses, through the index (hot in the packet walk). */
export function isLocal(world: NetWorld, ns: NetNs, ip: string): boolean {
  if (ip.startsWith('127.')) return true;
  const owners = addrIndex(world).owners.get(ip);
  if (!owners) return false;
  for (const o of owners) if (o.ns === ns) return true;
  return false;
}
