import type { Topology, TopologyContainer, TopologyHost } from '../api';
import { findContainer } from '../docker/daemon/lookup';
import type { WorldState } from '../world/state';

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
            return {
              networkId: ep.networkId,
              networkName: net?.name ?? ep.networkId.slice(0, 12),
              iface: ep.live?.ifname ?? `eth${i}`,
              hostVeth: ep.live?.hostVeth ?? null,
              ipv4: ep.live?.ip ?? null,
              mac: ep.live?.mac ?? null,
              aliases: ep.aliases,
            };
          }),
          ports: Object.entries(c.ports).flatMap(([key, bs]) => {
            const [port, proto] = key.split('/');
            return bs
              .filter((b) => !b.HostIp.includes(':'))
              .map((b) => ({ hostIp: b.HostIp, hostPort: Number(b.HostPort), containerPort: Number(port), protocol: proto as 'tcp' | 'udp' }));
          }),
        };
      });
    return { name, address: host.address, swarm: 'inactive' as const, networks, containers };
  });
  const machines = Object.values(world.machines).map((m) => ({ name: m.name, address: m.address }));
  return { lan: { subnet: `${world.lan.subnet}/${world.lan.prefix}`, gateway: world.lan.gateway, machines }, hosts };
}
