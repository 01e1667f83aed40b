import type { ConnectSpec } from '../api';
import { err, isManaged, ok, touch, type DockerCtx, type DResult } from '../context';
import type { ContainerRec, EndpointConfig, NetworkRec } from '../types';
import { endpointSettingsError, joinNetwork, leaveNetwork, removeProxies } from './endpoints';
import { networkEvent } from './events';
import { syncFirewall } from './firewall';
import { syncGateway } from './gateway';
import { isRunning } from './lookup';
import { updateDefaultRoute } from './sandbox';

/** `docker network connect/disconnect`. */

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
    // A swarm network: the managers must agree and the node must have it (unwrapped, unlike at start).
    let local = net;
    const attach = net.scope === 'swarm' && !isManaged(c) && ctx.cluster;
    if (attach) {
      const a = attach.attach(c, ep);
      if (!a.ok) return a;
      local = a.value;
    }
    const r = joinNetwork(ctx, c, ep, local);
    if (r) {
      if (attach) attach.detach(c, ep);
      return err(r);
    }
    c.endpoints.push(ep);
    const gw = syncGateway(ctx, c);
    if (gw) return err(gw);
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
  if (wasLive && net.scope === 'swarm') ctx.cluster?.detach(c, ep);
  if (isRunning(c)) {
    syncGateway(ctx, c);
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
