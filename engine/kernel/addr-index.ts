import type { NetWorld } from './netns';
import type { Link, NetNs } from './types';

/**
 * Which link owns which address. Rebuilt lazily whenever the world's netVersion moves; the packet
 * walk reads it on every hop (ARP asks it who may answer for an address).
 */
export interface LinkRef {
  ns: NetNs;
  link: Link;
}

export interface AddrIndex {
  version: number;
  owners: Map<string, LinkRef[]>;
}

const cache = new WeakMap<NetWorld, AddrIndex>();

export function addrIndex(world: NetWorld): AddrIndex {
  const hit = cache.get(world);
  if (hit && hit.version === world.netVersion) return hit;
  const idx: AddrIndex = { version: world.netVersion, owners: new Map() };
  for (const ns of Object.values(world.netns)) {
    for (const link of ns.links) {
      for (const a of link.addrs) {
        const list = idx.owners.get(a.ip);
        const ref = { ns, link };
        if (list) list.push(ref);
        else idx.owners.set(a.ip, [ref]);
      }
    }
  }
  cache.set(world, idx);
  return idx;
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
