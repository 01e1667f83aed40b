/**
 * An exercise's goal drawn over the lab's picture: every network, container, attachment, overlay
 * and service the goal names. What exists is marked met (its criteria all pass) or still to do;
 * what does not exist yet is a ghost, placed where it will be. Criteria come from the checker's
 * report (their ids: networks.front, containers.app@host2.networks.back…), so the picture and
 * the Check button always agree.
 */
import type { CriterionResult, GoalInput, Topology } from '@/engine';
import { body, box, containerNodeId, muted, networkNodeId, title, type Diagram, type DiagramEdge, type DiagramNode, type GoalMark } from './diagram-parts';
import { overlayNodeId, serviceNodeId } from './swarm-diagram';

type Results = ReadonlyMap<string, boolean>;

/** Every criterion at `base` or under it passes; `skip` leaves out sub-criteria that have their own mark. */
function markOf(results: Results, base: string, skip?: string): GoalMark {
  let any = false;
  for (const [id, pass] of results) {
    if (id !== base && !id.startsWith(`${base}.`)) continue;
    if (skip && id.startsWith(`${base}.${skip}.`)) continue;
    any = true;
    if (!pass) return 'unmet';
  }
  return any ? 'met' : 'unmet';
}

const at = (host: string | undefined, first: string) => (host === undefined || host === first ? '' : `@${host}`);

export interface GoalSummary {
  met: number;
  total: number;
  /** Each part in words, for the text twin: "network front", "app on back". */
  parts: { label: string; mark: GoalMark }[];
}

function ghostBox(id: string, kind: DiagramNode['kind'], name: string, detail: string): DiagramNode {
  return box(id, kind, [title(name), muted(`goal: ${detail}`)], { ghost: true, goal: 'unmet' });
}

/**
 * The diagram with the goal's parts marked and its missing parts added as ghosts. `criteria`:
 * the last report's results (all unmet without one).
 */
