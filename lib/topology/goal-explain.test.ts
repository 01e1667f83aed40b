import { describe, expect, it } from 'vitest';
import { checkGoal, createLab, type GoalInput, type Lab } from '@/engine';
import { buildDiagram, type DiagramNode } from './diagram';
import { diffLayouts } from './changes';
import { endpointOfNode, pathOnPicture } from './explain-map';
import { withGoal } from './goal-diagram';
import { readLayout, toElkGraph } from './layout';

/** An exercise's goal over the picture (ghosts turn solid as criteria pass) and an explained path on it. */

function flatten(nodes: DiagramNode[]): DiagramNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

async function labWith(lines: string[]): Promise<Lab> {
  const lab = createLab({ seed: 3 });
  const s = lab.openSession();
  for (const line of lines) expect((await s.run(line)).exitCode, line).toBe(0);
  return lab;
}

const GOAL: GoalInput = {
  containers: [
    { name: 'web', state: 'running', networks: [{ network: 'front' }] },
    { name: 'app', state: 'running', networks: [{ network: 'front' }, { network: 'back' }] },
  ],
  probes: [{ id: 'app-reaches-web', reach: { from: 'app', to: 'web', expect: 'reachable' } }],
};

function goalPicture(lab: Lab) {
  const outcome = checkGoal(lab, GOAL);
  if (!outcome.ok) throw new Error(outcome.error);
  const topology = lab.topology();
  return withGoal(buildDiagram(topology), topology, GOAL, outcome.report.criteria);
}

describe('the goal drawn over the lab', () => {
  it('draws what does not exist yet as ghosts, and what exists as met or still to do', async () => {
    const lab = await labWith(['docker network create front', 'docker network create back', 'docker run -d --name web --net front nginx']);
    const { diagram, summary } = goalPicture(lab);
    const nodes = flatten(diagram.nodes);
    const web = nodes.find((n) => n.lines[0]?.text === 'web' && !n.ghost)!;
    expect(web.goal).toBe('met');
    const app = nodes.find((n) => n.id === 'host1/goal-ctr/app')!;
    expect(app).toMatchObject({ ghost: true, goal: 'unmet', kind: 'container' });
    expect(app.lines.map((l) => l.text)).toEqual(['app', 'goal: running']);
    const ghostEdges = diagram.edges.filter((e) => e.ghost).map((e) => [e.source, e.target]);
    const front = nodes.find((n) => n.lines[1]?.text === 'bridge · network "front"')!.id;
    const back = nodes.find((n) => n.lines[1]?.text === 'bridge · network "back"')!.id;
    expect(ghostEdges).toEqual([
      [front, app.id],
      [back, app.id],
    ]);
    expect(diagram.edges.find((e) => e.source === front && e.target === web.id)?.goal).toBe('met');
    expect(summary).toMatchObject({ met: 2, total: 5 });
    expect(summary.parts).toEqual([
      { label: 'container web', mark: 'met' },
      { label: 'web attached to front', mark: 'met' },
      { label: 'container app', mark: 'unmet' },
      { label: 'app attached to front', mark: 'unmet' },
      { label: 'app attached to back', mark: 'unmet' },
    ]);
  });

  it('turns parts solid as they are met: app on front only, then on both', async () => {
    const lab = await labWith(['docker network create front', 'docker network create back', 'docker run -d --name web --net front nginx', 'docker run -dit --name app --net front alpine']);
    let { diagram, summary } = goalPicture(lab);
    let nodes = flatten(diagram.nodes);
    expect(nodes.some((n) => n.ghost && n.kind === 'container')).toBe(false);
    // Exists, but not where the goal wants it: marked still to do, with its missing link a ghost.
    expect(nodes.find((n) => n.lines[0]?.text === 'app')?.goal).toBe('met');
    expect(diagram.edges.filter((e) => e.ghost)).toHaveLength(1);
    expect(summary.met).toBe(4);
    await lab.openSession().run('docker network connect back app');
    ({ diagram, summary } = goalPicture(lab));
    nodes = flatten(diagram.nodes);
    expect(diagram.edges.filter((e) => e.ghost)).toHaveLength(0);
    expect(nodes.filter((n) => n.ghost)).toHaveLength(0);
    expect(summary).toMatchObject({ met: 5, total: 5 });
  });

  it('showing the goal is not a change in the lab: ghosts never count as added', async () => {
    const lab = await labWith(['docker network create front', 'docker network create back']);
    const ElkModule = await import('elkjs/lib/elk.bundled.js');
    const elk = new ElkModule.default();
    const plain = buildDiagram(lab.topology());
    const before = readLayout(plain, await elk.layout(toElkGraph(plain)));
    const { diagram } = goalPicture(lab);
    const after = readLayout(diagram, await elk.layout(toElkGraph(diagram)));
    expect(diffLayouts(before, after).summary).toBe('');
  });
});

