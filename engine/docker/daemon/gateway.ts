import type { DockerCtx } from '../context';
import type { ContainerRec, EndpointConfig } from '../types';
import { joinNetwork, leaveNetwork } from './endpoints';

/**
 * The way out of an overlay (libnetwork default_gateway.go): a container whose networks give it
 * no gateway (overlays, ingress) gets one more endpoint, on docker_gwbridge, named
 * `gateway_<sandbox[:12]>`; it carries the default route and the host's NAT. Internal networks
 * want none, and a network with a gateway of its own (a bridge) makes it unnecessary. It is the
 * daemon's endpoint, not one of the container's networks: inspect and `docker ps` leave it out.
 */

/** sandbox.needDefaultGW: an endpoint that needs a way out, and none that has one. */
export function needsGateway(ctx: DockerCtx, c: ContainerRec): boolean {
  let need = false;
  for (const ep of c.endpoints) {
    if (ep.sandboxGateway || !ep.live) continue;
    const net = ctx.host.docker.networks[ep.networkId];
    if (!net || net.internal || net.driver === 'null' || net.driver === 'host') continue;
    if (ep.live.gateway) return false;
    need = true;
  }
  return need;
}

/** Adds or drops the gateway endpoint as the container's networks now need it; Docker's text on failure. */
export function syncGateway(ctx: DockerCtx, c: ContainerRec): string | null {
  const current = c.endpoints.find((e) => e.sandboxGateway);
  const need = needsGateway(ctx, c);
  if (need && !current) {
    const gw = Object.values(ctx.host.docker.networks).find((n) => n.name === 'docker_gwbridge');
    if (!gw) return null;
    const ep: EndpointConfig = {
      networkId: gw.id,
      networkName: gw.name,
      aliases: [],
      ipv4Requested: null,
      links: [],
      macRequested: null,
      gwPriority: 0,
      live: null,
      sandboxGateway: true,
    };
    const failed = joinNetwork(ctx, c, ep, gw);
    if (failed) return failed;
    c.endpoints.push(ep);
  } else if (!need && current) {
    leaveNetwork(ctx, c, current, ctx.host.docker.networks[current.networkId]);
    c.endpoints = c.endpoints.filter((e) => e !== current);
  }
  return null;
}
