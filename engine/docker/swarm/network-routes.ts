import { rfc3339Nano } from '../../util/gotime';
import { goStruct, nilSlice } from '../../util/gotemplate';
import { err, ok, type DResult } from '../api';
import type { NetworkCreateSpec } from '../api';
import { networkPeers, placeOf } from '../drivers/overlay/view';
import type { NetworkRec, SwarmNetwork } from '../types';
import type { DockerWorld } from '../world';
import { managerOf } from './cluster';
import { gcInstances, networkRecord } from './instances';
import { createOverlay, findSwarmNetwork, removeOverlay } from './overlays';

/**
 * The Engine API's network routes on a swarm node (moby api/server/router/network/network_routes.go):
 * a manager lists and inspects every swarm network, merged with its own; `network create -d
 * overlay` goes to the managers after the daemon's own checks; removing a swarm network is the
 * managers' business. A worker sees only the copies it has.
 */

/** Swarm networks a manager knows and has no copy of: what `network ls` adds from the cluster. */
export function clusterOnlyNetworks(world: DockerWorld, hostName: string, local: NetworkRec[]): NetworkRec[] {
  const m = managerOf(world, hostName);
  if (!m.ok) return [];
  const have = new Set(local.map((n) => n.id));
  return Object.values(m.value.cluster.networks)
    .filter((n) => !have.has(n.id))
    .map((n) => networkRecord(n, n.created));
}

/** A swarm network a manager has no copy of, by id, name or prefix. */
export function clusterNetwork(world: DockerWorld, hostName: string, ref: string): NetworkRec | null {
  const m = managerOf(world, hostName);
  const net = m.ok ? findSwarmNetwork(m.value.cluster, ref) : null;
  return net ? networkRecord(net, net.created) : null;
}

/** `docker network create -d overlay` on a manager, once the daemon's own checks passed (`localProblem`). */
export function createSwarmNetwork(world: DockerWorld, hostName: string, spec: NetworkCreateSpec, localProblem: string | null): DResult<NetworkRec> {
  const m = managerOf(world, hostName);
  if (!m.ok) return m;
  const cluster = m.value.cluster;
  // The managers' name check comes first (network_routes.go postNetworkCreate).
  if (Object.values(cluster.networks).some((n) => n.name === spec.name)) return err(`network with name ${spec.name} already exists`);
  if (localProblem) return err(localProblem);
  const cfg = spec.ipam[0];
  const r = createOverlay(world, cluster, {
    name: spec.name,
    subnet: cfg?.Subnet ?? null,
    gateway: cfg?.Gateway ?? null,
    attachable: spec.attachable,
    ingress: spec.ingress,
    internal: spec.internal,
    labels: { ...spec.labels },
    options: { ...spec.options },
  });
  if (!r.ok) return r;
  // A new ingress network reaches every node (gcInstances sets it up).
  if (r.value.ingress) for (const h of world.hostOrder) if (placeOf(world, h)?.cluster === cluster) gcInstances(world, h);
  return ok(networkRecord(r.value, r.value.created));
}

/** `docker network rm` of a swarm network: the managers refuse while a service or a container uses it. */
export function removeSwarmNetwork(world: DockerWorld, hostName: string, net: NetworkRec): DResult<null> {
  const m = managerOf(world, hostName);
  if (!m.ok) return m;
  const cluster = m.value.cluster;
  const swarmNet = Object.hasOwn(cluster.networks, net.id) ? cluster.networks[net.id]! : undefined;
  if (!swarmNet) return err(`rpc error: code = NotFound desc = network ${net.id} not found`);
  const attachment = Object.values(cluster.attachments ?? {}).find((a) => a.networkId === net.id);
  if (attachment) return err(`rpc error: code = FailedPrecondition desc = network ${net.id} is in use by task ${attachment.id}`);
  const r = removeOverlay(world, cluster, swarmNet);
  if (!r.ok) return r;
  for (const h of world.hostOrder) if (placeOf(world, h)?.cluster === cluster) gcInstances(world, h);
  return ok(null);
}

/** The managers' view of a network no local copy stands for (daemon/cluster/convert/network.go). */
export function clusterNetworkJson(net: SwarmNetwork, rec: NetworkRec): Record<string, unknown> {
  return {
    Name: rec.name,
    Id: rec.id,
    Created: rfc3339Nano(net.created, 4),
    Scope: 'swarm',
    Driver: 'overlay',
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: goStruct({ Driver: 'default', Options: null, Config: rec.ipam.map((c) => goStruct({ ...c })) }),
    Internal: rec.internal,
    Attachable: rec.attachable,
    Ingress: rec.ingress,
    ConfigFrom: goStruct({ Network: '' }),
    ConfigOnly: false,
    Containers: null,
    Options: Object.fromEntries(Object.entries(rec.options).sort(([a], [b]) => (a < b ? -1 : 1))),
    Labels: Object.keys(rec.labels).length ? rec.labels : null,
  };
}

/** Inspect of a swarm network: the node's copy with its Peers (NetworkDB), or the managers' view. */
export function swarmNetworkJson(world: DockerWorld, hostName: string, net: NetworkRec, local: Record<string, unknown> | null): Record<string, unknown> {
  const place = placeOf(world, hostName);
  const swarmNet = place && Object.hasOwn(place.cluster.networks, net.id) ? place.cluster.networks[net.id]! : null;
  if (!local) return swarmNet ? withHiddenPeers(clusterNetworkJson(swarmNet, net)) : {};
  if (!place) return withHiddenPeers(local);
  const peers = networkPeers(world, hostName, net.id).map((h) => {
    const node = Object.values(place.cluster.nodes).find((n) => n.host === h.name && !n.left);
    return goStruct({ Name: node?.peerName ?? '', IP: node?.addr ?? h.address });
  });
  return peers.length ? { ...local, Peers: peers } : withHiddenPeers(local);
}

/**
 * NetworkResource.Peers is `omitempty`: absent from the JSON, yet a template on the typed struct
 * (`{{json .Peers}}`) reads a nil slice, `null`. A non-enumerable key gives both.
 */
function withHiddenPeers(json: Record<string, unknown>): Record<string, unknown> {
  Object.defineProperty(json, 'Peers', { value: nilSlice(), enumerable: false });
  return json;
}
