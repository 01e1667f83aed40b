import { linkByName } from '../../../kernel/netns';
import type { NetNs } from '../../../kernel/types';
import type { NetWorld } from '../../../kernel/world';

/**
 * The overlay's forwarding state for the endpoints of other nodes, as Docker programs it from
 * gossip (libnetwork drivers/overlay/peerdb.go peerAdd): a permanent neighbour entry (IP -> MAC on
 * vxlan0, so the device answers ARP itself) and a permanent FDB entry (MAC -> the node's VTEP).
 * There is no flood entry: what no peer announced cannot be reached.
 */

export interface RemotePeer {
  ip: string;
  mac: string;
  /** The node's LAN address: where its tunnel ends. */
  vtep: string;
}

/** Makes vxlan0's FDB and the namespace's vxlan0 neighbours exactly `peers`; a no-op when they already are. */
export function programPeers(world: NetWorld, ns: NetNs, peers: RemotePeer[]): void {
  const vx = linkByName(ns, 'vxlan0');
  const conf = vx?.vxlan;
  if (!vx || !conf) return;
  const fdb = peers.map((p) => ({ mac: p.mac, dst: p.vtep, permanent: true }));
  const sig = (list: { mac: string; dst: string; permanent: boolean }[]) => list.map((e) => `${e.mac}>${e.dst}${e.permanent ? '' : '?'}`).join(',');
  const neigh = ns.neigh ?? {};
  const keep = Object.entries(neigh).filter(([, e]) => !(e.dev === 'vxlan0' && e.permanent));
  const wanted = peers.map((p) => [p.ip, { dev: 'vxlan0', mac: p.mac, permanent: true }] as const);
  const current = Object.entries(neigh).filter(([, e]) => e.dev === 'vxlan0' && e.permanent);
  const neighSig = (list: readonly (readonly [string, { mac: string }])[]) => list.map(([ip, e]) => `${ip}=${e.mac}`).sort().join(',');
  if (sig(conf.fdb) === sig(fdb) && neighSig(current) === neighSig(wanted)) return;
  conf.fdb = fdb;
  const next: NonNullable<NetNs['neigh']> = {};
  for (const [ip, e] of keep) next[ip] = e;
  for (const [ip, e] of wanted) next[ip] = { ...e };
  ns.neigh = next;
  world.netVersion++;
}
