import { describe, expect, it } from 'vitest';
import { createLab } from '@/engine';
import { buildDiagram, type DiagramNode } from './diagram';
import { describeTopology } from './describe';
import { readLayout, toElkGraph } from './layout';
import { diffLayouts } from './changes';

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
    expect(summary).toMatch(/^1 host on the LAN [\d.]+\/\d+ \(router [\d.]+\), 1 container\. laptop \(192\.168\.1\.100\) is another machine on the LAN\.$/);
    expect(hosts[0]?.items.join('\n')).toMatch(/Container web \(image nginx, running\) on network bridge as 172\.17\.0\.2 \(eth0, linked by veth pair eth0 ↔ veth[0-9a-f]+\); publishes 0\.0\.0\.0:8080->80\/tcp/);
  });

  it('draws the LAN machine and a stopped container detached, with no veth to its network', async () => {
    const lab = await labWith(['docker run -dit --name up alpine', 'docker run -dit --name down alpine', 'docker stop down']);
    const diagram = buildDiagram(lab.topology());
    const nodes = flatten(diagram.nodes);
    expect(nodes.find((n) => n.id === 'machine/laptop')?.lines.map((l) => l.text)).toEqual(['laptop', '192.168.1.100', 'LAN machine']);
    expect(diagram.edges.some((e) => e.source === 'lan' && e.target === 'machine/laptop')).toBe(true);
    const down = nodes.find((n) => n.lines[0]?.text === 'down');
    const up = nodes.find((n) => n.lines[0]?.text === 'up');
    expect(down?.containerStyle).toBe('stopped');
    expect(down?.lines.map((l) => l.text)).toContain('detached: no interfaces');
    expect(diagram.edges.filter((e) => e.target === down?.id)).toEqual([]);
    expect(diagram.edges.filter((e) => e.target === up?.id && e.style === 'veth')).toHaveLength(1);
    expect(describeTopology(lab.topology()).hosts[0]?.items.join('\n')).toMatch(/Container down \(image alpine, exited\) is stopped, so it has no network interfaces; it rejoins bridge when started\./);
  });

  it('says what a command added, changed and removed between two pictures', async () => {
    const ElkModule = await import('elkjs/lib/elk.bundled.js');
    const elk = new ElkModule.default();
    const lab = await labWith(['docker run -dit --name old alpine', 'docker run -dit --name keep alpine']);
    const layout = async () => {
      const diagram = buildDiagram(lab.topology());
      return readLayout(diagram, await elk.layout(toElkGraph(diagram)));
    };
    const before = await layout();
    const session = lab.openSession();
    for (const line of ['docker rm -f old', 'docker stop keep', 'docker run -d --name web -p 8080:80 nginx']) await session.run(line);
    const changes = diffLayouts(before, await layout());
    expect(changes.summary).toBe('Added: web. Changed: host1 eth0, keep. Removed: old.');
    expect(changes.headline).toBe('Added web · Changed host1 eth0, keep · Removed old');
    expect([...changes.nodes.values()].sort()).toEqual(['added', 'changed', 'changed']);
    expect(changes.removed.map((n) => n.node.lines[0]?.text)).toEqual(['old']);
  });

  it('puts a command that adds many boxes in one short caption line, with a count of the rest', async () => {
    const ElkModule = await import('elkjs/lib/elk.bundled.js');
    const elk = new ElkModule.default();
    const lab = await labWith(['docker run -dit --name old alpine']);
    const layout = async () => {
      const diagram = buildDiagram(lab.topology());
      return readLayout(diagram, await elk.layout(toElkGraph(diagram)));
    };
    const before = await layout();
    await lab.openSession().run('for i in 1 2 3 4 5 6 7 8 9; do docker run -dit --name web$i alpine; done; docker rm -f old');
    const changes = diffLayouts(before, await layout());
    expect(changes.summary).toMatch(/^Added: web1, web2, web3, web4, web5, web6, web7, web8, web9\. Removed: old\.$/);
    expect(changes.headline).toMatch(/^Added web1, web2 and 7 more · Removed old$/);
    expect(changes.headline.length).toBeLessThan(80);
  });

  it('keeps edge labels off the lines they name (elk places them beside the edge)', async () => {
    const ElkModule = await import('elkjs/lib/elk.bundled.js');
    const lab = await labWith(['docker network create net1', 'docker run -dit --name aa --network net1 alpine', 'docker run -dit --name bb alpine']);
    const diagram = buildDiagram(lab.topology());
    const layout = readLayout(diagram, await new ElkModule.default().layout(toElkGraph(diagram)));
    for (const { edge, points, label } of layout.edges) {
      if (!label) continue;
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1]!;
        const b = points[i]!;
        // A segment crosses the label's box when it runs through its inside.
        const crossesX = Math.max(a.x, b.x) > label.x + 1 && Math.min(a.x, b.x) < label.x + label.width - 1;
        const crossesY = Math.max(a.y, b.y) > label.y + 1 && Math.min(a.y, b.y) < label.y + label.height - 1;
        expect(crossesX && crossesY, `${edge.id}: "${label.text}" sits on its line`).toBe(false);
      }
    }
  });

  // ipvlan l3/l3s children answer no ARP and are reached through a route via their host (the
  // kernel's ipvlan L3 mode; moby libnetwork/drivers/ipvlan sets the mode from ipvlan_mode): they
  // are drawn behind the host's NIC, not on the LAN segment as l2 children and macvlan are.
  it('draws ipvlan l3 and l3s networks as routed by their host, and l2 on the LAN (one ipvlan network per parent)', async () => {
    const lab = await labWith([
      'docker network create -d ipvlan -o ipvlan_mode=l3 -o parent=eth0 --subnet 10.60.1.0/24 apps',
      'docker network create -d ipvlan -o ipvlan_mode=l3s -o parent=eth0.70 --subnet 10.61.1.0/24 appss',
      'docker network create -d ipvlan -o parent=eth0.80 --subnet 192.168.80.0/24 flat',
      'docker run -d --name api1 --network apps --ip 10.60.1.10 nginx',
    ]);
    const topology = lab.topology();
    const host = topology.hosts[0]!;
    const netId = (name: string) => `host1/net/${host.networks.find((n) => n.name === name)!.id}`;
    const diagram = buildDiagram(topology);
    const nodes = flatten(diagram.nodes);
    const node = (id: string) => nodes.find((n) => n.id === id)!;
    const texts = (id: string) => node(id).lines.map((l) => l.text);
    const into = (id: string) => diagram.edges.filter((e) => e.target === id).map((e) => [e.source, e.style, e.label]);

    expect(texts(netId('apps'))).toEqual(['ipvlan apps', 'parent eth0 · l3', 'routed by host1 (l3)', '10.60.1.0/24']);
    expect(node(netId('apps')).kind).toBe('network');
    expect(into(netId('apps'))).toEqual([['host1/eth0', 'routed', 'routed (l3)']]);
    expect(texts(netId('appss')).slice(0, 3)).toEqual(['ipvlan appss', 'parent eth0.70 · l3s', 'routed by host1 (l3s)']);
    expect(into(netId('appss'))).toEqual([['host1/eth0', 'routed', 'routed (l3s)']]);
    // Nothing routed is drawn on the LAN; the l2 network is, on its VLAN.
    expect(nodes.filter((n) => n.lines.some((l) => l.text.startsWith('on the LAN'))).map((n) => n.id)).toEqual([netId('flat')]);
    expect(texts(netId('flat'))[2]).toBe('on the LAN, VLAN 80');
    expect(into(netId('flat'))).toEqual([['lan', 'lan', 'VLAN 80']]);
    const api1 = nodes.find((n) => n.lines[0]?.text === 'api1')!;
    expect(diagram.edges.find((e) => e.target === api1.id)).toMatchObject({ source: netId('apps'), style: 'veth' });

    const items = describeTopology(topology).hosts[0]!.items;
    expect(items).toContain(
      `Network apps: driver ipvlan, parent eth0 (mode l3): its containers are routed by host1 (l3), not on the LAN segment: the LAN reaches them through a route via ${host.address}, subnet 10.60.1.0/24.`,
    );
    expect(items.find((i) => i.startsWith('Network flat:'))).toMatch(/machines on the LAN segment, on VLAN 80, subnet 192\.168\.80\.0\/24\.$/);
    // elk gets a node for every edge end.
    const ids = new Set(nodes.map((n) => n.id));
    for (const edge of diagram.edges) expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
  });
});
