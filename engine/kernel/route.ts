import { ipToInt, maskOf, parseCidr } from '../util/ipv4';
import type { NetNs, Route } from './types';
import { linkByName } from './netns';
import { globalAddr } from './link-addr';

interface ParsedDst {
  net: number;
  mask: number;
  prefix: number;
}

// Routes are replaced, never edited in place, so each one is parsed once.
const parsedDst = new WeakMap<Route, ParsedDst | null>();

function parsed(r: Route): ParsedDst | null {
  let c = parsedDst.get(r);
  if (c !== undefined) return c;
  if (r.dst === 'default') c = { net: 0, mask: 0, prefix: 0 };
  else {
    const cidr = parseCidr(r.dst);
    c = cidr ? { net: (ipToInt(cidr.ip) & maskOf(cidr.prefix)) >>> 0, mask: maskOf(cidr.prefix), prefix: cidr.prefix } : null;
  }
  parsedDst.set(r, c);
  return c;
}

/**
 * Longest-prefix match over the namespace's main table, skipping routes on links that are down;
 * with `oif`, only routes through that device (a socket bound to it, an ipvlan l3 child's packet).
 */
export function lookupRoute(ns: NetNs, dst: string, oif?: string): Route | null {
  const d = ipToInt(dst);
  let best: Route | null = null;
  let bestPrefix = -1;
  let bestMetric = Infinity;
  for (const r of ns.routes) {
    if (oif !== undefined && r.dev !== oif) continue;
    const c = parsed(r);
    if (c === null) continue;
    const prefix = c.prefix;
    if (((d & c.mask) >>> 0) !== c.net) continue;
    const metric = r.metric ?? 0;
    if (prefix < bestPrefix || (prefix === bestPrefix && metric >= bestMetric)) continue;
    const link = linkByName(ns, r.dev);
    if (!link || !link.up) continue;
    best = r;
    bestPrefix = prefix;
    bestMetric = metric;
  }
  return best;
}

/** The source address the kernel would pick for a route: its `src`, else the first global address of its device. */
export function sourceFor(ns: NetNs, route: Route): string | null {
  if (route.src) return route.src;
  const link = linkByName(ns, route.dev);
  const a = (link ? globalAddr(link) : undefined) ?? link?.addrs[0];
  return a ? a.ip : null;
}
