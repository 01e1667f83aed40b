import type { Topology, TopologyContainer, TopologyHost, TopologySwarm } from '../api';
import { findContainer } from '../docker/daemon/lookup';
import type { NetworkRec } from '../docker/types';
import { linkByIndex, linkByName } from '../kernel/netns';
import type { Link, NetNs } from '../kernel/types';
import { portRuns } from '../docker/port-map';
import type { WorldState } from '../world/state';

interface Wire {
  segment: string | null;
  vlan: number | null;
}

const NO_WIRE: Wire = { segment: null, vlan: null };

/**
 * Where a device's frames meet a switch: down its lower devices (a macvlan child, a vlan
 * sub-interface with its 802.1q tag) to a NIC, whose port says the segment and the access VLAN.
 */
function wireOf(world: WorldState, ns: NetNs | undefined, link: Link | undefined): Wire {
  let vlan: number | null = null;
  for (let hops = 0; ns && link && hops < 8; hops++) {
    if (link.kind === 'vlan' && vlan === null) vlan = link.vlanId;
    if (link.kind === 'ether') {
      const seg = link.segment && Object.hasOwn(world.segments, link.segment) ? world.segments[link.segment]! : null;
      const port = seg?.ports.find((p) => p.ns === ns!.id && p.ifindex === link!.ifindex);
      return { segment: link.segment, vlan: vlan ?? port?.vlan ?? null };
    }
    if (!link.lower) return NO_WIRE;
    ns = world.netns[link.lower.ns];
    link = ns ? linkByIndex(ns, link.lower.ifindex) : undefined;
  }
  return NO_WIRE;
}

const LAN_DRIVERS: ReadonlyMap<string, { key: string; mode: string }> = new Map([
  ['macvlan', { key: 'macvlan_mode', mode: 'bridge' }],
  ['ipvlan', { key: 'ipvlan_mode', mode: 'l2' }],
]);

/** macvlan/ipvlan networks: their parent, mode and where the parent meets the LAN. */
function lanOf(world: WorldState, hostNsId: string, n: NetworkRec): { parent: string | null; mode: string | null } & Wire {
  const d = LAN_DRIVERS.get(n.driver);
  if (!d) return { parent: null, mode: null, ...NO_WIRE };
  const mode = (Object.hasOwn(n.options, d.key) && n.options[d.key]) || d.mode;
  const ns = world.netns[hostNsId];
  const parent = n.device && ns ? linkByName(ns, n.device) : undefined;
  return { parent: n.device, mode, ...wireOf(world, ns, parent) };
}