export function withGoal(diagram: Diagram, topology: Topology, goal: GoalInput, criteria: readonly CriterionResult[]): { diagram: Diagram; summary: GoalSummary } {
  const results: Results = new Map(criteria.map((c) => [c.id, c.pass]));
  const first = topology.hosts[0]?.name ?? 'host1';
  const nodes: DiagramNode[] = diagram.nodes.map((n) => (n.children ? { ...n, children: n.children.map((c) => ({ ...c })) } : { ...n }));
  const edges: DiagramEdge[] = diagram.edges.map((e) => ({ ...e }));
  const hostBox = (name: string) => nodes.find((n) => n.id === `host/${name}`);
  const find = (id: string) => nodes.find((n) => n.id === id) ?? nodes.flatMap((n) => n.children ?? []).find((n) => n.id === id);
  const parts: GoalSummary['parts'] = [];
  const count = (mark: GoalMark, label: string) => {
    parts.push({ label, mark });
  };
  const where = (host: string | undefined) => (host && host !== first ? ` on ${host}` : '');

  // Networks: a host's own, or an overlay of the swarm.
  const netNode = new Map<string, string>();
  for (const g of goal.networks ?? []) {
    if (g.absent) continue;
    const base = `networks.${g.name}${at(g.host, first)}`;
    const mark = markOf(results, base);
    count(mark, `network ${g.name}${where(g.host)}`);
    if (g.driver === 'overlay' && !g.host) {
      const swarm = topology.swarms[0];
      const o = swarm?.overlays.find((x) => x.name === g.name);
      const id = swarm && o ? overlayNodeId(swarm.id, o.id) : `goal/overlay/${g.name}`;
      const node = find(id);
      if (node) node.goal = mark;
      else nodes.push(ghostBox(id, 'overlay', `overlay ${g.name}`, [g.subnet, g.attachable ? 'attachable' : null].filter(Boolean).join(' · ') || 'an overlay network'));
      netNode.set(g.name, id);
      continue;
    }
    const hostName = g.host ?? first;
    const host = topology.hosts.find((h) => h.name === hostName);
    const existing = host?.networks.find((n) => n.name === g.name);
    const id = existing ? networkNodeId(hostName, existing.id) : `${hostName}/goal-net/${g.name}`;
    const node = find(id);
    if (node) node.goal = mark;
    else {
      // ipvlan l3/l3s children are routed by their host, drawn as a network behind it (diagram.ts).
      const routed = g.driver === 'ipvlan' && (g.mode === 'l3' || g.mode === 'l3s');
      const kind = routed ? 'network' : g.driver === 'macvlan' || g.driver === 'ipvlan' ? 'lan-net' : 'bridge';
      hostBox(hostName)?.children?.push(ghostBox(id, kind, g.name, [g.driver ?? 'bridge', g.mode, g.subnet].filter(Boolean).join(' · ')));
    }
    netNode.set(`${hostName}/${g.name}`, id);
  }

  // Containers and their attachments.
  for (const g of goal.containers ?? []) {
    if (g.absent || !g.name) continue;
    const hostName = g.host ?? first;
    const base = `containers.${g.name}${at(g.host, first)}`;
    const mark = markOf(results, base, 'networks');
    count(mark, `container ${g.name}${where(g.host)}`);
    const host = topology.hosts.find((h) => h.name === hostName);
    const real = host?.containers.find((c) => c.name === g.name);
    const id = real ? containerNodeId(hostName, real.id) : `${hostName}/goal-ctr/${g.name}`;
    const node = find(id);
    if (node) node.goal = mark;
    else hostBox(hostName)?.children?.push(ghostBox(id, 'container', g.name, [g.image, g.state].filter(Boolean).join(' · ') || 'a container'));
    for (const a of g.networks ?? []) {
      const aMark = markOf(results, `${base}.networks.${a.network}`);
      count(aMark, `${g.name}${where(g.host)} attached to ${a.network}`);
      const existing = host?.networks.find((n) => n.name === a.network);
      const netId = existing ? networkNodeId(hostName, existing.id) : netNode.get(`${hostName}/${a.network}`) ?? netNode.get(a.network);
      const edge = real && existing ? edges.find((e) => e.source === networkNodeId(hostName, existing.id) && e.target === id) : undefined;
      if (edge) edge.goal = aMark;
      else if (netId && find(netId)) {
        edges.push({ id: `goal/${hostName}/${g.name}/${a.network}`, source: netId, target: id, style: 'veth', label: a.ip ? `goal: ${a.ip}` : 'goal', goal: 'unmet', ghost: true });
      } else {
        // The goal names a network it does not describe: a ghost for it too, so the line has an end.
        const ghostId = `${hostName}/goal-net/${a.network}`;
        if (!find(ghostId)) hostBox(hostName)?.children?.push(ghostBox(ghostId, 'bridge', a.network, 'a network'));
        edges.push({ id: `goal/${hostName}/${g.name}/${a.network}`, source: ghostId, target: id, style: 'veth', label: 'goal', goal: 'unmet', ghost: true });
      }
    }
  }

  // Services of the swarm.
  for (const g of goal.services ?? []) {
    const mark = markOf(results, `services.${g.name}`);
    count(mark, `service ${g.name}`);
    const swarm = topology.swarms[0];
    const svc = swarm?.services.find((s) => s.name === g.name);
    const id = swarm && svc ? serviceNodeId(swarm.id, svc.id) : `goal/service/${g.name}`;
    const node = find(id);
    if (node) node.goal = mark;
    else {
      const scale = g.mode === 'global' ? 'global' : g.replicas !== undefined ? `${g.replicas} replicas` : null;
      nodes.push(box(id, 'service', [title(`service ${g.name}`), muted(`goal: ${[g.image, scale].filter(Boolean).join(' · ') || 'a service'}`), ...(g.ports ?? []).map((p) => body(`*:${p.published}`))], { ghost: true, goal: 'unmet' }));
    }
  }

  return { diagram: { nodes, edges, tunnels: diagram.tunnels }, summary: { met: parts.filter((p) => p.mark === 'met').length, total: parts.length, parts } };
}
