import { broadcastOf, cidrString, networkOf, parseCidr, type Cidr } from '../../util/ipv4';
import { randomId } from '../../util/rng';
import type { NetworkCreateSpec } from '../api';
import { err, ok, touch, type DockerCtx, type DResult } from '../context';
import { driverFor } from '../drivers/registry';
import { allocatePredefinedPool, firstHost, lowestFree, poolMates, poolOverlaps, takenByMates } from './ipam';
import { syncFirewall } from './firewall';
import { networkEvent } from './events';
import { isRunning } from './lookup';
import type { IpamConfig, NetworkRec } from '../types';

export const PREDEFINED = ['bridge', 'host', 'none'];

/** Docker's own drivers that this lab does not have yet (they answer sim: or the swarm error). */
const COMING = ['overlay'];

/** The daemon's own checks of a create request, which come before a swarm network goes to the managers. */
export function localCreateProblem(ctx: DockerCtx, spec: NetworkCreateSpec): string | null {
  if ([...PREDEFINED, 'default'].includes(spec.name)) return `operation is not permitted on predefined ${spec.name} network `;
  if (Object.values(ctx.host.docker.networks).some((n) => n.name === spec.name)) return `network with name ${spec.name} already exists`;
  return null;
}

export function createNetwork(ctx: DockerCtx, spec: NetworkCreateSpec): DResult<NetworkRec> {
  const d = ctx.host.docker;
  const local = localCreateProblem(ctx, spec);
  if (local) return err(local);
  const driver = driverFor(spec.driver);
  if (!driver && !COMING.includes(spec.driver)) {
    return err(`could not find plugin ${spec.driver} in v1 plugin registry: plugin not found`);
  }
  if (driver?.singleton) return err(`only one instance of "${spec.driver}" network is allowed`);
  if (spec.driver === 'overlay' || spec.scope === 'swarm') {
    return err(
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    );
  }
  // Validate user subnets (daemon side): host bits set, then overlap.
  const cfgs: IpamConfig[] = [];
  for (const c of spec.ipam) {
    const sub = parseCidr(c.Subnet)!;
    const canonical = `${networkOf(sub.ip, sub.prefix)}/${sub.prefix}`;
    if (canonical !== c.Subnet) {
      return err(`invalid network config:\ninvalid subnet ${c.Subnet}: it should be ${canonical}`);
    }
    cfgs.push({ ...c });
  }
  // The driver reads its options first (libnetwork's GetSkipGwAlloc runs before IPAM).
  const validation = driver?.validate?.(ctx, spec);
  if (validation) return err(validation);
  for (const c of cfgs) {
    if (poolOverlaps(ctx, c)) {
      return err('invalid pool request: Pool overlaps with other one on this address space');
    }
  }
  // The pool reserves the network and broadcast addresses of prefixes shorter than /31, so a
  // gateway there is already taken (moby@v28.5.2 libnetwork/ipams/defaultipam/allocator.go newPoolData).
  for (const c of cfgs) {
    const sub = parseCidr(c.Subnet)!;
    if (c.Gateway && sub.prefix < 31 && (c.Gateway === networkOf(sub.ip, sub.prefix) || c.Gateway === broadcastOf(sub.ip, sub.prefix))) {
      return err(`failed to allocate gateway (${c.Gateway}): Address already in use`);
    }
  }
  // An IPAM driver other than "default" or "null" is a plugin, and this daemon has none
  // (moby@v28.5.2 plugin/store.go: the v1 lookup's miss surfaces as errNotFound).
  if (spec.ipamDriver !== undefined && !['default', 'null', ''].includes(spec.ipamDriver)) {
    // The plugin lookup retries with back-off (1+2+4+8 s) before it gives up.
    ctx.world.clock += 15_000;
    return err(`plugin "${spec.ipamDriver}" not found`);
  }
  if (!driver) return err(`sim: the ${spec.driver} driver is not part of this lab yet`);
  const userSubnet = cfgs.length > 0;
  if (!userSubnet) {
    const pool = allocatePredefinedPool(ctx);
    if (!pool) return err('all predefined address pools have been fully subnetted');
    cfgs.push({ Subnet: cidrString(pool) });
  }
  const id = randomId(ctx.world.rng);
  const net: NetworkRec = {
    id,
    name: spec.name,
    driver: spec.driver,
    scope: 'local',
    created: ctx.world.clock,
    internal: spec.internal,
    attachable: spec.attachable,
    ingress: false,
    enableIPv4: spec.ipv4,
    enableIPv6: spec.ipv6,
    ipamDriver: spec.ipamDriver || 'default',
    ipamOptions: {},
    ipam: cfgs,
    options: { ...spec.options },
    labels: { ...spec.labels },
    device: null,
    allocated: {},
    userSubnet,
    predefined: false,
  };
  for (const c of cfgs) {
    const sub = parseCidr(c.Subnet)!;
    // Networks that share this subnet's pool (created with --ip-range) share its addresses too.
    const mates = poolMates(ctx, c.Subnet);
    if (c.Gateway && takenByMates(mates, c.Gateway)) return err(`failed to allocate gateway (${c.Gateway}): Address already in use`);
    if (!c.Gateway) c.Gateway = driver.defaultGateway?.(net, lowestFree(sub, mates) ?? firstHost(sub)) ?? undefined;
    if (c.Gateway) net.allocated[c.Gateway] = 'gateway';
    else delete c.Gateway;
    for (const [name, ip] of Object.entries(c.AuxiliaryAddresses ?? {})) {
      if (Object.hasOwn(net.allocated, ip) || takenByMates(mates, ip)) return err(`failed to allocate secondary ip address (${name}:${ip}): Address already in use`);
      net.allocated[ip] = 'aux';
    }
  }
  const failed = driver.createNetwork(ctx, net);
  if (failed) return err(failed);
  d.networks[id] = net;
  syncFirewall(ctx);
  touch(ctx);
  networkEvent(ctx, net, 'create');
  return ok(net);
}

