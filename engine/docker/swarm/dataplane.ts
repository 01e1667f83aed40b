import { overlayNs } from '../drivers/overlay/sandbox';
import { programPeers } from '../drivers/overlay/peers';
import { knownEndpoints, placeOf } from '../drivers/overlay/view';
import type { DockerWorld } from '../world';
import { hostCtx } from './instances';
import { programLoadBalancer } from './lb';
import { programMeshListeners, programTaskRedirects } from './mesh';

/**
 * The swarm's data plane on every node, rebuilt from the state when it changed (endpoints came
 * or went, a service or the gossip changed) and before packets next move, as Docker's agents
 * react to NetworkDB events: each overlay's FDB and neighbours for the endpoints the node knows on
 * other nodes, its load balancers, the mesh rules in tasks, the ports dockerd holds, and the
 * host's iptables (rebuilt by the daemon's firewall from the same knowledge).
 */
export function syncDataPlane(world: DockerWorld): void {
  for (const cluster of Object.values(world.swarms ?? {})) {
    if (!cluster.dataplaneDirty) continue;
    cluster.dataplaneDirty = false;
    const vtep = new Map(Object.values(cluster.nodes).filter((n) => !n.left).map((n) => [n.host, n.addr]));
    for (const name of world.hostOrder) {
      const place = placeOf(world, name);
      if (!place || place.cluster !== cluster) continue;
      const ctx = hostCtx(world, name);
      for (const rec of Object.values(place.host.docker.networks)) {
        if (rec.scope !== 'swarm') continue;
        const ov = overlayNs(ctx, rec);
        const remote = knownEndpoints(world, name, rec.id).filter((e) => e.host !== place.host);
        if (ov) programPeers(world, ov, remote.map((e) => ({ ip: e.ip, mac: e.mac, vtep: vtep.get(e.host.name) ?? e.host.address })));
        programLoadBalancer(world, place, rec);
      }
      programTaskRedirects(world, place);
      programMeshListeners(ctx, place);
      ctx.host.docker.firewallDirty = true;
    }
  }
}
