import { fileInside } from '../docker/daemon/etc-files';
import { findContainer, isRunning } from '../docker/daemon/lookup';
import type { ContainerRec, SwarmCluster } from '../docker/types';
import type { DockerWorld, HostState } from '../docker/world';
import type { NetNs } from '../kernel/types';
import { isIPv4 } from '../util/ipv4';
import { onHost } from './criteria';
import { noSwarmMessage, runningTasks, serviceNamed, taskContainer, taskShortName, nodeHost } from './swarm-view';

/**
 * Endpoints of probes: "c1", "c1@host2", "host1", "laptop", "service:web". A place is where a
 * probe runs from, with the files its resolver reads, exactly as a process there reads them.
 */

export interface Place {
  /** How messages name it: "c2", "api on host2", "web.3 on host3", "laptop". */
  label: string;
  ns: NetNs | null;
  hosts: string;
  resolv: string;
  /** Why this place cannot send anything (a stopped container). */
  problem: string | null;
  /** The container behind it, for the networks it shares with others. */
  container: { host: HostState; c: ContainerRec } | null;
}

export const SERVICE_PREFIX = 'service:';

export function isServiceRef(ref: string): boolean {
  return ref.startsWith(SERVICE_PREFIX);
}

/** "c1@host2" -> ["c1", "host2"]; "c1" -> ["c1", the first host]. */
export function splitRef(world: DockerWorld, ref: string): [string, string] {
  const i = ref.lastIndexOf('@');
  return i > 0 ? [ref.slice(0, i), ref.slice(i + 1)] : [ref, world.hostOrder[0]!];
}

/** The name a process would type for an endpoint: "c1@host2" is c1, "service:web" is web. */
export function nameOf(world: DockerWorld, ref: string): string {
  if (isServiceRef(ref)) return ref.slice(SERVICE_PREFIX.length);
  if (Object.hasOwn(world.hosts, ref) || Object.hasOwn(world.machines, ref)) return ref;
  return splitRef(world, ref)[0];
}

function containerPlace(world: DockerWorld, host: HostState, c: ContainerRec, label: string): Place {
  const ctx = { world, host };
  if (!isRunning(c) || !c.nsId) return { label, ns: null, hosts: '', resolv: '', problem: `${label} is not running`, container: { host, c } };
  return { label, ns: world.netns[c.nsId] ?? null, hosts: fileInside(ctx, c, '/etc/hosts'), resolv: fileInside(ctx, c, '/etc/resolv.conf'), problem: null, container: { host, c } };
}

function findOn(world: DockerWorld, hostName: string, name: string): { host: HostState; c: ContainerRec } | string {
  const host = Object.hasOwn(world.hosts, hostName) ? world.hosts[hostName]! : null;
  if (!host) return `there is no host ${hostName}`;
  const c = findContainer({ world, host }, name);
  if (!c || c === 'ambiguous') return `there is no container named ${onHost(name, hostName, world.hostOrder[0]!)}`;
  return { host, c };
}

/** Where a probe runs from: one place, or one per running task of a service. A string says why there is none. */
export function placesOf(world: DockerWorld, cluster: SwarmCluster | null, ref: string): Place[] | string {
  if (Object.hasOwn(world.hosts, ref)) {
    const h = world.hosts[ref]!;
    return [{ label: ref, ns: world.netns[h.nsId] ?? null, hosts: h.files['/etc/hosts'] ?? '', resolv: h.files['/etc/resolv.conf'] ?? '', problem: null, container: null }];
  }
  if (Object.hasOwn(world.machines, ref)) {
    const m = world.machines[ref]!;
    return [{ label: ref, ns: world.netns[m.nsId] ?? null, hosts: m.files['/etc/hosts'] ?? '', resolv: m.files['/etc/resolv.conf'] ?? '', problem: null, container: null }];
  }
  if (isServiceRef(ref)) {
    const name = ref.slice(SERVICE_PREFIX.length);
    if (!cluster) return noSwarmMessage(world);
    const svc = serviceNamed(cluster, name);
    if (!svc) return `there is no service named ${name}`;
    const tasks = runningTasks(cluster, svc);
    if (tasks.length === 0) return `service ${name} has no running task`;
    return tasks.map((t) => {
      const label = `${taskShortName(svc, t)} on ${nodeHost(cluster, t)}`;
      const found = taskContainer(world, cluster, t);
      return found ? containerPlace(world, found.host, found.c, label) : { label, ns: null, hosts: '', resolv: '', problem: `${label} has no container`, container: null };
    });
  }
  const [name, hostName] = splitRef(world, ref);
  const found = findOn(world, hostName, name);
  if (typeof found === 'string') return found;
  return [containerPlace(world, found.host, found.c, onHost(name, hostName, world.hostOrder[0]!))];
}

export interface AddressGroup {
  label: string;
  addrs: string[];
  /** Why it has none (a stopped container). */
  problem: string | null;
}

/** The addresses of an endpoint, one group per machine behind it (a service: one per running task). */
export function addressGroups(world: DockerWorld, cluster: SwarmCluster | null, ref: string): AddressGroup[] | string {
  if (isIPv4(ref)) return [{ label: ref, addrs: [ref], problem: null }];
  const places = placesOf(world, cluster, ref);
  if (typeof places === 'string') return places;
  const host = Object.hasOwn(world.hosts, ref) ? world.hosts[ref] : Object.hasOwn(world.machines, ref) ? world.machines[ref] : null;
  if (host) return [{ label: ref, addrs: [host.address], problem: null }];
  return places.map((p) => {
    const addrs = p.container ? p.container.c.endpoints.map((e) => e.live?.ip).filter((x): x is string => !!x) : [];
    return { label: p.label, addrs, problem: addrs.length ? null : (p.problem ?? `${p.label} has no IP address on any network`) };
  });
}

/** How a message names an endpoint: "c3", "api2 on host2", "service web", "laptop", "8.8.8.8". */
export function endpointLabel(world: DockerWorld, ref: string): string {
  if (isIPv4(ref) || Object.hasOwn(world.hosts, ref) || Object.hasOwn(world.machines, ref)) return ref;
  if (isServiceRef(ref)) return `service ${nameOf(world, ref)}`;
  const [name, host] = splitRef(world, ref);
  return onHost(name, host, world.hostOrder[0]!);
}
