import { describe, expect, it } from 'vitest';
import { createLab } from '@/engine';
import { buildDiagram, type DiagramNode } from './diagram';
import { describeTopology } from './describe';
import { readLayout, toElkGraph } from './layout';

async function labWith(commands: string[]) {
  const lab = createLab({ hosts: ['host1'] });
  const session = lab.openSession();
  for (const command of commands) {
    const result = await session.run(command);
    expect(result.exitCode, `${command}: ${result.output}`).toBe(0);
  }
  return lab;
}

function flatten(nodes: DiagramNode[]): DiagramNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

describe('topology diagram', () => {
  it('draws bridges, containers with addresses, veth links, published ports, host and none modes', async () => {
    const lab = await labWith([
      'docker network create --subnet 10.9.0.0/24 appnet',
      'docker run -d --name web --network appnet -p 8080:80 nginx',
      'docker run -dit --name hostc --network host alpine',
      'docker run -dit --name iso --network none alpine',
    ]);
    const diagram = buildDiagram(lab.topology());
    const nodes = flatten(diagram.nodes);
    const text = (id: string) => nodes.find((n) => n.id === id)?.lines.map((l) => l.text) ?? [];
    const web = nodes.find((n) => n.lines[0]?.text === 'web');
    expect(web?.containerStyle).toBe('running');
    expect(web?.lines.map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^eth0 10\.9\.0\.2 · appnet$/), '0.0.0.0:8080->80/tcp']));
    expect(nodes.find((n) => n.lines[0]?.text === 'hostc')?.containerStyle).toBe('host-mode');
    expect(nodes.find((n) => n.lines[0]?.text === 'iso')?.containerStyle).toBe('no-network');
    expect(text('host1/eth0')).toContain(':8080 -> web:80/tcp');
    const veth = diagram.edges.find((e) => e.style === 'veth' && e.target === web?.id);
    expect(veth?.label).toMatch(/^veth[0-9a-f]+ ↔ eth0$/);
    // No box for the host and none networks: their containers show the mode themselves.
    expect(nodes.filter((n) => n.kind === 'bridge').map((n) => n.lines[0]?.text)).toEqual(expect.arrayContaining(['docker0', expect.stringMatching(/^br-/)]));
    expect(nodes.some((n) => n.kind === 'network')).toBe(false);
  });

  it('gives every edge endpoint a node, so elk can lay it out', async () => {
    const lab = await labWith(['docker run -d --name front nginx', 'docker run -dit --name side --network container:front alpine']);
    const diagram = buildDiagram(lab.topology());
    const ids = new Set(flatten(diagram.nodes).map((n) => n.id));
    for (const edge of diagram.edges) {
      expect(ids.has(edge.source), edge.id).toBe(true);
      expect(ids.has(edge.target), edge.id).toBe(true);
    }
    const ElkModule = await import('elkjs/lib/elk.bundled.js');
    const laidOut = await new ElkModule.default().layout(toElkGraph(diagram));
    const layout = readLayout(diagram, laidOut);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
  });

  it('has a text twin that says the same in words', async () => {
    const lab = await labWith(['docker run -d --name web -p 8080:80 nginx']);
    const { summary, hosts } = describeTopology(lab.topology());
    expect(summary).toMatch(/^1 host on the LAN [\d.]+\/\d+ \(router [\d.]+\), 1 container\.$/);
    expect(hosts[0]?.items.join('\n')).toMatch(/Container web \(image nginx, running\) on network bridge as 172\.17\.0\.2 \(eth0, linked by veth pair eth0 ↔ veth[0-9a-f]+\); publishes 0\.0\.0\.0:8080->80\/tcp/);
  });
});