/** The view model the topology picture and its text twin are drawn from. */
export function buildTopology(world: WorldState): Topology {
  const hosts: TopologyHost[] = world.hostOrder.map((name) => {
    const host = world.hosts[name]!;
    const d = host.docker;
    const networks = Object.values(d.networks)
      .sort((a, b) => a.created - b.created || (a.name < b.name ? -1 : 1))
      .map((n) => ({
        id: n.id,
        name: n.name,
        driver: n.driver,
        scope: n.scope,
        device: n.device,
        subnet: n.ipam[0]?.Subnet ?? null,
        gateway: n.ipam[0]?.Gateway ?? null,
        internal: n.internal,
        ...lanOf(world, host.nsId, n),
      }));
    const containers: TopologyContainer[] = Object.values(d.containers)
      .sort((a, b) => a.created - b.created)
      .map((c) => {
        let mode = c.hostConfig.networkMode;
        if (mode.startsWith('container:')) {
          const other = findContainer({ world, host }, mode.slice('container:'.length));
          if (other && other !== 'ambiguous') mode = `container:${other.name}`;
        }
        return {
          id: c.id,
          name: c.name,
          image: c.image,
          state: c.status,
          networkMode: mode,
          endpoints: c.endpoints.map((ep, i) => {
            const net = d.networks[ep.networkId];
            const cns = c.nsId ? world.netns[c.nsId] : undefined;
            const iface = ep.live && cns ? linkByName(cns, ep.live.ifname) : undefined;
            const onLan = !!net && LAN_DRIVERS.has(net.driver) && !!iface;
            return {
              networkId: ep.networkId,
              networkName: net?.name ?? ep.networkId.slice(0, 12),
              iface: ep.live?.ifname ?? `eth${i}`,
              hostVeth: ep.live?.hostVeth ?? null,
              ipv4: ep.live?.ip ?? null,
              mac: ep.live ? iface?.mac ?? ep.live.mac : null,
              aliases: ep.aliases,
              ...(onLan ? wireOf(world, cns, iface) : NO_WIRE),
            };
          }),
          // A published range stays one entry: -p 1-65535:1-65535 must not draw 65,535 lines.
          ports: portRuns(c.ports).flatMap((run) =>
            run.bindings
              .filter((b) => !b.HostIp.includes(':'))
              .map((b) => ({
                hostIp: b.HostIp,
                hostPort: parseInt(b.HostPort, 10),
                containerPort: run.lo,
                protocol: run.proto as 'tcp' | 'udp',
                ...(run.hi > run.lo ? { count: run.hi - run.lo + 1 } : {}),
              })),
          ),
        };
      });
    const hostNs = world.netns[host.nsId];
    const eth0 = wireOf(world, hostNs, hostNs && linkByName(hostNs, 'eth0'));
    return { name, address: host.address, swarm: swarmRole(world, name), ...eth0, networks, containers };
  });
  const machines = Object.values(world.machines).map((m) => {
    const ns = world.netns[m.nsId];
    return { name: m.name, address: m.address, ...wireOf(world, ns, ns && linkByName(ns, 'eth0')) };
  });
  return { lan: { subnet: `${world.lan.subnet}/${world.lan.prefix}`, gateway: world.lan.gateway, machines }, hosts, swarms: swarmViews(world) };
}

function swarmRole(world: WorldState, host: string): 'inactive' | 'manager' | 'worker' {
  const m = world.hosts[host]?.docker.swarm;
  const node = m && world.swarms?.[m.clusterId]?.nodes[m.nodeId];
  return node ? node.role : 'inactive';
}

/** Clusters as the picture draws them: overlays across the hosts that have them, services with their tasks. */
function swarmViews(world: WorldState): TopologySwarm[] {
  return Object.values(world.swarms ?? {}).map((cluster) => {
    const nodes = Object.values(cluster.nodes).filter((n) => !n.left);
    const overlays = Object.values(cluster.networks).map((net) => {
      const hosts = world.hostOrder.filter((h) => Object.hasOwn(world.hosts[h]!.docker.networks, net.id));
      const tunnels: TopologySwarm['overlays'][number]['tunnels'] = [];
      for (let i = 0; i < hosts.length; i++) {
        for (let j = i + 1; j < hosts.length; j++) {
          tunnels.push({ a: hosts[i]!, b: hosts[j]!, aAddr: world.hosts[hosts[i]!]!.address, bAddr: world.hosts[hosts[j]!]!.address });
        }
      }
      return { id: net.id, name: net.name, subnet: net.subnet, vni: net.vni, ingress: net.ingress, attachable: net.attachable, encrypted: net.encrypted, hosts, tunnels };
    });
    const services = Object.values(cluster.services).map((svc) => ({
      id: svc.id,
      name: svc.spec.name,
      image: svc.spec.image,
      mode: svc.spec.mode === 'global' ? ('global' as const) : ('replicated' as const),
      replicas: svc.spec.mode === 'global' ? null : svc.spec.mode.replicas,
      endpointMode: svc.spec.endpointMode,
      ports: svc.spec.ports.map((p) => ({ ...p })),
      networks: svc.spec.networks.map((id) => cluster.networks[id]?.name ?? id),
      tasks: Object.values(cluster.tasks)
        .filter((t) => t.serviceId === svc.id && t.desired === 'running')
        .map((t) => ({ name: `${svc.spec.name}.${t.slot ?? t.nodeId}`, host: cluster.nodes[t.nodeId]?.host ?? '', state: t.state, container: t.containerId })),
    }));
    return {
      id: cluster.id,
      nodes: nodes
        .sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || (a.host < b.host ? -1 : 1))
        .map((n) => ({ host: n.host, role: n.role, leader: n.leader, availability: n.availability })),
      overlays,
      services,
    };
  });
}
