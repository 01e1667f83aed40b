import { liveTask } from '../docker/swarm/scheduler';
import type { ContainerRec, SwarmCluster, SwarmNetwork, SwarmNode, SwarmService, SwarmTask } from '../docker/types';
import type { DockerWorld, HostState } from '../docker/world';

/**
 * The swarm as the checker reads it: the managers' replicated state in `world.swarms`, the same
 * record every manager answers `docker node ls` and `docker service ps` from. Read only.
 */

/** The lab's swarm: the first host's, else the first one any host belongs to. */
export function swarmOf(world: DockerWorld): SwarmCluster | null {
  const swarms = world.swarms ?? {};
  for (const h of world.hostOrder) {
    const m = world.hosts[h]?.docker.swarm;
    if (m && Object.hasOwn(swarms, m.clusterId)) return swarms[m.clusterId]!;
  }
  return null;
}

export function noSwarmMessage(world: DockerWorld): string {
  return `${world.hostOrder[0]} is not in a swarm`;
}

/** A node by hostname, preferring one that has not left (a host that rejoined has two records). */
export function nodeNamed(cluster: SwarmCluster, host: string): SwarmNode | null {
  const all = Object.values(cluster.nodes).filter((n) => n.host === host);
  return all.find((n) => !n.left) ?? all[0] ?? null;
}

export function serviceNamed(cluster: SwarmCluster, name: string): SwarmService | null {
  return Object.values(cluster.services).find((s) => s.spec.name === name) ?? null;
}

export function swarmNetworkNamed(cluster: SwarmCluster, name: string): SwarmNetwork | null {
  return Object.values(cluster.networks).find((n) => n.name === name) ?? null;
}

/** Tasks in state Running that the orchestrator still wants running. */
export function runningTasks(cluster: SwarmCluster, svc: SwarmService): SwarmTask[] {
  return Object.values(cluster.tasks)
    .filter((t) => t.serviceId === svc.id && t.state === 'running' && liveTask(t))
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (nodeHost(cluster, a) < nodeHost(cluster, b) ? -1 : 1));
}

export function nodeHost(cluster: SwarmCluster, t: SwarmTask): string {
  return Object.hasOwn(cluster.nodes, t.nodeId) ? cluster.nodes[t.nodeId]!.host : '';
}

/** "web.3", or "web" for a global service's task (its real name carries the node id). */
export function taskShortName(svc: SwarmService, t: SwarmTask): string {
  return t.slot === null ? svc.spec.name : `${svc.spec.name}.${t.slot}`;
}

export function taskContainer(world: DockerWorld, cluster: SwarmCluster, t: SwarmTask): { host: HostState; c: ContainerRec } | null {
  const name = nodeHost(cluster, t);
  const host = Object.hasOwn(world.hosts, name) ? world.hosts[name]! : null;
  if (!host || !t.containerId || !Object.hasOwn(host.docker.containers, t.containerId)) return null;
  return { host, c: host.docker.containers[t.containerId]! };
}

/** Names of the networks a service is attached to, ingress left out. */
export function serviceNetworkNames(cluster: SwarmCluster, svc: SwarmService): string[] {
  return svc.spec.networks
    .map((id) => (Object.hasOwn(cluster.networks, id) ? cluster.networks[id]! : null))
    .filter((n): n is SwarmNetwork => n !== null && !n.ingress)
    .map((n) => n.name);
}
