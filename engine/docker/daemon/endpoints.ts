import type { Listener } from '../../kernel/types';
import { matchesCidr, parseCidr } from '../../util/ipv4';
import { randomId } from '../../util/rng';
import type { NetworkAttachSpec } from '../api';
import { hostNs, type DockerCtx } from '../context';
import { driverFor } from '../drivers/registry';
import type { ContainerRec, EndpointConfig, NetworkRec } from '../types';
import { allocateAddress, poolMates, releaseAddress, reserveAddress } from './ipam';
import { hostPortSpan, portRuns } from '../port-map';

/** Endpoints: IPAM, then the driver's plumbing; docker-proxy sockets. */

const NET_ONLY_USER = 'user specified IP address is supported on user defined networks only';

/** Docker's endpoint-settings validation (create and connect), all problems in one error. */
export function endpointSettingsError(net: NetworkRec, s: Pick<NetworkAttachSpec, 'ip' | 'aliases'>): string | null {
  const errs: string[] = [];
  if (s.ip) {
    if (net.predefined) errs.push(NET_ONLY_USER);
    else if (!net.userSubnet) errs.push('user specified IP address is supported only when connecting to networks with user configured subnets');
    else {
      const sub = net.ipam[0]?.Subnet;
      if (!sub || !matchesCidr(s.ip, sub)) errs.push(`no configured subnet or ip-range contain the IP address ${s.ip}`);
    }
  }
  if (s.aliases.length > 0 && net.predefined) errs.push('network-scoped alias is supported only for containers in user defined networks');
  return errs.length ? `invalid endpoint settings:\n${errs.join('\n')}` : null;
}

/** Creates a running container's endpoint on a network: an address from IPAM, then the driver's interface. */
export function joinNetwork(ctx: DockerCtx, c: ContainerRec, ep: EndpointConfig, net: NetworkRec): string | null {
  const driver = driverFor(net.driver);
  if (!driver) return `sim: the ${net.driver} driver is not part of this lab yet`;
  let ip: string | null = null;
  let prefix = 0;
  let gateway = '';
  if (driver.ipam) {
    // Networks sharing the subnet's pool (--ip-range) hand out addresses from one set.
    const mates = net.ipam[0] ? poolMates(ctx, net.ipam[0].Subnet, net) : [];
    // A swarm network's addresses come from the managers (a task's, an attachment's).
    const wanted = ep.ipv4Requested ?? ep.swarmAddr ?? null;
    if (wanted) {
      const r = reserveAddress(net, wanted, c.id, mates);
      if (r === 'in-use') return 'Address already in use';
      if (r === 'outside') return `no configured subnet or ip-range contain the IP address ${wanted}`;
      ip = wanted;
    } else {
      ip = allocateAddress(net, c.id, mates);
      if (!ip) return `no available IPv4 addresses on this network's address pools: ${net.name} (${net.id})`;
    }
    prefix = parseCidr(net.ipam[0]!.Subnet)!.prefix;
    gateway = net.ipam[0]!.Gateway ?? '';
  }
  const ns = ctx.world.netns[c.nsId!]!;
  const plumbed = driver.join(ctx, c, ns, { net, ip, prefix, gateway, mac: ep.macRequested });
  if (typeof plumbed === 'string') {
    releaseAddress(net, ip);
    return plumbed;
  }
  ep.live = { endpointId: randomId(ctx.world.rng), ...plumbed };
  return null;
}

/** Removes an endpoint's interface and gives its address back. */
export function leaveNetwork(ctx: DockerCtx, c: ContainerRec, ep: EndpointConfig, net: NetworkRec | undefined): void {
  const live = ep.live;
  if (!live) return;
  if (net) releaseAddress(net, live.ip);
  // Without its network record (never expected) the bridge driver's cleanup removes the devices by name.
  (driverFor(net?.driver ?? 'bridge') ?? driverFor('bridge')!).leave(ctx, c, live, net);
  ep.live = null;
}

export function addProxies(ctx: DockerCtx, c: ContainerRec, targetIp: string): void {
  const ns = hostNs(ctx);
  for (const run of portRuns(c.ports)) {
    const proto = run.proto as 'tcp' | 'udp';
    for (const b of run.bindings) {
      if (b.HostIp.includes(':')) continue;
      // A published range is one run of sockets (Listener.portEnd), as it is one record in c.ports.
      const [first, last] = hostPortSpan(run, b);
      const l: Listener = { proto, ip: b.HostIp, port: first, ...(last > first ? { portEnd: last } : {}), app: { kind: 'docker-proxy', proto, targetIp, targetPort: run.lo } };
      ns.listeners.push(l);
    }
  }
}

export function removeProxies(ctx: DockerCtx, c: ContainerRec): void {
  const ns = hostNs(ctx);
  const mine = new Set<string>();
  for (const run of portRuns(c.ports)) for (const b of run.bindings) mine.add(`${run.proto}:${b.HostIp}:${hostPortSpan(run, b)[0]}`);
  if (mine.size === 0) return;
  ns.listeners = ns.listeners.filter((l) => !(l.app.kind === 'docker-proxy' && mine.has(`${l.proto}:${l.ip}:${l.port}`)));
}
