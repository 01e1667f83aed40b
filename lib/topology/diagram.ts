/**
 * From the engine's topology view model to a diagram: boxes with lines of text and the links
 * between them, sized for a 12px monospace font. Positions are not decided here: elkjs lays the
 * diagram out (see layout.ts). Pure data in, pure data out.
 */
import type { Topology, TopologyContainer, TopologyHost, TopologyNetwork } from '@/engine';
import { body, box, containerNodeId, muted, networkNodeId, nicId, title, type ContainerStyle, type Diagram, type DiagramEdge, type DiagramNode, type TextLine } from './diagram-parts';
import { addSwarms, swarmRole } from './swarm-diagram';

export * from './diagram-parts';

/** Networks that get a box: those with a Linux device, or with containers attached to them. */
function drawnNetworks(host: TopologyHost): TopologyNetwork[] {
  const used = new Set(host.containers.flatMap((c) => c.endpoints.map((e) => e.networkId)));
  return host.networks.filter(
    (network) => network.driver !== 'host' && network.driver !== 'none' && (network.device !== null || used.has(network.id)),
  );
}

function span(first: number, count = 1): string {
  return count > 1 ? `${first}-${first + count - 1}` : String(first);
}

export function portText(port: { hostIp: string; hostPort: number; containerPort: number; protocol: string; count?: number }): string {
  // As `docker ps` prints it, so the picture and the terminal read the same; a published range in
  // one line (docker ps lists it port by port when host and container numbers differ).
  const host = port.hostIp.includes(':') ? `[${port.hostIp}]` : port.hostIp;
  return `${host}:${span(port.hostPort, port.count)}->${span(port.containerPort, port.count)}/${port.protocol}`;
}

/** A container whose network is torn down: Docker removes its veth pairs and addresses on stop. */
export function isDetached(container: TopologyContainer): boolean {
  return container.state !== 'running' && container.state !== 'paused';
}

function containerStyle(container: TopologyContainer): ContainerStyle {
  if (isDetached(container)) return 'stopped';
  if (container.networkMode === 'host') return 'host-mode';
  if (container.networkMode === 'none') return 'no-network';
  if (container.networkMode.startsWith('container:')) return 'shared';
  return 'running';
}

export interface DiagramOptions {
  /**
   * Narrower boxes for pictures inline in a lesson: an interface line without its network's name
   * (the line to the bridge says it) and veth labels without the container's end.
   */
  compact?: boolean;
}

function containerLines(host: TopologyHost, container: TopologyContainer, options: DiagramOptions): TextLine[] {
  const lines: TextLine[] = [title(container.name), muted(`${container.image} · ${container.state}`)];
  const mode = container.networkMode;
  if (isDetached(container)) {
    // Stopped: no interfaces, no ports. Say where it will plug back in when started.
    const networks = container.endpoints.map((e) => e.networkName);
    const where = networks.length > 0 ? networks.join(', ') : mode;
    lines.push(muted('detached: no interfaces'));
    lines.push(muted(`rejoins ${where} on start`));
    return lines;
  }
  if (mode === 'host') {
    lines.push(body(`host network: ${host.name}'s own stack`));
  } else if (mode === 'none') {
    lines.push(body('none: only lo, no way out'));
  } else if (mode.startsWith('container:')) {
    lines.push(body(`shares ${mode.slice('container:'.length)}'s network`));
  }
  for (const endpoint of container.endpoints) {
    if (endpoint.ipv4 === null && (mode === 'host' || mode === 'none')) continue;
    const network = options.compact && container.endpoints.length === 1 ? '' : ` · ${endpoint.networkName}`;
    lines.push(body(`${endpoint.iface} ${endpoint.ipv4 ?? '(no address)'}${network}`));
  }
  for (const port of container.ports) lines.push({ text: portText(port), tone: 'port' });
  return lines;
}

function networkLines(network: TopologyNetwork): TextLine[] {
  const lines: TextLine[] = [title(network.device ?? network.name)];
  lines.push(muted(network.device === null ? `${network.driver} network` : `${network.driver} · network "${network.name}"`));
  if (network.subnet) lines.push(body(network.subnet));
  if (network.gateway) lines.push(body(`gateway ${network.gateway}`));
  if (network.internal) lines.push({ text: 'internal: no way out', tone: 'warn' });
  return lines;
}

/** The fields the engine adds for macvlan/ipvlan networks (parent, vlan, mode); read when present. */
interface LanFields {
  parent?: string | null;
  vlan?: number | null;
  mode?: string | null;
}

export interface LanAttachment {
  parent: string | null;
  vlan: number | null;
  mode: string | null;
  /**
   * ipvlan in l3/l3s mode: the host routes its children's packets (they answer no ARP on the LAN,
   * the LAN reaches their subnet only through a route via the host), so they sit behind the host.
   */
  routed: boolean;
}

/**
 * A macvlan or ipvlan network's place on the LAN: its parent interface and VLAN (from the
 * network's own fields when the engine gives them, else from its device: `eth0.50` is VLAN 50 on
 * eth0; a `dm-…` dummy parent has no way onto the LAN).
 */
export function lanAttachment(network: TopologyNetwork): LanAttachment | null {
  if (network.driver !== 'macvlan' && network.driver !== 'ipvlan') return null;
  const extra = network as TopologyNetwork & LanFields;
  const device = extra.parent ?? network.device;
  const fromName = device ? /^(.+)\.(\d+)$/.exec(device) : null;
  const vlan = extra.vlan ?? (fromName ? Number(fromName[2]) : null);
  const mode = extra.mode ?? null;
  const routed = network.driver === 'ipvlan' && (mode === 'l3' || mode === 'l3s');
  return { parent: device ?? null, vlan, mode, routed };
}

