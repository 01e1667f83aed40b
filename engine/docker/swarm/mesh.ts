import type { Rule } from '../../kernel/types';
import type { DockerCtx } from '../context';
import { meshPorts } from '../drivers/overlay/firewall';
import type { SwarmPlace } from '../drivers/overlay/view';
import type { DockerWorld } from '../world';
import { setDockerRules } from './rules';

/**
 * The routing mesh's two ends on a node besides the host's DNAT (drivers/overlay/firewall.ts):
 * inside each task on ingress, the published port is REDIRECTed to the target port and only that
 * port is let in on the ingress address (moby libnetwork/service_linux.go addRedirectRules);
 * and dockerd holds each published port open on the host (plumbProxy), which is what `ss -lnt`
 * shows there, whether or not a task runs on the node.
 */

export function programTaskRedirects(world: DockerWorld, place: SwarmPlace): void {
  const ingress = Object.values(place.host.docker.networks).find((n) => n.ingress && n.scope === 'swarm');
  if (!ingress) return;
  for (const c of Object.values(place.host.docker.containers)) {
    if (c.status !== 'running' && c.status !== 'paused') continue;
    const ep = c.endpoints.find((e) => e.networkId === ingress.id && e.live?.ip);
    const svcId = c.config.labels['com.docker.swarm.service.id'];
    const svc = svcId && Object.hasOwn(place.cluster.services, svcId) ? place.cluster.services[svcId]! : undefined;
    const ns = c.nsId ? world.netns[c.nsId] : undefined;
    if (!ep?.live?.ip || !svc || !ns) continue;
    const ip = ep.live.ip;
    const ports = svc.spec.ports.filter((p) => p.mode === 'ingress' && p.published);
    const nat: Rule[] = [];
    const input: Rule[] = [];
    const output: Rule[] = [];
    for (const p of ports) {
      nat.push({ match: { dst: `${ip}/32`, proto: p.protocol, dport: p.published }, target: 'REDIRECT', toPorts: p.target });
      // Inserted at the top, one port after the other: the last port's rules come first.
      input.unshift({ match: { dst: `${ip}/32`, proto: p.protocol, dport: p.target, ctstate: ['NEW', 'ESTABLISHED'] }, target: 'ACCEPT' });
      output.unshift({ match: { src: `${ip}/32`, proto: p.protocol, sport: p.target, ctstate: ['ESTABLISHED'] }, target: 'ACCEPT' });
    }
    if (ports.length > 0) {
      // Everything else to or from the ingress address is dropped, in this order.
      for (const proto of ['sctp', 'udp', 'tcp'] as const) {
        input.push({ match: { dst: `${ip}/32`, proto }, target: 'DROP' });
        output.push({ match: { src: `${ip}/32`, proto }, target: 'DROP' });
      }
    }
    setDockerRules(ns, 'nat', 'PREROUTING', nat);
    setDockerRules(ns, 'filter', 'INPUT', input);
    setDockerRules(ns, 'filter', 'OUTPUT', output);
  }
}

export function programMeshListeners(ctx: DockerCtx, place: SwarmPlace): void {
  const ns = ctx.world.netns[ctx.host.nsId]!;
  const ingress = Object.values(ctx.host.docker.networks).find((n) => n.ingress && n.scope === 'swarm');
  const ports = ingress ? meshPorts(ctx, ingress) : [];
  const want = ports.map((p) => `${p.protocol}/${p.published}`).sort().join();
  const have = ns.listeners.filter((l) => l.app.kind === 'swarm' && l.app.role === 'ingress').map((l) => `${l.proto}/${l.port}`).sort().join();
  if (want === have) return;
  ns.listeners = ns.listeners.filter((l) => !(l.app.kind === 'swarm' && l.app.role === 'ingress'));
  // Go's net.Listen on ":port": one dual-stack socket (`*:8080` in ss).
  for (const p of [...ports].reverse()) ns.listeners.push({ proto: p.protocol, ip: '::', port: p.published, app: { kind: 'swarm', clusterId: place.cluster.id, role: 'ingress' } });
}
