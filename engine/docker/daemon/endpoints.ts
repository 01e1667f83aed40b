import { networkEvent } from './events';
import type { Listener } from '../../kernel/types';
import { matchesCidr, parseCidr } from '../../util/ipv4';
import { randomId } from '../../util/rng';
import type { ConnectSpec, NetworkAttachSpec } from '../api';
import { err, hostNs, ok, touch, type DockerCtx, type DResult } from '../context';
import { driverFor } from '../drivers/registry';
import type { ContainerRec, EndpointConfig, NetworkRec } from '../types';
import { syncFirewall } from './firewall';
import { allocateAddress, poolMates, releaseAddress, reserveAddress } from './ipam';
import { isRunning } from './lookup';
import { updateDefaultRoute } from './sandbox';
import { hostPortSpan, portRuns } from '../port-map';

/** Endpoints: IPAM, then the driver's plumbing; `docker network connect/disconnect`; docker-proxy sockets. */

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
    if (ep.ipv4Requested) {
      const r = reserveAddress(net, ep.ipv4Requested, c.id, mates);
      if (r === 'in-use') return 'Address already in use';
      if (r === 'outside') return `no configured subnet or ip-range contain the IP address ${ep.ipv4Requested}`;
      ip = ep.ipv4Requested;
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

export function connectContainer(ctx: DockerCtx, net: NetworkRec, c: ContainerRec, s: ConnectSpec): DResult<null> {
  const mode = c.hostConfig.networkMode;
  if (mode === 'host' || mode.startsWith('container:')) {
    if (net.driver === 'host' && mode === 'host') return err(`endpoint with name ${c.name} already exists in network host`);
    return err('container sharing network namespace with another container or host cannot be connected to any other network');
  }
  if (net.driver === 'host') return err('cannot connect container to host network - container must be created in host network mode');
  if (mode === 'none' || net.driver === 'null') {
    return err('container cannot be connected to multiple networks with one of the networks in private (none) mode');
  }
  const e = endpointSettingsError(net, s);
  if (e) return err(e);
  if (c.endpoints.some((x) => x.networkId === net.id)) return err(`endpoint with name ${c.name} already exists in network ${net.name}`);
  const ep: EndpointConfig = { networkId: net.id, networkName: net.name, aliases: s.aliases, ipv4Requested: s.ip, links: s.links, macRequested: null, gwPriority: s.gwPriority, live: null };
  if (isRunning(c)) {
    const r = joinNetwork(ctx, c, ep, net);
    if (r) return err(r);
    c.endpoints.push(ep);
    updateDefaultRoute(ctx, c);
    syncFirewall(ctx);
    networkEvent(ctx, net, 'connect', { container: c.id });
  } else c.endpoints.push(ep);
  touch(ctx);
  return ok(null);
}

export function disconnectContainer(ctx: DockerCtx, net: NetworkRec, c: ContainerRec): DResult<null> {
  if (net.driver === 'host' && c.hostConfig.networkMode === 'host') {
    return err('cannot disconnect container from host network - container was created in host network mode');
  }
  const ep = c.endpoints.find((x) => x.networkId === net.id);
  if (!ep) return err(isRunning(c) ? `container ${c.id} is not connected to network ${net.name}` : `container ${c.id} is not connected to the network ${net.name}`);
  const wasLive = ep.live !== null;
  leaveNetwork(ctx, c, ep, net);
  c.endpoints = c.endpoints.filter((x) => x !== ep);
  if (wasLive) networkEvent(ctx, net, 'disconnect', { container: c.id });
  if (isRunning(c)) {
    updateDefaultRoute(ctx, c);
    // Published ports follow the endpoint that carried them.
    if (Object.keys(c.ports).length > 0 && !c.endpoints.some((x) => x.live?.ip)) {
      removeProxies(ctx, c);
      c.ports = {};
    }
  }
  syncFirewall(ctx);
  touch(ctx);
  return ok(null);
}
