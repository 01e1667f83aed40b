import { err, ok, type DResult } from '../api';
import type { ServicePort, ServiceSpec, SwarmCluster, SwarmService } from '../types';
import type { DockerWorld } from '../world';
import { nextInt } from '../../util/rng';
import { generateName } from '../daemon/names';
import { base36 } from './ids';
import { allocateSerial, findSwarmNetwork, releaseSerial } from './overlays';
import { constraintError } from './scheduler';
import { installSpec, nextIndex } from './service-update';

/**
 * Services as the managers keep them (swarmkit controlapi/service.go): validation with its
 * texts, published ports (30000–32767 when none is given), and a virtual IP per attached network
 * in VIP mode. Tasks are the orchestrator's business (orchestrator.ts).
 */

const rpc = (code: string, desc: string) => `rpc error: code = ${code} desc = ${desc}`;

const DYNAMIC_PORTS = { lo: 30000, hi: 32767 };

export const MAX_REPLICAS = 100;

export function findService(cluster: SwarmCluster, ref: string): SwarmService | null {
  const found = lookupService(cluster, ref);
  return found.ok ? found.value : null;
}

/** moby daemon/cluster/helpers.go getService: full id, then name, then a unique id prefix. */
export function lookupService(cluster: SwarmCluster, ref: string): DResult<SwarmService> {
  const all = Object.values(cluster.services);
  if (Object.hasOwn(cluster.services, ref)) return ok(cluster.services[ref]!);
  const byName = all.filter((s) => s.spec.name === ref);
  const matches = byName.length > 0 ? byName : ref === '' ? [] : all.filter((s) => s.id.startsWith(ref));
  if (matches.length === 1) return ok(matches[0]!);
  if (matches.length > 1) return err(`service ${ref} is ambiguous (${matches.length} matches found)`);
  return err(`service ${ref} not found`);
}

function ingressOf(cluster: SwarmCluster) {
  return Object.values(cluster.networks).find((n) => n.ingress) ?? null;
}

/** Ports published in ingress mode by any service but `except`, for conflict checks. */
function portsInUse(cluster: SwarmCluster, except: string | null): { svc: SwarmService; port: ServicePort }[] {
  const out: { svc: SwarmService; port: ServicePort }[] = [];
  for (const s of Object.values(cluster.services)) {
    if (s.id === except) continue;
    for (const p of s.spec.ports) out.push({ svc: s, port: p });
  }
  return out;
}

function validatePorts(cluster: SwarmCluster, spec: ServiceSpec, except: string | null): string | null {
  const seen = new Set<string>();
  for (const p of spec.ports) {
    if (p.mode === 'ingress' && spec.endpointMode === 'dnsrr') return rpc('InvalidArgument', "EndpointSpec: port published with ingress mode can't be used with dnsrr mode");
    if (p.published === 0) continue;
    const key = `${p.published}/${p.protocol}`;
    if (seen.has(key)) return rpc('InvalidArgument', 'EndpointSpec: duplicate published ports provided');
    seen.add(key);
    for (const { svc, port } of portsInUse(cluster, except)) {
      if (port.published !== p.published || port.protocol !== p.protocol) continue;
      if (port.mode === 'ingress' || p.mode === 'ingress') {
        return rpc('InvalidArgument', `port '${p.published}' is already in use by service '${svc.spec.name}' (${svc.id}) as an ingress port`);
      }
    }
  }
  return null;
}

/** Fills in published ports the user left out (the dynamic range), in order. */
function assignPorts(cluster: SwarmCluster, spec: ServiceSpec, except: string | null): void {
  const used = new Set(portsInUse(cluster, except).map(({ port }) => `${port.published}/${port.protocol}`));
  for (const p of spec.ports) if (p.published) used.add(`${p.published}/${p.protocol}`);
  for (const p of spec.ports) {
    if (p.published !== 0 || p.mode !== 'ingress') continue;
    for (let n = DYNAMIC_PORTS.lo; n <= DYNAMIC_PORTS.hi; n++) {
      if (used.has(`${n}/${p.protocol}`)) continue;
      p.published = n;
      used.add(`${n}/${p.protocol}`);
      break;
    }
  }
}

/** The networks a service's tasks join: ingress first when it publishes through the mesh. */
export function serviceNetworks(cluster: SwarmCluster, spec: ServiceSpec): string[] {
  const ingress = ingressOf(cluster);
  const out = [...spec.networks];
  if (ingress && spec.ports.some((p) => p.mode === 'ingress') && !out.includes(ingress.id)) out.unshift(ingress.id);
  return out;
}

function allocateVips(cluster: SwarmCluster, svc: SwarmService): void {
  const wanted = svc.spec.endpointMode === 'vip' ? serviceNetworks(cluster, svc.spec) : [];
  for (const v of svc.vips) {
    if (!wanted.includes(v.networkId) && Object.hasOwn(cluster.networks, v.networkId)) releaseSerial(cluster.networks[v.networkId]!, v.addr.split('/')[0]!);
  }
  svc.vips = svc.vips.filter((v) => wanted.includes(v.networkId));
  for (const id of wanted) {
    if (svc.vips.some((v) => v.networkId === id)) continue;
    const net = cluster.networks[id];
    if (!net) continue;
    const ip = allocateSerial(net, `vip:${svc.id}`);
    if (!ip) continue;
    svc.vips.push({ networkId: id, addr: `${ip}/${net.subnet.split('/')[1]}` });
    // Each VIP gets its load balancer's firewall mark (marks are never reused).
    const marks = (svc.fwmarks ??= {});
    if (!Object.hasOwn(marks, id)) marks[id] = cluster.nextFwmark = (cluster.nextFwmark ?? 255) + 1;
  }
  cluster.dataplaneDirty = true;
}

