import type { DockerCtx } from '../../context';
import type { NetworkDriver } from '../driver';
import { plumbOverlay, unplumbOverlay } from './endpoint';
import { overlayFirewall } from './firewall';
import { createOverlaySandbox, deleteOverlaySandbox } from './sandbox';

/** The node's overlay data plane changed: its peers' FDBs, load balancers and mesh rules follow (docker/swarm dataplane). */
export function overlayChanged(ctx: DockerCtx): void {
  const m = ctx.host.docker.swarm;
  const cluster = m && ctx.world.swarms && Object.hasOwn(ctx.world.swarms, m.clusterId) ? ctx.world.swarms[m.clusterId] : undefined;
  if (cluster) cluster.dataplaneDirty = true;
  ctx.host.docker.firewallDirty = true;
}

/**
 * overlay: one L2 network across the swarm's nodes. Its records come from the managers (a node
 * has a copy only while something on it uses the network: docker/swarm/instances.ts); here, the
 * host side of it: the namespace with br0 and vxlan0, the containers' veths, the mesh's iptables.
 */
export const overlayDriver: NetworkDriver = {
  name: 'overlay',
  scope: 'swarm',
  singleton: false,
  ipam: true,
  publishesPorts: false,
  embeddedDns: true,
  createNetwork(ctx, net) {
    createOverlaySandbox(ctx, net);
    overlayChanged(ctx);
    return null;
  },
  deleteNetwork(ctx, net) {
    deleteOverlaySandbox(ctx, net);
    overlayChanged(ctx);
  },
  join(ctx, _c, ns, plan) {
    if (!plan.ip) return 'sim: an overlay endpoint needs an address';
    const { mac, ifname } = plumbOverlay(ctx, plan.net, ns, plan.ip, plan.prefix);
    overlayChanged(ctx);
    // The overlay gives no default route: the way out is docker_gwbridge (daemon/gateway.ts).
    return { ip: plan.ip, prefix: plan.prefix, gateway: '', mac, ifname, hostVeth: null };
  },
  leave(ctx, c, ep) {
    const ns = c.nsId ? ctx.world.netns[c.nsId] : undefined;
    if (c.nsId?.startsWith('ctr:')) unplumbOverlay(ctx, ns, ep.ifname);
    overlayChanged(ctx);
  },
  firewall: overlayFirewall,
};
