import type { Addr, Link } from './types';

/**
 * A device's first global address (what the kernel picks as the source on it), else undefined.
 * A loop rather than `addrs.find(…)`: packet walks ask this several times per packet.
 */
export function globalAddr(link: Link): Addr | undefined {
  for (const a of link.addrs) if (a.scope === 'global') return a;
  return undefined;
}
