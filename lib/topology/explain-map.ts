/**
 * An explained path (Lab.explainPath) on the picture: which boxes the packet visited, in order,
 * the links between them, and the box where it died. A hop names its namespace and device; the
 * device says which box of a host it was (a bridge or its veth port is the network's box, eth0
 * the NIC); the router is the LAN box.
 */
import type { ExplainHop, PathExplanation, Topology } from '@/engine';
import { containerNodeId, networkNodeId, nicId, type Diagram } from './diagram-parts';

export interface PathOnPicture {
  /** Boxes in the order the packet met them (a box met again later appears again). */
  nodes: string[];
  /** Links between consecutive boxes, where the picture has one. */
  edges: Set<string>;
  /** The box where the packet was dropped, refused or found no route. */
  end: string | null;
  /** The number of the first visit of each box, for badges. */
  order: Map<string, number>;
}

function hostBoxOf(topology: Topology, host: string, device: string | null): string {
  const h = topology.hosts.find((x) => x.name === host);
  if (!h || !device) return nicId(host);
  const network = h.networks.find((n) => n.device === device);
  if (network) return networkNodeId(host, network.id);
  for (const c of h.containers) {
    const ep = c.endpoints.find((e) => e.hostVeth === device);
    if (ep) return networkNodeId(host, ep.networkId);
  }
  return nicId(host);
}

function boxesOf(topology: Topology, hop: ExplainHop): string[] {
  switch (hop.nsKind) {
    case 'container':
      return hop.container ? [containerNodeId(hop.host, hop.container.id)] : [];
    case 'host':
      if (hop.step === 'forward' && hop.to) return [hostBoxOf(topology, hop.host, hop.device), hostBoxOf(topology, hop.host, hop.to)];
      return [hostBoxOf(topology, hop.host, hop.device)];
    case 'machine':
      return [`machine/${hop.host}`];
    case 'router':
      return ['lan'];
    case 'internet':
      return ['internet'];
    default:
      return [];
  }
}

/** Boxes that sit on the LAN segment: a packet between two of them crosses the LAN box. */
function onLan(id: string): boolean {
  return id.endsWith('/eth0') || id.startsWith('machine/');
}

export function pathOnPicture(diagram: Diagram, topology: Topology, explanation: PathExplanation): PathOnPicture {
  const ids = new Set<string>();
  const visit = (list: Diagram['nodes']) => {
    for (const n of list) {
      ids.add(n.id);
      if (n.children) visit(n.children);
    }
  };
  visit(diagram.nodes);
  const nodes: string[] = [];
  const push = (id: string) => {
    if (!ids.has(id) || nodes[nodes.length - 1] === id) return;
    const prev = nodes[nodes.length - 1];
    if (prev && onLan(prev) && onLan(id) && ids.has('lan')) nodes.push('lan');
    nodes.push(id);
  };
  for (const hop of explanation.hops) for (const id of boxesOf(topology, hop)) push(id);
  const edges = new Set<string>();
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    const edge = diagram.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
    if (edge) edges.add(edge.id);
  }
  const order = new Map<string, number>();
  nodes.forEach((id) => {
    if (!order.has(id)) order.set(id, order.size + 1);
  });
  const end = explanation.verdict === 'delivered' ? null : (nodes[nodes.length - 1] ?? null);
  return { nodes, edges, end, order };
}

/** The ref explainPath takes for a box of the picture, or null for boxes that are not endpoints. */
export function endpointOfNode(topology: Topology, nodeId: string): string | null {
  const first = topology.hosts[0]?.name;
  if (nodeId.startsWith('machine/')) return nodeId.slice('machine/'.length);
  if (nodeId === 'internet') return '8.8.8.8';
  const nic = /^([^/]+)\/eth0$/.exec(nodeId);
  if (nic) return nic[1]!;
  const ctr = /^([^/]+)\/ctr\/(.+)$/.exec(nodeId);
  if (ctr) {
    const c = topology.hosts.find((h) => h.name === ctr[1])?.containers.find((x) => x.id === ctr[2]);
    if (!c) return null;
    return ctr[1] === first ? c.name : `${c.name}@${ctr[1]}`;
  }
  return null;
}

/** Endpoints to choose from, as a learner names them: containers (running first), hosts, LAN machines, the internet. */
export function endpointChoices(topology: Topology): { value: string; label: string }[] {
  const first = topology.hosts[0]?.name;
  const out: { value: string; label: string }[] = [];
  for (const h of topology.hosts) {
    for (const c of h.containers) {
      const ref = h.name === first ? c.name : `${c.name}@${h.name}`;
      out.push({ value: ref, label: `${c.name}${h.name === first ? '' : ` (on ${h.name})`}${c.state === 'running' ? '' : ` · ${c.state}`}` });
    }
  }
  for (const h of topology.hosts) out.push({ value: h.name, label: `${h.name} (host, ${h.address})` });
  for (const m of topology.lan.machines) out.push({ value: m.name, label: `${m.name} (${m.address})` });
  out.push({ value: '8.8.8.8', label: 'the internet (8.8.8.8)' });
  return out;
}
