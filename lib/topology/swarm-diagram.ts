/**
 * A swarm in the picture: each overlay network is one box linked to the hosts that have it (at
 * their VTEP, the host's LAN address), with a VXLAN tunnel between every pair of those hosts;
 * each service is one box linked to its tasks (their containers, or a dashed task box while a
 * task has no container yet). Hosts are titled with their role.
 */
import type { Topology, TopologyHost, TopologySwarm } from '@/engine';
import { body, box, containerNodeId, muted, networkNodeId, nicId, title, type DiagramEdge, type DiagramNode, type DiagramTunnel, type TextLine } from './diagram-parts';

export function overlayNodeId(swarm: string, overlay: string): string {
  return `swarm/${swarm}/overlay/${overlay}`;
}

export function serviceNodeId(swarm: string, service: string): string {
  return `swarm/${swarm}/service/${service}`;
}

/** " · swarm manager (leader)", " · swarm worker · drain", "" outside a swarm. */
export function swarmRole(topology: Topology, host: TopologyHost): string {
  if (host.swarm === 'inactive') return '';
  const node = topology.swarms.flatMap((s) => s.nodes).find((n) => n.host === host.name);
  const leader = node?.leader ? ' (leader)' : '';
  const availability = node && node.availability !== 'active' ? ` · ${node.availability}` : '';
  return ` · swarm ${host.swarm}${leader}${availability}`;
}

function overlayLines(o: TopologySwarm['overlays'][number]): TextLine[] {
  const flags = [o.ingress ? 'ingress (routing mesh)' : null, o.attachable ? 'attachable' : null, o.encrypted ? 'encrypted (ESP)' : null].filter((f): f is string => f !== null);
  const lines = [title(`overlay ${o.name}`), body(`${o.subnet} · VNI ${o.vni}`)];
  if (flags.length > 0) lines.push(muted(flags.join(' · ')));
  lines.push(o.hosts.length > 0 ? body(`on ${o.hosts.join(', ')}`) : muted('on no host yet: no task uses it'));
  return lines;
}

function serviceLines(svc: TopologySwarm['services'][number]): TextLine[] {
  const running = svc.tasks.filter((t) => t.state === 'running').length;
  const scale = svc.mode === 'global' ? `global · ${running} running` : `${running}/${svc.replicas ?? 0} running`;
  const lines = [title(`service ${svc.name}`), muted(`${svc.image} · ${scale}`)];
  for (const p of svc.ports) lines.push({ text: `*:${p.published}->${p.target}/${p.protocol} (${p.mode})`, tone: 'port' });
  const networks = svc.networks.filter((n) => n !== 'ingress');
  if (networks.length > 0) lines.push(body(`on ${networks.join(', ')}`));
  if (svc.endpointMode === 'dnsrr') lines.push(muted('endpoint mode dnsrr (no VIP)'));
  return lines;
}

/** Adds every swarm's overlays and services to the picture; returns the VXLAN tunnels to draw over it. */
export function addSwarms(topology: Topology, nodes: DiagramNode[], edges: DiagramEdge[]): DiagramTunnel[] {
  const tunnels: DiagramTunnel[] = [];
  const hostBoxes = new Map(nodes.filter((n) => n.kind === 'host').map((n) => [n.id.slice('host/'.length), n]));
  const has = (host: string, id: string) => hostBoxes.get(host)?.children?.some((c) => c.id === id) ?? false;
  const addressOf = new Map(topology.hosts.map((h) => [h.name, h.address]));
  for (const swarm of topology.swarms) {
    for (const o of swarm.overlays) {
      const id = overlayNodeId(swarm.id, o.id);
      nodes.push(box(id, 'overlay', overlayLines(o)));
      for (const host of o.hosts) {
        if (!hostBoxes.has(host)) continue;
        // To the host's own end of the overlay (its br0, where containers plug in) when drawn, else its NIC.
        const local = networkNodeId(host, o.id);
        edges.push({ id: `${id}/${host}`, source: id, target: has(host, local) ? local : nicId(host), style: 'vtep', label: `VTEP ${addressOf.get(host) ?? host}` });
      }
      for (const t of o.tunnels) {
        if (!hostBoxes.has(t.a) || !hostBoxes.has(t.b)) continue;
        const label = `VXLAN ${o.vni}${o.encrypted ? ' (ESP)' : ''}`;
        tunnels.push({ id: `${id}/tunnel/${t.a}-${t.b}`, a: nicId(t.a), b: nicId(t.b), label, detail: `${label} tunnel of ${o.name}: ${t.a} (${t.aAddr}) ⇄ ${t.b} (${t.bAddr})` });
      }
    }
    for (const svc of swarm.services) {
      const id = serviceNodeId(swarm.id, svc.id);
      nodes.push(box(id, 'service', serviceLines(svc)));
      for (const task of svc.tasks) {
        const hostBox = hostBoxes.get(task.host);
        if (!hostBox) continue;
        const ctr = task.container ? containerNodeId(task.host, task.container) : null;
        let target = ctr && has(task.host, ctr) ? ctr : null;
        if (!target) {
          // A task the scheduler placed but whose container does not exist yet (or any more).
          target = `${task.host}/task/${svc.id}/${task.name}`;
          hostBox.children?.push(box(target, 'task', [title(task.name), muted(`task · ${task.state}`)]));
        }
        edges.push({ id: `${id}/task/${task.name}`, source: id, target, style: 'task', label: task.name });
      }
    }
  }
  return tunnels;
}
