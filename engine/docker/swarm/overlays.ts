import { intToIp, ipToInt, parseCidr, subnetsOverlap, type Cidr } from '../../util/ipv4';
import { err, ok, type DResult } from '../api';
import type { SwarmCluster, SwarmNetwork } from '../types';
import type { DockerWorld } from '../world';
import { base36 } from './ids';

/**
 * Swarm-scoped networks as the managers allocate them: subnets first-fit from the default address
 * pool (10.0.0.0/8 in /24s), VNIs serially from 4096 (ingress takes the first of both at init),
 * and addresses inside a subnet serially (libnetwork's cnmallocator forces serial allocation).
 */

const rpc = (code: string, desc: string) => `rpc error: code = ${code} desc = ${desc}`;

export interface OverlaySpec {
  name: string;
  subnet: string | null;
  gateway: string | null;
  attachable: boolean;
  ingress: boolean;
  internal: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
}

function poolSubnets(cluster: SwarmCluster): Cidr[] {
  return Object.values(cluster.networks).map((n) => parseCidr(n.subnet)!).filter(Boolean);
}

function nextSubnet(cluster: SwarmCluster): Cidr | null {
  const pool = parseCidr(cluster.defaultAddrPool);
  if (!pool) return null;
  const size = cluster.subnetSize;
  const used = poolSubnets(cluster);
  const step = 2 ** (32 - size);
  const base = ipToInt(pool.ip);
  const count = 2 ** (size - pool.prefix);
  for (let i = 0; i < count; i++) {
    const cand: Cidr = { ip: intToIp(base + i * step), prefix: size };
    if (!used.some((u) => subnetsOverlap(u, cand))) return cand;
  }
  return null;
}

export function findSwarmNetwork(cluster: SwarmCluster, ref: string): SwarmNetwork | null {
  const all = Object.values(cluster.networks);
  return (
    (Object.hasOwn(cluster.networks, ref) ? cluster.networks[ref]! : undefined) ??
    all.find((n) => n.name === ref) ??
    (all.filter((n) => n.id.startsWith(ref)).length === 1 ? all.find((n) => n.id.startsWith(ref))! : null)
  );
}

export function createOverlay(world: DockerWorld, cluster: SwarmCluster, spec: OverlaySpec): DResult<SwarmNetwork> {
  if (spec.ingress && spec.attachable) return err(rpc('InvalidArgument', 'ingress network cannot be attachable'));
  if (Object.values(cluster.networks).some((n) => n.name === spec.name)) return err(`network with name ${spec.name} already exists`);
  if (spec.ingress) {
    const existing = Object.values(cluster.networks).find((n) => n.ingress);
    if (existing) return err(rpc('AlreadyExists', `ingress network (${existing.id}) is already present`));
  }
  let subnet: Cidr | null;
  if (spec.subnet) {
    subnet = parseCidr(spec.subnet);
    if (!subnet) return err(rpc('InvalidArgument', `ipam configuration: invalid subnet ${spec.subnet}`));
  } else subnet = nextSubnet(cluster);
  if (!subnet) return err('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
  const first = intToIp(ipToInt(subnet.ip) + 1);
  const net: SwarmNetwork = {
    id: base36(world.rng, 25),
    name: spec.name,
    vni: cluster.nextVni++,
    subnet: `${subnet.ip}/${subnet.prefix}`,
    gateway: spec.gateway ?? first,
    attachable: spec.attachable,
    ingress: spec.ingress,
    internal: spec.internal,
    encrypted: Object.hasOwn(spec.options, 'encrypted'),
    labels: { ...spec.labels },
    options: { ...spec.options },
    created: world.clock,
    allocated: {},
    nextHost: 1,
  };
  net.allocated[net.gateway] = 'gateway';
  cluster.networks[net.id] = net;
  world.revision++;
  return ok(net);
}

/** The next free address of a swarm network, serially from where the last one was taken. */
export function allocateSerial(net: SwarmNetwork, owner: string): string | null {
  const c = parseCidr(net.subnet)!;
  const base = ipToInt(c.ip);
  const size = 2 ** (32 - c.prefix);
  for (let k = 0; k < size - 2; k++) {
    const host = ((net.nextHost - 1 + k) % (size - 2)) + 1;
    const ip = intToIp(base + host);
    if (Object.hasOwn(net.allocated, ip)) continue;
    net.allocated[ip] = owner;
    net.nextHost = host + 1 > size - 2 ? 1 : host + 1;
    return ip;
  }
  return null;
}

export function releaseSerial(net: SwarmNetwork, ip: string | null): void {
  if (ip && Object.hasOwn(net.allocated, ip) && net.allocated[ip] !== 'gateway') delete net.allocated[ip];
}

export function removeOverlay(world: DockerWorld, cluster: SwarmCluster, net: SwarmNetwork): DResult<null> {
  if (net.ingress && Object.values(cluster.services).some((s) => s.spec.ports.some((p) => p.mode === 'ingress'))) {
    const svc = Object.values(cluster.services).find((s) => s.spec.ports.some((p) => p.mode === 'ingress'))!;
    return err(rpc('FailedPrecondition', `ingress network cannot be removed because service ${svc.id} depends on it`));
  }
  const user = Object.values(cluster.services).find((s) => s.spec.networks.includes(net.id));
  if (user) return err(rpc('FailedPrecondition', `network ${net.id} is in use by service ${user.id}`));
  delete cluster.networks[net.id];
  world.revision++;
  return ok(null);
}