/** swarmkit controlapi/common.go validateAnnotations. */
const DNS_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

export function validateSpec(cluster: SwarmCluster, spec: ServiceSpec, except: string | null): string | null {
  if (!DNS_NAME.test(spec.name)) return rpc('InvalidArgument', 'name must be valid as a DNS name component');
  if (spec.name.length > 63) return rpc('InvalidArgument', 'name must be 63 characters or fewer');
  if (!spec.image) return rpc('InvalidArgument', 'ContainerSpec: image reference must be provided');
  if (spec.mode !== 'global' && spec.mode.replicas < 0) return rpc('InvalidArgument', 'Number of replicas must be non-negative');
  // Every task is a container with its own network stack in the browser: a bound keeps the tab alive.
  if (spec.mode !== 'global' && spec.mode.replicas > MAX_REPLICAS) return `sim: this lab runs at most ${MAX_REPLICAS} replicas of a service`;
  const constraint = constraintError(spec.constraints);
  if (constraint) return rpc('InvalidArgument', constraint);
  for (const id of spec.networks) {
    const net = cluster.networks[id];
    if (net?.ingress) return rpc('InvalidArgument', `Service cannot be explicitly attached to the ingress network "${net.name}"`);
  }
  const ports = validatePorts(cluster, spec, except);
  if (ports) return ports;
  if (spec.ports.some((p) => p.mode === 'ingress') && !ingressOf(cluster)) return rpc('FailedPrecondition', 'service needs ingress network, but no ingress network is present');
  return null;
}

export function createService(world: DockerWorld, cluster: SwarmCluster, spec: ServiceSpec): DResult<SwarmService> {
  // No --name: the daemon picks one as it does for containers (moby daemon/cluster/convert/service.go).
  if (spec.name === '') spec = { ...spec, name: generateName((n) => nextInt(world.rng, n), 0) };
  if (Object.values(cluster.services).some((s) => s.spec.name === spec.name)) {
    return err(rpc('AlreadyExists', `name conflicts with an existing object: service ${spec.name} already exists`));
  }
  const problem = validateSpec(cluster, spec, null);
  if (problem) return err(problem);
  assignPorts(cluster, spec, null);
  const svc: SwarmService = { id: base36(world.rng, 25), spec, previous: null, created: world.clock, updated: world.clock, version: 1, vips: [], index: nextIndex(cluster), updateStatus: null };
  allocateVips(cluster, svc);
  cluster.services[svc.id] = svc;
  world.revision++;
  return ok(svc);
}

export function updateService(world: DockerWorld, cluster: SwarmCluster, svc: SwarmService, next: ServiceSpec): DResult<SwarmService> {
  if (next.name !== svc.spec.name) return err(rpc('Unimplemented', 'renaming services is not supported'));
  if ((next.mode === 'global') !== (svc.spec.mode === 'global')) return err(rpc('Unimplemented', 'service mode change is not allowed'));
  const problem = validateSpec(cluster, next, svc.id);
  if (problem) return err(problem);
  assignPorts(cluster, next, svc.id);
  installSpec(world, cluster, svc, next, false);
  allocateVips(cluster, svc);
  world.revision++;
  return ok(svc);
}

/** `service rollback` / `update --rollback`: the previous spec comes back (controlapi UpdateService, Rollback PREVIOUS). */
export function rollbackService(world: DockerWorld, cluster: SwarmCluster, svc: SwarmService): DResult<SwarmService> {
  if (!svc.previous) return err(rpc('FailedPrecondition', `service ${svc.id} does not have a previous spec`));
  const problem = validateSpec(cluster, svc.previous, svc.id);
  if (problem) return err(problem);
  installSpec(world, cluster, svc, svc.previous, true);
  assignPorts(cluster, svc.spec, svc.id);
  allocateVips(cluster, svc);
  world.revision++;
  return ok(svc);
}

export function removeService(world: DockerWorld, cluster: SwarmCluster, svc: SwarmService): void {
  for (const v of svc.vips) {
    const net = cluster.networks[v.networkId];
    if (net) releaseSerial(net, v.addr.split('/')[0]!);
  }
  delete cluster.services[svc.id];
  cluster.dataplaneDirty = true;
  // Its tasks get desired state REMOVE: the agents stop them, the reaper deletes them (swarmkit orchestrator/service.go SetServiceTasksRemove).
  for (const t of Object.values(cluster.tasks)) if (t.serviceId === svc.id) t.desired = 'remove';
  world.revision++;
}

export function resolveServiceNetworks(cluster: SwarmCluster, refs: string[]): DResult<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    const net = findSwarmNetwork(cluster, ref);
    if (!net) return err(`network ${ref} not found`);
    ids.push(net.id);
  }
  return ok(ids);
}
