import type { ContainerRec, ServiceEndpoint, SwarmCluster, SwarmNode } from '../../types';
import type { DockerWorld, HostState } from '../../world';

/**
 * What a node knows of a swarm network: its own endpoints, and those of the nodes that have the
 * network too and gossip with it (NetworkDB tables travel over 7946 only between nodes that both
 * joined the network). The FDB, the load balancers, the routing mesh and the embedded DNS all
 * read this, so a node cut off from another's gossip forgets its containers, tasks and names.
 */

export interface SwarmPlace {
  cluster: SwarmCluster;
  node: SwarmNode;
  host: HostState;
}

export function placeOf(world: DockerWorld, hostName: string): SwarmPlace | null {
  const host = Object.hasOwn(world.hosts, hostName) ? world.hosts[hostName]! : undefined;
  const m = host?.docker.swarm;
  if (!host || !m || !world.swarms || !Object.hasOwn(world.swarms, m.clusterId)) return null;
  const cluster = world.swarms[m.clusterId]!;
  const node = Object.hasOwn(cluster.nodes, m.nodeId) ? cluster.nodes[m.nodeId]! : undefined;
  return node ? { cluster, node, host } : null;
}

/** Whether two nodes exchange gossip (always true for a node and itself). */
export function gossips(cluster: SwarmCluster, a: string, b: string): boolean {
  if (a === b) return true;
  const g = cluster.gossip;
  return !!g && Object.hasOwn(g, a) && g[a]!.includes(b);
}

/** The hosts whose endpoints on `networkId` the node on `hostName` knows: itself first, then its peers on the network. */
export function networkPeers(world: DockerWorld, hostName: string, networkId: string): HostState[] {
  const me = placeOf(world, hostName);
  if (!me) return Object.hasOwn(world.hosts, hostName) ? [world.hosts[hostName]!] : [];
  const out = [me.host];
  for (const name of world.hostOrder) {
    if (name === hostName) continue;
    const other = placeOf(world, name);
    if (!other || other.cluster !== me.cluster || !Object.hasOwn(other.host.docker.networks, networkId)) continue;
    if (gossips(me.cluster, me.node.id, other.node.id)) out.push(other.host);
  }
  return out;
}

export interface KnownEndpoint {
  host: HostState;
  ip: string;
  prefix: number;
  mac: string;
  container: ContainerRec | null;
  sandbox: ServiceEndpoint | null;
}

function running(c: ContainerRec): boolean {
  return c.status === 'running' || c.status === 'paused';
}

/** Every endpoint on a swarm network that the node on `hostName` knows of, its own included. */
export function knownEndpoints(world: DockerWorld, hostName: string, networkId: string): KnownEndpoint[] {
  const out: KnownEndpoint[] = [];
  for (const host of networkPeers(world, hostName, networkId)) {
    for (const id in host.docker.containers) {
      const c = host.docker.containers[id]!;
      if (!running(c)) continue;
      for (const ep of c.endpoints) {
        if (ep.networkId !== networkId || !ep.live?.ip) continue;
        out.push({ host, ip: ep.live.ip, prefix: ep.live.prefix, mac: ep.live.mac, container: c, sandbox: null });
      }
    }
    const net = Object.hasOwn(host.docker.networks, networkId) ? host.docker.networks[networkId]! : undefined;
    for (const s of net?.serviceEndpoints ?? []) out.push({ host, ip: s.ip, prefix: s.prefix, mac: s.mac, container: null, sandbox: s });
  }
  return out;
}

export interface KnownTask {
  serviceId: string;
  taskId: string;
  ip: string;
  host: HostState;
  container: ContainerRec;
}

/** The running tasks the node knows on a network: the backends of its load balancers, its DNS answers. */
export function knownTasks(world: DockerWorld, hostName: string, networkId: string): KnownTask[] {
  const out: KnownTask[] = [];
  for (const e of knownEndpoints(world, hostName, networkId)) {
    const labels = e.container?.config.labels;
    const serviceId = labels?.['com.docker.swarm.service.id'];
    const taskId = labels?.['com.docker.swarm.task.id'];
    if (e.container && serviceId && taskId) out.push({ serviceId, taskId, ip: e.ip, host: e.host, container: e.container });
  }
  return out;
}
