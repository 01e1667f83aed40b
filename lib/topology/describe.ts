/**
 * The topology in words: the text twin of the picture, for screen readers and for anyone who
 * prefers a list. Each host is a section; each item is one sentence.
 */
import type { Topology, TopologyContainer, TopologyHost, TopologySwarm } from '@/engine';
import { isDetached, lanAttachment, lanPlace, portText } from './diagram';

export interface HostDescription {
  heading: string;
  items: string[];
}

function describeContainer(host: TopologyHost, container: TopologyContainer): string {
  const head = `Container ${container.name} (image ${container.image}, ${container.state})`;
  const mode = container.networkMode;
  const parts: string[] = [];
  if (isDetached(container)) {
    const networks = container.endpoints.map((e) => e.networkName);
    return `${head} is stopped, so it has no network interfaces; it rejoins ${networks.length > 0 ? networks.join(', ') : mode} when started.`;
  }
  if (mode === 'host') parts.push(`uses the host network: it shares ${host.name}'s interfaces and addresses`);
  else if (mode === 'none') parts.push('has no network: only the loopback interface lo');
  else if (mode.startsWith('container:')) parts.push(`shares the network namespace of ${mode.slice('container:'.length)}`);
  for (const endpoint of container.endpoints) {
    if (mode === 'host' || mode === 'none') continue;
    const address = endpoint.ipv4 ?? 'no IPv4 address';
    const veth = endpoint.hostVeth ? `, linked by veth pair ${endpoint.iface} ↔ ${endpoint.hostVeth}` : '';
    const aliases = endpoint.aliases.length > 0 ? `, aliases ${endpoint.aliases.join(', ')}` : '';
    parts.push(`on network ${endpoint.networkName} as ${address} (${endpoint.iface}${veth}${aliases})`);
  }
  if (container.ports.length > 0) parts.push(`publishes ${container.ports.map(portText).join(', ')}`);
  if (parts.length === 0) parts.push('is attached to no network');
  return `${head} ${parts.join('; ')}.`;
}

export function describeTopology(topology: Topology): { summary: string; hosts: HostDescription[] } {
  const containerCount = topology.hosts.reduce((n, h) => n + h.containers.length, 0);
  const summary =
    `${topology.hosts.length} ${topology.hosts.length === 1 ? 'host' : 'hosts'} on the LAN ${topology.lan.subnet} ` +
    `(router ${topology.lan.gateway}), ${containerCount} ${containerCount === 1 ? 'container' : 'containers'}.` +
    topology.lan.machines.map((m) => ` ${m.name} (${m.address}) is another machine on the LAN.`).join('');
  const hosts = topology.hosts.map((host) => {
    const items: string[] = [`eth0 has LAN address ${host.address}.`];
    for (const network of host.networks) {
      const lan = lanAttachment(network);
      if (lan) {
        const subnet = network.subnet ? `, subnet ${network.subnet}` : '';
        const head = `Network ${network.name}: driver ${network.driver}, parent ${lan.parent ?? 'none'}${lan.mode ? ` (mode ${lan.mode})` : ''}`;
        if (lan.routed) {
          items.push(`${head}: its containers are ${lanPlace(lan, host.name)}, not on the LAN segment: the LAN reaches them through a route via ${host.address}${subnet}.`);
          continue;
        }
        const vlan = lan.vlan === null ? 'untagged' : `on VLAN ${lan.vlan}`;
        items.push(`${head}: its containers are machines on the LAN segment, ${vlan}${subnet}.`);
        continue;
      }
      const where = network.device ? ` on device ${network.device}` : '';
      const subnet = network.subnet ? `, subnet ${network.subnet}` : '';
      const gateway = network.gateway ? `, gateway ${network.gateway}` : '';
      const internal = network.internal ? ', internal (no way out)' : '';
      items.push(`Network ${network.name}: driver ${network.driver}${where}${subnet}${gateway}${internal}.`);
    }
    for (const container of host.containers) items.push(describeContainer(host, container));
    if (host.containers.length === 0) items.push('No containers yet.');
    const swarm = host.swarm === 'inactive' ? '' : ` (swarm ${host.swarm})`;
    return { heading: `${host.name}${swarm}`, items };
  });
  for (const swarm of topology.swarms) hosts.push(describeSwarm(swarm));
  return { summary, hosts };
}

function describeSwarm(swarm: TopologySwarm): HostDescription {
  const items: string[] = [];
  items.push(`Nodes: ${swarm.nodes.map((n) => `${n.host} (${n.role}${n.leader ? ', leader' : ''}${n.availability !== 'active' ? `, ${n.availability}` : ''})`).join(', ')}.`);
  for (const o of swarm.overlays) {
    const where = o.hosts.length > 0 ? `present on ${o.hosts.join(', ')}` : 'on no host yet';
    const tunnels = o.tunnels.map((t) => `${t.a} (${t.aAddr}) ⇄ ${t.b} (${t.bAddr})`);
    items.push(`Overlay ${o.name}: subnet ${o.subnet}, VNI ${o.vni}${o.encrypted ? ', encrypted' : ''}, ${where}${tunnels.length > 0 ? `; VXLAN tunnels ${tunnels.join(', ')}` : ''}.`);
  }
  for (const svc of swarm.services) {
    const tasks = svc.tasks.map((t) => `${t.name} on ${t.host} (${t.state})`);
    const ports = svc.ports.map((p) => `${p.published}->${p.target}/${p.protocol} (${p.mode})`);
    items.push(`Service ${svc.name} (${svc.image}, ${svc.mode === 'global' ? 'global' : `${svc.replicas} replicas`})${ports.length ? `, publishes ${ports.join(', ')}` : ''}: ${tasks.length ? `tasks ${tasks.join(', ')}` : 'no tasks'}.`);
  }
  return { heading: 'Swarm', items };
}
