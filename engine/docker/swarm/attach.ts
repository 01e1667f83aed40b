import { err, ok, type ClusterProvider } from '../context';
import { placeOf } from '../drivers/overlay/view';
import type { SwarmAttachment } from '../types';
import type { DockerWorld } from '../world';
import { base36 } from './ids';
import { ensureInstance, gcInstances, networkRecord } from './instances';
import { allocateSerial, findSwarmNetwork, releaseSerial } from './overlays';

/**
 * What a node's daemon asks the swarm (moby daemon/cluster/networks.go AttachNetwork, swarmkit
 * resourceapi/allocator.go): a standalone container may join a swarm network only if it is
 * attachable; the managers then record an attachment with an address, and the node sets the
 * network up. Ingress is never attachable. The address comes after the node's own on a network
 * the node did not have yet, as swarmkit allocates the node before the attachment.
 */

function refused(ref: string, code: string, desc: string): string {
  return `Could not attach to network ${ref}: rpc error: code = ${code} desc = ${desc}`;
}

export function clusterProvider(world: DockerWorld, hostName: string): ClusterProvider {
  return {
    findNetwork(ref) {
      const place = placeOf(world, hostName);
      const net = place && findSwarmNetwork(place.cluster, ref);
      return net ? networkRecord(net, net.created) : null;
    },

    attach(c, ep) {
      const place = placeOf(world, hostName);
      const ref = ep.networkName ?? ep.networkId;
      if (!place) return err(`network ${ref} not found`);
      const net = findSwarmNetwork(place.cluster, ep.networkId) ?? findSwarmNetwork(place.cluster, ref);
      if (!net) return err(refused(ref, 'NotFound', `network ${ref} not found`));
      if (!net.attachable) return err(refused(ref, 'PermissionDenied', `network ${ref} not manually attachable`));
      const local = ensureInstance(world, place, net);
      const id = base36(world.rng, 25);
      let ip: string | null = ep.ipv4Requested;
      if (ip) {
        if (Object.hasOwn(net.allocated, ip)) {
          gcInstances(world, hostName);
          return err(refused(ref, 'Unknown', `failed to allocate network IP for task ${id} network ${net.id}: Address already in use`));
        }
        net.allocated[ip] = `attachment:${id}`;
      } else ip = allocateSerial(net, `attachment:${id}`);
      if (!ip) {
        gcInstances(world, hostName);
        return err(refused(ref, 'Unknown', `could not find an available IP while allocating VIP`));
      }
      const a: SwarmAttachment = { id, networkId: net.id, nodeId: place.node.id, containerId: c.id, addr: `${ip}/${net.subnet.split('/')[1]}` };
      (place.cluster.attachments ??= {})[id] = a;
      ep.networkId = net.id;
      ep.swarmAddr = ep.ipv4Requested ? null : ip;
      place.cluster.dataplaneDirty = true;
      return ok(local);
    },

    detach(c, ep) {
      ep.swarmAddr = null;
      const place = placeOf(world, hostName);
      if (!place) return;
      const list = place.cluster.attachments ?? {};
      for (const [id, a] of Object.entries(list)) {
        if (a.containerId !== c.id || a.networkId !== ep.networkId || a.nodeId !== place.node.id) continue;
        const net = Object.hasOwn(place.cluster.networks, a.networkId) ? place.cluster.networks[a.networkId]! : undefined;
        if (net) releaseSerial(net, a.addr.split('/')[0]!);
        delete list[id];
      }
      place.cluster.dataplaneDirty = true;
      gcInstances(world, hostName);
    },
  };
}