/** Where a macvlan/ipvlan network's children are, as the picture and its text description say it. */
export function lanPlace(at: LanAttachment, host: string): string {
  if (at.routed) return `routed by ${host} (${at.mode ?? 'l3'})`;
  return at.vlan === null ? 'on the LAN, untagged' : `on the LAN, VLAN ${at.vlan}`;
}

function lanNetworkLines(network: TopologyNetwork, at: LanAttachment, host: string): TextLine[] {
  const lines: TextLine[] = [title(`${network.driver} ${network.name}`)];
  const mode = at.mode ? ` · ${at.mode}` : '';
  lines.push(muted(`${at.parent ? `parent ${at.parent}` : 'no parent'}${mode}`));
  lines.push(body(lanPlace(at, host)));
  if (network.subnet) lines.push(body(network.subnet));
  if (network.gateway) lines.push(body(`gateway ${network.gateway}`));
  if (network.internal) lines.push({ text: 'internal: no gateway', tone: 'warn' });
  return lines;
}

function hostNode(host: TopologyHost, edges: DiagramEdge[], options: DiagramOptions, role: string): DiagramNode {
  const children: DiagramNode[] = [];
  const nic = nicId(host.name);
  const published = host.containers.flatMap((c) =>
    c.state === 'running' ? c.ports.map((p) => ({ text: `:${span(p.hostPort, p.count)} -> ${c.name}:${span(p.containerPort, p.count)}/${p.protocol}`, tone: 'port' as const })) : [],
  );
  children.push(box(nic, 'nic', [title('eth0'), body(host.address), ...published]));

  const networks = drawnNetworks(host);
  const byId = new Map(networks.map((n) => [n.id, n]));
  for (const network of networks) {
    const id = networkNodeId(host.name, network.id);
    const onLan = lanAttachment(network);
    if (onLan?.routed) {
      // ipvlan l3/l3s: the host routes for its children, so the line comes from the host's NIC.
      children.push(box(id, 'network', lanNetworkLines(network, onLan, host.name)));
      edges.push({ id: `${id}/uplink`, source: nic, target: id, style: 'routed', label: `routed (${onLan.mode ?? 'l3'})` });
      continue;
    }
    if (onLan) {
      // Its children are machines on the LAN segment: the line goes to the LAN, not through the host.
      children.push(box(id, 'lan-net', lanNetworkLines(network, onLan, host.name)));
      edges.push({ id: `${id}/lan`, source: 'lan', target: id, style: 'lan', label: onLan.vlan === null ? 'untagged' : `VLAN ${onLan.vlan}` });
      continue;
    }
    children.push(box(id, network.driver === 'bridge' ? 'bridge' : 'network', networkLines(network)));
    edges.push({
      id: `${id}/uplink`,
      source: nic,
      target: id,
      style: network.internal ? 'isolated' : network.driver === 'overlay' ? 'vtep' : 'nat',
      label: network.internal ? 'internal' : network.driver === 'bridge' ? 'NAT' : network.driver === 'overlay' ? 'VXLAN' : network.driver,
    });
  }

  const byName = new Map(host.containers.map((c) => [c.name, c]));
  for (const container of host.containers) {
    const id = containerNodeId(host.name, container.id);
    const style = containerStyle(container);
    children.push(box(id, 'container', containerLines(host, container, options), { containerStyle: style }));
    if (style === 'stopped') continue;
    if (style === 'host-mode') {
      edges.push({ id: `${id}/host`, source: nic, target: id, style: 'shared', label: 'same stack' });
    } else if (style === 'shared') {
      const other = byName.get(container.networkMode.slice('container:'.length));
      if (other) {
        edges.push({ id: `${id}/shares`, source: containerNodeId(host.name, other.id), target: id, style: 'shared', label: 'same netns' });
      }
    }
    for (const endpoint of container.endpoints) {
      if (!byId.has(endpoint.networkId)) continue;
      edges.push({
        id: `${id}/${endpoint.networkId}`,
        source: networkNodeId(host.name, endpoint.networkId),
        target: id,
        style: 'veth',
        label: endpoint.hostVeth ? (options.compact ? endpoint.hostVeth : `${endpoint.hostVeth} ↔ ${endpoint.iface}`) : endpoint.iface,
      });
    }
  }

  return {
    id: `host/${host.name}`,
    kind: 'host',
    lines: [title(`${host.name}${role}`)],
    width: 0,
    height: 0,
    children,
  };
}

export function buildDiagram(topology: Topology, options: DiagramOptions = {}): Diagram {
  const edges: DiagramEdge[] = [];
  const nodes: DiagramNode[] = [
    box('internet', 'internet', [title('Internet'), muted('8.8.8.8, registries')]),
    box('lan', 'lan', [title('LAN'), body(topology.lan.subnet), muted(`router ${topology.lan.gateway}`)]),
  ];
  edges.push({ id: 'lan/uplink', source: 'internet', target: 'lan', style: 'uplink', label: null });
  for (const machine of topology.lan.machines) {
    const id = `machine/${machine.name}`;
    nodes.push(box(id, 'machine', [title(machine.name), body(machine.address), muted('LAN machine')]));
    edges.push({ id: `${id}/lan`, source: 'lan', target: id, style: 'lan', label: null });
  }
  for (const host of topology.hosts) {
    nodes.push(hostNode(host, edges, options, swarmRole(topology, host)));
    edges.push({ id: `${host.name}/lan`, source: 'lan', target: nicId(host.name), style: 'lan', label: null });
  }
  const tunnels = addSwarms(topology, nodes, edges);
  return { nodes, edges, tunnels };
}
