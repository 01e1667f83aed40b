import { describe, expect, it } from 'vitest';
import { createLab, type Topology, type TopologyNetwork } from '@/engine';
import { buildDiagram, type DiagramNode } from './diagram';
import { describeTopology } from './describe';
import { readLayout, toElkGraph } from './layout';

/**
 * The picture across hosts: a swarm's overlays (one box linked to each host that has it at its
 * VTEP, a VXLAN tunnel per pair of hosts), services with their tasks, and macvlan/ipvlan networks
 * on the LAN segment with their VLAN. The hosts and containers come from a real 3-host lab; the
 * swarm part of the Topology (its public contract, engine/api.ts) is written out as the engine's
 * lab/topology.ts fills it, since the swarm CLI is not merged yet.
 */

function flatten(nodes: DiagramNode[]): DiagramNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children ?? [])]);
}

async function threeHosts(): Promise<Topology> {
  const lab = createLab({ hosts: ['host1', 'host2', 'host3'], seed: 7 });
  for (const [host, line] of [
    ['host2', 'docker run -d --name web.1.k3x9 nginx'],
    ['host3', 'docker run -d --name web.2.p7q2 nginx'],
  ] as const) {
    const r = await lab.openSession(host).run(line);
    expect(r.exitCode, r.output).toBe(0);
  }
  const topology = lab.topology();
  const ctr = (host: string) => topology.hosts.find((h) => h.name === host)!.containers[0]!.id;
  const overlay: TopologyNetwork = { id: 'ov1', name: 'appnet', driver: 'overlay', scope: 'swarm', device: null, subnet: '10.0.1.0/24', gateway: '10.0.1.1', internal: false, parent: null, mode: null, segment: null, vlan: null };
  for (const h of topology.hosts) {
    h.swarm = h.name === 'host3' ? 'worker' : 'manager';
    if (h.name !== 'host1') {
      h.networks.push(overlay);
      h.containers[0]!.endpoints.push({ networkId: 'ov1', networkName: 'appnet', iface: 'eth1', hostVeth: null, ipv4: '10.0.1.3', mac: null, aliases: [], segment: null, vlan: null });
    }
  }
  topology.swarms = [
    {
      id: 'sw1',
      nodes: [
        { host: 'host1', role: 'manager', leader: true, availability: 'active' },
        { host: 'host2', role: 'manager', leader: false, availability: 'drain' },
        { host: 'host3', role: 'worker', leader: false, availability: 'active' },
      ],
      overlays: [
        {
          id: 'ov1',
          name: 'appnet',
          subnet: '10.0.1.0/24',
          vni: 4097,
          ingress: false,
          attachable: true,
          encrypted: false,
          hosts: ['host2', 'host3'],
          tunnels: [{ a: 'host2', b: 'host3', aAddr: '192.168.1.12', bAddr: '192.168.1.13' }],
        },
        { id: 'ing', name: 'ingress', subnet: '10.0.0.0/24', vni: 4096, ingress: true, attachable: false, encrypted: false, hosts: [], tunnels: [] },
      ],
      services: [
        {
          id: 'svc1',
          name: 'web',
          image: 'nginx',
          mode: 'replicated',
          replicas: 3,
          endpointMode: 'vip',
          ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }],
          networks: ['appnet'],
          tasks: [
            { name: 'web.1', host: 'host2', state: 'running', container: ctr('host2') },
            { name: 'web.2', host: 'host3', state: 'running', container: ctr('host3') },
            { name: 'web.3', host: 'host1', state: 'pending', container: null },
          ],
        },
      ],
    },
  ];
  return topology;
}

