import { addrIndex } from '../../kernel/addr-index';
import { linkByName } from '../../kernel/netns';
import type { View } from './view';

/** `ip neigh`: the namespace's neighbour (ARP) cache. */
export function neighShow(v: View, dev: string | null): number {
  const { ns } = v;
  // Entries whose interface is gone (a disconnected network) have left the cache.
  const entries = Object.entries(ns.neigh ?? {}).filter(([, e]) => linkByName(ns, e.dev) && (!dev || e.dev === dev));
  // An entry whose owner is gone (container removed) is STALE until the kernel drops it.
  const owners = addrIndex(v.p.rt.world).owners;
  const state = (ip: string, mac: string) => (owners.get(ip)?.some((o) => o.link.mac === mac) ? 'REACHABLE' : 'STALE');
  if (entries.length) {
    v.p.out(entries.map(([ip, e]) => `${ip} dev ${e.dev} lladdr ${e.mac} ${v.busybox ? 'ref 1 used 0/0/0 probes 1 ' : ''}${state(ip, e.mac)}`).join('\n') + '\n');
  }
  return 0;
}
