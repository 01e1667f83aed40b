import { roundTrip, sendFrom } from '../../kernel/deliver';
import type { NetNs } from '../../kernel/types';
import type { SwarmCluster, SwarmNode } from '../types';
import type { DockerWorld } from '../world';
import { GOSSIP_PORT } from './cluster';

/**
 * NetworkDB's gossip (memberlist over 7946): which nodes exchange their networks' tables. The
 * lab's rule, decided and documented: two nodes gossip when, in both directions, a UDP datagram
 * from 7946 to 7946 arrives and a TCP connection to 7946 opens, all through the real packet walk
 * (memberlist probes over UDP and syncs full state over TCP; Docker's docs ask for both open).
 * Probed again every second of lab time, like memberlist's probe interval. A node that does not
 * gossip with another forgets its endpoints: no FDB entries, no names, no tasks behind its VIPs.
 */

function gossipListener(ns: NetNs, proto: 'tcp' | 'udp'): boolean {
  return ns.listeners.some((l) => l.proto === proto && l.port === GOSSIP_PORT && l.app.kind === 'swarm' && l.app.role === 'gossip');
}

function reaches(world: DockerWorld, from: NetNs, to: NetNs, addr: string): boolean {
  const udp = sendFrom(world, from, { proto: 'udp', dst: addr, dport: GOSSIP_PORT, sport: GOSSIP_PORT });
  if (!udp.ok || udp.ns !== to || !gossipListener(to, 'udp')) return false;
  const tcp = roundTrip(world, from, { proto: 'tcp', dst: addr, dport: GOSSIP_PORT });
  return tcp.ok && tcp.there.ok && tcp.there.ns === to && gossipListener(to, 'tcp');
}

/** The nodes that are in the swarm right now, with their host namespaces. */
function members(world: DockerWorld, cluster: SwarmCluster): { node: SwarmNode; ns: NetNs }[] {
  const out: { node: SwarmNode; ns: NetNs }[] = [];
  for (const node of Object.values(cluster.nodes)) {
    const host = Object.hasOwn(world.hosts, node.host) ? world.hosts[node.host]! : undefined;
    if (node.left || !host || host.docker.swarm?.nodeId !== node.id) continue;
    out.push({ node, ns: world.netns[host.nsId]! });
  }
  return out;
}

/** Probes every pair of nodes; returns whether who-gossips-with-whom changed. */
export function refreshGossip(world: DockerWorld, cluster: SwarmCluster): boolean {
  const nodes = members(world, cluster);
  const next: Record<string, string[]> = {};
  for (const { node } of nodes) next[node.id] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      if (!reaches(world, a.ns, b.ns, b.node.addr) || !reaches(world, b.ns, a.ns, a.node.addr)) continue;
      next[a.node.id]!.push(b.node.id);
      next[b.node.id]!.push(a.node.id);
    }
  }
  for (const list of Object.values(next)) list.sort();
  const changed = JSON.stringify(next) !== JSON.stringify(cluster.gossip ?? {});
  if (changed) {
    cluster.gossip = next;
    cluster.dataplaneDirty = true;
    world.revision++;
  }
  return changed;
}