export function removeNetwork(ctx: DockerCtx, net: NetworkRec): DResult<null> {
  if (net.predefined) return err(`${net.name} is a pre-defined network and cannot be removed`);
  const active = Object.values(ctx.host.docker.containers).filter(
    (c) => isRunning(c) && c.endpoints.some((e) => e.networkId === net.id && e.live),
  );
  const own = net.serviceEndpoints ?? [];
  if (active.length > 0 || own.length > 0) {
    const list = active
      .map((c) => {
        const ep = c.endpoints.find((e) => e.networkId === net.id)!;
        const name = ep.sandboxGateway ? `gateway_${(c.sandboxId ?? c.id).slice(0, 12)}` : c.name;
        return `name:"${name}" id:"${ep.live!.endpointId.slice(0, 12)}"`;
      })
      .concat(own.map((e) => `name:"${e.name}" id:"${e.endpointId.slice(0, 12)}"`))
      .join(', ');
    return err(`error while removing network: network ${net.name} has active endpoints (${list})`);
  }
  driverFor(net.driver)?.deleteNetwork(ctx, net);
  delete ctx.host.docker.networks[net.id];
  syncFirewall(ctx);
  touch(ctx);
  networkEvent(ctx, net, 'destroy');
  return ok(null);
}

/** The three networks every daemon starts with, and docker0. */
export function createDefaultNetworks(ctx: DockerCtx): void {
  const d = ctx.host.docker;
  const mk = (name: string, driver: string, ipam: IpamConfig[], options: Record<string, string>): NetworkRec => {
    const id = randomId(ctx.world.rng);
    const n: NetworkRec = {
      id,
      name,
      driver,
      scope: 'local',
      created: ctx.world.clock - 3_600_000 * 26,
      internal: false,
      attachable: false,
      ingress: false,
      enableIPv4: driver === 'bridge',
      enableIPv6: false,
      ipamDriver: 'default',
      ipamOptions: null,
      ipam,
      options,
      labels: {},
      device: name === 'bridge' ? 'docker0' : null,
      allocated: {},
      userSubnet: false,
      predefined: true,
    };
    d.networks[id] = n;
    return n;
  };
  const bridge = mk('bridge', 'bridge', [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }], {
    'com.docker.network.bridge.default_bridge': 'true',
    'com.docker.network.bridge.enable_icc': 'true',
    'com.docker.network.bridge.enable_ip_masquerade': 'true',
    'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
    'com.docker.network.bridge.name': 'docker0',
    'com.docker.network.driver.mtu': '1500',
  });
  bridge.allocated['172.17.0.1'] = 'gateway';
  mk('host', 'host', [], {});
  mk('none', 'null', [], {});
  driverFor('bridge')!.createNetwork(ctx, bridge);
  syncFirewall(ctx);
}

export function subnetOf(net: NetworkRec): Cidr | null {
  return net.ipam[0] ? parseCidr(net.ipam[0].Subnet) : null;
}
