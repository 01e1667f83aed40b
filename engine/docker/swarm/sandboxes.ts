import { addRoute, createNs, deleteNs } from '../../kernel/netns';
import { parseCidr } from '../../util/ipv4';
import { randomId } from '../../util/rng';
import { hostNs, type DockerCtx } from '../context';
import { joinBridge } from '../drivers/bridge/endpoint';
import { plumbOverlay } from '../drivers/overlay/endpoint';
import { sandboxNsId } from '../drivers/plumbing';
import { allocateAddress, releaseAddress, reserveAddress } from '../daemon/ipam';
import type { NetworkRec, ServiceEndpoint } from '../types';

/**
 * The daemon's own sandboxes on a swarm network (libnetwork network.go createLoadBalancerSandbox):
 * on each node that has the network, `lb_<netid[:9]>` holds the node's load-balancer endpoint
 * (`lb-<net>`, named `<net>-endpoint`) where IPVS answers the services' VIPs; for ingress it is
 * `ingress_sbox` (`ingress-sbox`, `ingress-endpoint`), which also has a leg on docker_gwbridge
 * (`gateway_ingress-sbox`, normally 172.18.0.2) and its default route there: the routing mesh
 * DNATs published ports to that address.
 */

export function lbSandboxKey(net: NetworkRec): string {
  return net.ingress ? 'ingress_sbox' : `lb_${net.id.slice(0, 9)}`;
}

function gwBridge(ctx: DockerCtx): NetworkRec | undefined {
  return Object.values(ctx.host.docker.networks).find((n) => n.name === 'docker_gwbridge');
}

/** Creates the network's load-balancer sandbox with the node's address on it (`ip/prefix`). */
export function createLbSandbox(ctx: DockerCtx, net: NetworkRec, addr: string): void {
  const id = sandboxNsId(ctx.host.name, lbSandboxKey(net));
  if (ctx.world.netns[id]) return;
  const ns = createNs(ctx.world, id, 'container', hostNs(ctx).hostname);
  // IPVS in NAT mode forwards the answers back through the sandbox.
  ns.ipForward = true;
  const [ip, prefixText] = addr.split('/') as [string, string];
  const prefix = Number(prefixText);
  const sandbox = net.ingress ? 'ingress-sbox' : `lb-${net.name}`;
  reserveAddress(net, ip, sandbox);
  const { mac, ifname } = plumbOverlay(ctx, net, ns, ip, prefix);
  const ep: ServiceEndpoint = { sandbox, name: `${net.name}-endpoint`, endpointId: randomId(ctx.world.rng), ip, prefix, mac, nsId: id, ifname };
  (net.serviceEndpoints ??= []).push(ep);
  const gw = net.ingress ? gwBridge(ctx) : undefined;
  const gwIp = gw && allocateAddress(gw, sandbox);
  const subnet = gw?.ipam[0] && parseCidr(gw.ipam[0].Subnet);
  if (!gw || !gwIp || !subnet) return;
  const gateway = gw.ipam[0]!.Gateway ?? '';
  const leg = joinBridge(ctx, null, ns, { net: gw, ip: gwIp, prefix: subnet.prefix, gateway, mac: null });
  (gw.serviceEndpoints ??= []).push({ sandbox, name: `gateway_${sandbox}`, endpointId: randomId(ctx.world.rng), ip: gwIp, prefix: subnet.prefix, mac: leg.mac, nsId: id, ifname: leg.ifname });
  addRoute(ctx.world, ns, { dst: 'default', via: gateway, dev: leg.ifname });
  ctx.host.docker.firewallDirty = true;
}

/** Removes the sandbox, its endpoints and (for ingress) its leg on docker_gwbridge. */
export function destroyLbSandbox(ctx: DockerCtx, net: NetworkRec): void {
  const id = sandboxNsId(ctx.host.name, lbSandboxKey(net));
  const ns = ctx.world.netns[id];
  for (const n of Object.values(ctx.host.docker.networks)) {
    const mine = (n.serviceEndpoints ?? []).filter((e) => e.nsId === id);
    if (mine.length === 0) continue;
    for (const e of mine) releaseAddress(n, e.ip);
    n.serviceEndpoints = (n.serviceEndpoints ?? []).filter((e) => e.nsId !== id);
  }
  // Deleting the namespace deletes its veths, and with them their peers on br0 and docker_gwbridge.
  if (ns) deleteNs(ctx.world, id);
  ctx.host.docker.firewallDirty = true;
}