describe('the picture across hosts', () => {
  it('draws an overlay linked to each host that has it at its VTEP, and a tunnel between the VTEPs', async () => {
    const topology = await threeHosts();
    const diagram = buildDiagram(topology);
    const nodes = flatten(diagram.nodes);
    const overlay = nodes.find((n) => n.id === 'swarm/sw1/overlay/ov1')!;
    expect(overlay.kind).toBe('overlay');
    expect(overlay.lines.map((l) => l.text)).toEqual(['overlay appnet', '10.0.1.0/24 · VNI 4097', 'attachable', 'on host2, host3']);
    const vteps = diagram.edges.filter((e) => e.source === overlay.id);
    // To each host's own end of the overlay (drawn because a task uses it there).
    expect(vteps.map((e) => [e.target, e.label])).toEqual([
      ['host2/net/ov1', 'VTEP 192.168.1.12'],
      ['host3/net/ov1', 'VTEP 192.168.1.13'],
    ]);
    expect(diagram.tunnels).toEqual([
      { id: 'swarm/sw1/overlay/ov1/tunnel/host2-host3', a: 'host2/eth0', b: 'host3/eth0', label: 'VXLAN 4097', detail: 'VXLAN 4097 tunnel of appnet: host2 (192.168.1.12) ⇄ host3 (192.168.1.13)' },
    ]);
    expect(nodes.find((n) => n.id === 'swarm/sw1/overlay/ing')!.lines.map((l) => l.text)).toContain('on no host yet: no task uses it');
    expect(diagram.edges.find((e) => e.id === 'host2/net/ov1/uplink')).toMatchObject({ style: 'vtep', label: 'VXLAN' });
  });

  it('draws a service linked to its tasks: their containers, or a task box while a task has none', async () => {
    const topology = await threeHosts();
    const diagram = buildDiagram(topology);
    const nodes = flatten(diagram.nodes);
    const svc = nodes.find((n) => n.id === 'swarm/sw1/service/svc1')!;
    expect(svc.lines.map((l) => l.text)).toEqual(['service web', 'nginx · 2/3 running', '*:8080->80/tcp (ingress)', 'on appnet']);
    const tasks = diagram.edges.filter((e) => e.source === svc.id).map((e) => [e.label, nodes.find((n) => n.id === e.target)?.lines[0]?.text]);
    expect(tasks).toEqual([
      ['web.1', 'web.1.k3x9'],
      ['web.2', 'web.2.p7q2'],
      ['web.3', 'web.3'],
    ]);
    const pending = nodes.find((n) => n.id === 'host1/task/svc1/web.3')!;
    expect(pending.kind).toBe('task');
    expect(pending.lines.map((l) => l.text)).toEqual(['web.3', 'task · pending']);
    expect(diagram.nodes.find((n) => n.id === 'host/host1')!.lines[0]!.text).toBe('host1 · swarm manager (leader)');
    expect(diagram.nodes.find((n) => n.id === 'host/host2')!.lines[0]!.text).toBe('host2 · swarm manager · drain');
  });

  it('lays it all out with elk (tunnels drawn over it) and says it in words', async () => {
    const topology = await threeHosts();
    const diagram = buildDiagram(topology);
    const ids = new Set(flatten(diagram.nodes).map((n) => n.id));
    for (const edge of diagram.edges) expect(ids.has(edge.source) && ids.has(edge.target), edge.id).toBe(true);
    for (const t of diagram.tunnels) expect(ids.has(t.a) && ids.has(t.b), t.id).toBe(true);
    const ElkModule = await import('elkjs/lib/elk.bundled.js');
    const layout = readLayout(diagram, await new ElkModule.default().layout(toElkGraph(diagram)));
    expect(layout.tunnels).toHaveLength(1);
    const hosts = layout.nodes.filter((n) => n.node.kind === 'host');
    expect(hosts).toHaveLength(3);
    expect(layout.edges.every((e) => e.points.length >= 2)).toBe(true);
    const swarm = describeTopology(topology).hosts.find((h) => h.heading === 'Swarm')!;
    expect(swarm.items).toEqual([
      'Nodes: host1 (manager, leader), host2 (manager, drain), host3 (worker).',
      'Overlay appnet: subnet 10.0.1.0/24, VNI 4097, present on host2, host3; VXLAN tunnels host2 (192.168.1.12) ⇄ host3 (192.168.1.13).',
      'Overlay ingress: subnet 10.0.0.0/24, VNI 4096, on no host yet.',
      expect.stringMatching(/^Service web \(nginx, 3 replicas\), publishes 8080->80\/tcp \(ingress\): tasks web\.1 on host2 \(running\), web\.2 on host3 \(running\), web\.3 on host1 \(pending\)\.$/),
    ]);
  });

  it('puts macvlan children on the LAN segment with their VLAN, and ipvlan l3 children behind their host', async () => {
    // Built by the engine's own drivers (engine/docker/drivers/macvlan, ipvlan): the fields they
    // report (parent, mode, segment, vlan) are what the picture reads.
    const lab = createLab({ hosts: ['host1'], seed: 7 });
    const s = lab.openSession();
    for (const line of [
      'docker network create -d macvlan --subnet 192.168.50.0/24 --gateway 192.168.50.1 -o parent=eth0.50 vlan50',
      'docker network create -d ipvlan --subnet 10.7.0.0/24 -o parent=eth0 -o ipvlan_mode=l3 l3net',
      'docker run -dit --name m1 --network vlan50 --ip 192.168.50.10 alpine',
    ]) {
      const r = await s.run(line);
      expect(r.exitCode, r.output).toBe(0);
    }
    const topology = lab.topology();
    const host = topology.hosts[0]!;
    const id = (name: string) => host.networks.find((n) => n.name === name)!.id;
    const diagram = buildDiagram(topology);
    const nodes = flatten(diagram.nodes);
    const mv = nodes.find((n) => n.id === `host1/net/${id('vlan50')}`)!;
    expect(mv.kind).toBe('lan-net');
    expect(mv.lines.map((l) => l.text)).toEqual(['macvlan vlan50', 'parent eth0.50 · bridge', 'on the LAN, VLAN 50', '192.168.50.0/24', 'gateway 192.168.50.1']);
    expect(diagram.edges.filter((e) => e.target === mv.id).map((e) => [e.source, e.style, e.label])).toEqual([['lan', 'lan', 'VLAN 50']]);
    expect(diagram.edges.some((e) => e.source === 'host1/eth0' && e.target === mv.id)).toBe(false);
    const m1 = nodes.find((n) => n.lines[0]?.text === 'm1')!;
    expect(diagram.edges.find((e) => e.target === m1.id)).toMatchObject({ source: mv.id, label: 'eth0' });
    const ipv = nodes.find((n) => n.id === `host1/net/${id('l3net')}`)!;
    expect(ipv.lines.map((l) => l.text).slice(0, 3)).toEqual(['ipvlan l3net', 'parent eth0 · l3', 'routed by host1 (l3)']);
    expect(describeTopology(topology).hosts[0]!.items).toContain(
      'Network vlan50: driver macvlan, parent eth0.50 (mode bridge): its containers are machines on the LAN segment, on VLAN 50, subnet 192.168.50.0/24.',
    );
  });
});