describe('an explained path on the picture', () => {
  it('numbers the boxes a dropped packet met and ends at the host where the rule dropped it', async () => {
    const lab = await labWith(['docker network create front', 'docker network create back', 'docker run -d --name web --net front nginx', 'docker run -dit --name db --net back alpine']);
    const topology = lab.topology();
    const diagram = buildDiagram(topology);
    const e = lab.explainPath({ from: 'web', to: 'db', by: 'address' });
    expect(e.verdict).toBe('dropped');
    const path = pathOnPicture(diagram, topology, e);
    const web = topology.hosts[0]!.containers.find((c) => c.name === 'web')!;
    const front = topology.hosts[0]!.networks.find((n) => n.name === 'front')!;
    expect(path.nodes).toEqual([`host1/ctr/${web.id}`, `host1/net/${front.id}`]);
    expect(path.end).toBe(`host1/net/${front.id}`);
    expect([...path.edges]).toEqual([`host1/ctr/${web.id}/${front.id}`]);
    expect([...path.order.values()]).toEqual([1, 2]);
  });

  it('crosses the LAN box between hosts and machines, and maps picked boxes back to endpoints', async () => {
    const lab = await labWith(['docker run -d --name pub -p 8080:80 nginx']);
    const topology = lab.topology();
    const diagram = buildDiagram(topology);
    const path = pathOnPicture(diagram, topology, lab.explainPath({ from: 'laptop', to: '192.168.1.11', port: 8080 }));
    const pub = topology.hosts[0]!.containers[0]!;
    const bridge = topology.hosts[0]!.networks.find((n) => n.name === 'bridge')!;
    expect(path.nodes.slice(0, 5)).toEqual(['machine/laptop', 'lan', 'host1/eth0', `host1/net/${bridge.id}`, `host1/ctr/${pub.id}`]);
    expect(path.end).toBeNull();
    expect(path.edges.has('machine/laptop/lan')).toBe(true);
    expect(path.edges.has('host1/lan')).toBe(true);
    expect(endpointOfNode(topology, `host1/ctr/${pub.id}`)).toBe('pub');
    expect(endpointOfNode(topology, 'host1/eth0')).toBe('host1');
    expect(endpointOfNode(topology, 'machine/laptop')).toBe('laptop');
    expect(endpointOfNode(topology, 'internet')).toBe('8.8.8.8');
    expect(endpointOfNode(topology, 'lan')).toBeNull();
  });

  it('draws a goal ipvlan l3 network not yet made as a ghost routed behind its host, an l2 one on the LAN', async () => {
    const lab = await labWith([]);
    const goal: GoalInput = {
      networks: [
        { name: 'apps', driver: 'ipvlan', parent: 'eth0', mode: 'l3', subnet: '10.60.1.0/24' },
        { name: 'flat', driver: 'ipvlan', parent: 'eth0.80', mode: 'l2', subnet: '192.168.80.0/24' },
      ],
    };
    const outcome = checkGoal(lab, goal);
    if (!outcome.ok) throw new Error(outcome.error);
    const topology = lab.topology();
    const nodes = flatten(withGoal(buildDiagram(topology), topology, goal, outcome.report.criteria).diagram.nodes);
    const apps = nodes.find((n) => n.id === 'host1/goal-net/apps')!;
    expect([apps.kind, apps.ghost]).toEqual(['network', true]);
    expect(apps.lines.map((l) => l.text).join(' | ')).toContain('ipvlan · l3 · 10.60.1.0/24');
    expect(nodes.find((n) => n.id === 'host1/goal-net/flat')?.kind).toBe('lan-net');
  });
});
