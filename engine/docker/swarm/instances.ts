import { touch, type DockerCtx } from '../context';
import { networkEvent } from '../daemon/events';
import { syncFirewall } from '../daemon/firewall';
import { VNI_OPTION } from '../drivers/overlay/sandbox';
import { placeOf, type SwarmPlace } from '../drivers/overlay/view';
import { driverFor } from '../drivers/registry';
import type { NetworkRec, SwarmCluster, SwarmNetwork, SwarmNode } from '../types';
import type { DockerWorld } from '../world';
import { liveTask } from './scheduler';
import { allocateSerial, releaseSerial } from './overlays';
import { createLbSandbox, destroyLbSandbox } from './sandboxes';

/**
 * A node's copies of swarm networks. The managers allocate a network once; a node gets a local
 * network with the same id (driver overlay, scope swarm) only while something there uses it: a
 * task, an attachable container (swarmkit allocator/network.go getNodeNetworks; moby
 * daemon/cluster/executor), and ingress for as long as the node is in the swarm. With it come the
 * node's own address on the network and its load-balancer sandbox.
 */

export function hostCtx(world: DockerWorld, hostName: string): DockerCtx {
  return { world, host: world.hosts[hostName]! };
}

/** The network's driver options as nodes see them: the user's, and the VNI the managers chose. */
export function swarmNetworkOptions(net: SwarmNetwork): Record<string, string> {
  return { ...net.options, [VNI_OPTION]: String(net.vni) };
}

/** A NetworkRec for a swarm network: a node's copy (created now), or the managers' view of it. */
export function networkRecord(net: SwarmNetwork, created: number): NetworkRec {
  return {
    id: net.id,
    name: net.name,
    driver: 'overlay',
    scope: 'swarm',
    created,
    internal: net.internal,
    attachable: net.attachable,
    ingress: net.ingress,
    enableIPv4: true,
    enableIPv6: false,
    ipamDriver: 'default',
    ipamOptions: null,
    ipam: [{ Subnet: net.subnet, Gateway: net.gateway }],
    options: swarmNetworkOptions(net),
    labels: { ...net.labels },
    device: null,
    allocated: { [net.gateway]: 'gateway' },
    // The managers' IPAM configuration is explicit: containers may ask for an --ip in it.
    userSubnet: true,
    predefined: false,
    serviceEndpoints: [],
  };
}

function prefixOf(net: SwarmNetwork): string {
  return net.subnet.split('/')[1]!;
}

/** The node's own address on a network (its load-balancer endpoint), allocated the first time it needs one. */
export function nodeLbAddr(node: SwarmNode, net: SwarmNetwork): string | null {
  const have = node.lbAddrs && Object.hasOwn(node.lbAddrs, net.id) ? node.lbAddrs[net.id]! : null;
  if (have) return have;
  const ip = allocateSerial(net, `lb:${node.id}`);
  if (!ip) return null;
  const addr = `${ip}/${prefixOf(net)}`;
  (node.lbAddrs ??= {})[net.id] = addr;
  return addr;
}

export function releaseNodeLb(cluster: SwarmCluster, node: SwarmNode, networkId: string): void {
  const addr = node.lbAddrs && Object.hasOwn(node.lbAddrs, networkId) ? node.lbAddrs[networkId]! : null;
  if (!addr) return;
  const net = Object.hasOwn(cluster.networks, networkId) ? cluster.networks[networkId]! : undefined;
  if (net) releaseSerial(net, addr.split('/')[0]!);
  delete node.lbAddrs![networkId];
}

/** The node's copy of a swarm network, set up now if it has none (namespace, vxlan0, its load balancer). */
export function ensureInstance(world: DockerWorld, place: SwarmPlace, net: SwarmNetwork): NetworkRec {
  const ctx = hostCtx(world, place.host.name);
  const nets = ctx.host.docker.networks;
  if (Object.hasOwn(nets, net.id)) return nets[net.id]!;
  const lb = nodeLbAddr(place.node, net);
  const rec = networkRecord(net, world.clock);
  driverFor('overlay')!.createNetwork(ctx, rec);
  nets[rec.id] = rec;
  if (lb) createLbSandbox(ctx, rec, lb);
  place.cluster.dataplaneDirty = true;
  syncFirewall(ctx);
  touch(ctx);
  networkEvent(ctx, rec, 'create');
  return rec;
}

/** Tears the node's copy down; `cluster`/`node` get the node's address back (ingress keeps it while in the swarm). */
export function removeInstance(world: DockerWorld, hostName: string, rec: NetworkRec, owner: { cluster: SwarmCluster; node: SwarmNode } | null): void {
  const ctx = hostCtx(world, hostName);
  destroyLbSandbox(ctx, rec);
  driverFor('overlay')!.deleteNetwork(ctx, rec);
  delete ctx.host.docker.networks[rec.id];
  if (owner && !rec.ingress) releaseNodeLb(owner.cluster, owner.node, rec.id);
  if (owner) owner.cluster.dataplaneDirty = true;
  syncFirewall(ctx);
  touch(ctx);
  networkEvent(ctx, rec, 'destroy');
}

/** Whether something on the node uses the network: a running container's endpoint, a live task, an attachment. */
function inUse(place: SwarmPlace, rec: NetworkRec): boolean {
  for (const c of Object.values(place.host.docker.containers)) {
    if ((c.status === 'running' || c.status === 'paused') && c.endpoints.some((e) => e.networkId === rec.id && e.live)) return true;
  }
  for (const t of Object.values(place.cluster.tasks)) {
    if (t.nodeId === place.node.id && liveTask({ ...t, desired: 'running' }) && t.addresses.some((a) => a.networkId === rec.id)) return true;
  }
  return Object.values(place.cluster.attachments ?? {}).some((a) => a.nodeId === place.node.id && a.networkId === rec.id);
}

/**
 * The node agent's housekeeping: copies nothing uses any more go (as when the last task using
 * them shuts down), and so do copies of networks the managers no longer have; every node has
 * ingress.
 */
export function gcInstances(world: DockerWorld, hostName: string): void {
  const place = placeOf(world, hostName);
  const nets = world.hosts[hostName]?.docker.networks ?? {};
  for (const rec of Object.values(nets)) {
    if (rec.scope !== 'swarm') continue;
    if (!place || !Object.hasOwn(place.cluster.networks, rec.id)) {
      removeInstance(world, hostName, rec, place);
      continue;
    }
    if (!rec.ingress && !inUse(place, rec)) removeInstance(world, hostName, rec, place);
  }
  const ingress = place && Object.values(place.cluster.networks).find((n) => n.ingress);
  if (place && ingress && !place.node.left) ensureInstance(world, place, ingress);
}

/** Leaving the swarm: attachments end, every copy goes, ingress and the node's addresses too. */
export function leaveNetworks(world: DockerWorld, hostName: string, cluster: SwarmCluster, node: SwarmNode): void {
  for (const [id, a] of Object.entries(cluster.attachments ?? {})) {
    if (a.nodeId !== node.id) continue;
    const net = Object.hasOwn(cluster.networks, a.networkId) ? cluster.networks[a.networkId]! : undefined;
    if (net) releaseSerial(net, a.addr.split('/')[0]!);
    delete cluster.attachments![id];
  }
  for (const rec of Object.values(world.hosts[hostName]?.docker.networks ?? {})) {
    if (rec.scope === 'swarm') removeInstance(world, hostName, rec, { cluster, node });
  }
  for (const id of Object.keys(node.lbAddrs ?? {})) releaseNodeLb(cluster, node, id);
}
