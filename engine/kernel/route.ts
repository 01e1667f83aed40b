import { ipToInt, maskOf, parseCidr } from '../util/ipv4';
import type { NetNs, Route } from './types';
import { linkByName } from './netns';

/** Longest-prefix match over the namespace's main table, skipping routes on links that are down. */
export function lookupRoute(ns: NetNs, dst: string): Route | null {
  const d = ipToInt(dst);
  let best: Route | null = null;
  let bestPrefix = -1;
  let bestMetric = Infinity;
  for (const r of ns.routes) {
    let prefix: number;
    if (r.dst === 'default') prefix = 0;
    else {
      const c = parseCidr(r.dst);
      if (!c) continue;
      prefix = c.prefix;
      const m = maskOf(prefix);
      if (((d & m) >>> 0) !== ((ipToInt(c.ip) & m) >>> 0)) continue;
    }
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
  const a = link?.addrs.find((x) => x.scope === 'global') ?? link?.addrs[0];
  return a ? a.ip : null;
}
