/**
 * A three-host swarm lab for the browser tests of the multi-host picture, built in Node through
 * each host's Engine API (swarm init and join, an overlay, a published service) and handed to the
 * page as a saved playground lab. The swarm CLI (`docker swarm|node|service`) and the overlay
 * data plane are being built in parallel: until they land, the per-host records of the overlay
 * that the overlay driver will write (a network with the overlay's id on each host whose tasks
 * use it) are written here, exactly as engine/lab/topology.ts reads them. Once the CLI is merged
 * the browser tests can type these commands in the playground's tabs instead.
 */
import { createLab, type LabImpl } from '../engine/lab/lab';
import { createOverlay } from '../engine/docker/swarm/overlays';
import type { EngineApi } from '../engine/docker/api';
import type { NetworkRec } from '../engine/docker/types';

const INIT = { advertiseAddr: null, availability: 'active' as const, defaultAddrPool: '10.0.0.0/8', subnetSize: 24, dataPathPort: 4789 };

export const SWARM_HOSTS = ['host1', 'host2', 'host3'];

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** `macvlan`: also a macvlan network on VLAN 50 of host1's eth0, as the macvlan driver (being built) records it. */
export async function swarmLab(seed = 5, options: { macvlan?: boolean } = {}): Promise<LabImpl> {
  const lab = createLab({ hosts: SWARM_HOSTS, seed });
  const e = (h: string): EngineApi => lab.rt.daemon(h)!;
  must(e('host1').swarmInit(INIT));
  const token = must(e('host1').swarmJoinToken('worker', false));
  for (const h of ['host2', 'host3']) must(e(h).swarmJoin(token.token, token.managerAddr, null));
  const world = lab.world;
  const cluster = Object.values(world.swarms ?? {})[0]!;
  const appnet = must(createOverlay(world, cluster, { name: 'appnet', subnet: null, gateway: null, attachable: true, ingress: false, internal: false, labels: {}, options: {} }));
  must(
    e('host1').serviceCreate(
      { name: 'web', image: 'nginx', mode: { replicas: 2 }, networks: [], ports: [{ protocol: 'tcp', target: 80, published: 8080, mode: 'ingress' }], endpointMode: 'vip', constraints: ['node.hostname!=host1'], labels: {}, env: [], args: null },
      ['appnet'],
    ),
  );
  await e('host1').reconcile();
  // The overlay driver's per-host records (see above): on every host that runs a task of web.
  const taskHosts = new Set(Object.values(cluster.tasks).filter((t) => t.desired === 'running').map((t) => cluster.nodes[t.nodeId]!.host));
  for (const h of taskHosts) {
    const rec: NetworkRec = {
      id: appnet.id, name: appnet.name, driver: 'overlay', scope: 'swarm', created: world.clock, internal: false, attachable: true, ingress: false,
      enableIPv4: true, enableIPv6: false, ipamDriver: 'default', ipamOptions: null, ipam: [{ Subnet: appnet.subnet, Gateway: appnet.gateway }],
      options: { 'com.docker.network.driver.overlay.vxlanid_list': String(appnet.vni) }, labels: {}, device: null, allocated: {}, userSubnet: false, predefined: false,
    };
    world.hosts[h]!.docker.networks[appnet.id] = rec;
  }
  if (options.macvlan) {
    const id = 'd1f0c2a7e5b9'.repeat(5).slice(0, 64);
    world.hosts['host1']!.docker.networks[id] = {
      id, name: 'lan50', driver: 'macvlan', scope: 'local', created: world.clock, internal: false, attachable: false, ingress: false,
      enableIPv4: true, enableIPv6: false, ipamDriver: 'default', ipamOptions: null, ipam: [{ Subnet: '192.168.50.0/24', Gateway: '192.168.50.1' }],
      options: { parent: 'eth0.50' }, labels: {}, device: 'eth0.50', allocated: {}, userSubnet: true, predefined: false,
    };
  }
  world.revision++;
  return lab;
}
