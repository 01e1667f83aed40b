import type { SwarmCluster, SwarmNetwork } from '../docker/types';
import type { DockerWorld } from '../docker/world';
import { addressGroups, endpointLabel, type Place } from './places';
import { noSwarmMessage, runningTasks, serviceNamed, taskContainer } from './swarm-view';

/**
 * What a `resolvesTo` target stands for: a container (any of its addresses must be among the
 * answers), `tasks:<svc>` (every running task's address on a network the asker shares with the
 * service) or `vip:<svc>` (the service's virtual IP on such a network).
 */
export interface Expected {
  label: string;
  kind: 'any' | 'all';
  any: string[];
  all: string[];
}

const bare = (cidr: string) => cidr.split('/')[0]!;

/** Overlays the asking container is attached to, by the id its node shares with the swarm, or by name. */
function sharedNetworks(cluster: SwarmCluster, from: Place): SwarmNetwork[] {
  if (!from.container) return [];
  const { host, c } = from.container;
  const ids = new Set(c.endpoints.map((e) => e.networkId));
  const names = new Set(c.endpoints.map((e) => host.docker.networks[e.networkId]).filter((n) => n?.scope === 'swarm').map((n) => n!.name));
  return Object.values(cluster.networks).filter((n) => ids.has(n.id) || names.has(n.name));
}

export function expectedAnswers(world: DockerWorld, cluster: SwarmCluster | null, from: Place, target: string): Expected | string {
  const m = /^(tasks|vip):(.+)$/.exec(target);
  if (!m) {
    const groups = addressGroups(world, cluster, target);
    if (typeof groups === 'string') return groups;
    return { label: endpointLabel(world, target), kind: 'any', any: groups.flatMap((g) => g.addrs), all: [] };
  }
  const [, kind, name] = m as unknown as [string, 'tasks' | 'vip', string];
  if (!cluster) return noSwarmMessage(world);
  const svc = serviceNamed(cluster, name);
  if (!svc) return `there is no service named ${name}`;
  const shared = sharedNetworks(cluster, from);
  if (shared.length === 0) return `${from.label} shares no network with ${name}`;
  const onShared = (networkId: string) => shared.some((n) => n.id === networkId);
  if (kind === 'vip') {
    if (svc.spec.endpointMode !== 'vip') return `${name} has no virtual IP (endpoint mode ${svc.spec.endpointMode})`;
    const vips = svc.vips.filter((v) => onShared(v.networkId)).map((v) => bare(v.addr));
    return { label: `the virtual IP of ${name}`, kind: 'any', any: vips, all: [] };
  }
  const tasks = runningTasks(cluster, svc);
  if (tasks.length === 0) return `service ${name} has no running task`;
  const addrs: string[] = [];
  for (const t of tasks) {
    const found = taskContainer(world, cluster, t);
    for (const net of shared.filter((n) => svc.spec.networks.includes(n.id))) {
      // The task container's own address on that network, as its node plumbed it; else the manager's allocation.
      const ep = found?.c.endpoints.find((e) => e.networkId === net.id || found.host.docker.networks[e.networkId]?.name === net.name);
      const ip = ep?.live?.ip ?? (t.addresses.find((a) => a.networkId === net.id) ? bare(t.addresses.find((a) => a.networkId === net.id)!.addr) : null);
      if (ip) addrs.push(ip);
    }
  }
  if (addrs.length === 0) return `${from.label} shares no network with the tasks of ${name}`;
  return { label: `the tasks of ${name}`, kind: 'all', any: [], all: addrs };
}
