import type { Rule } from '../../../kernel/types';
import type { DockerCtx } from '../../context';
import type { NetworkRec, ServicePort } from '../../types';
import { addRules, type FirewallRules } from '../driver';
import { knownTasks, placeOf } from './view';

/**
 * The routing mesh's rules in the host's iptables (moby libnetwork/service_linux.go programIngress):
 * nat DOCKER-INGRESS DNATs each published port to the ingress sandbox's address on
 * docker_gwbridge, reached from PREROUTING and OUTPUT for local destinations, ahead of Docker's
 * own jumps; filter DOCKER-INGRESS accepts the port both ways, jumped to first in DOCKER-FORWARD
 * (so after DOCKER-USER: an administrator's rule there still applies); a MASQUERADE gives
 * connections from the host itself a source the sandbox can answer. A node programs a service's
 * ports once it knows one of its tasks.
 */

/** The published ingress ports this node programs, newest first (Docker inserts each at the top). */
export function meshPorts(ctx: DockerCtx, ingress: NetworkRec): ServicePort[] {
  const place = placeOf(ctx.world, ctx.host.name);
  if (!place) return [];
  const known = new Set(knownTasks(ctx.world, ctx.host.name, ingress.id).map((t) => t.serviceId));
  const services = Object.values(place.cluster.services)
    .filter((s) => known.has(s.id))
    .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  const out: ServicePort[] = [];
  for (const s of services) for (const p of s.spec.ports) if (p.mode === 'ingress' && p.published) out.unshift(p);
  return out;
}

/** The ingress sandbox's address on docker_gwbridge. */
export function ingressGatewayIp(ctx: DockerCtx): string | null {
  const gw = Object.values(ctx.host.docker.networks).find((n) => n.name === 'docker_gwbridge');
  return gw?.serviceEndpoints?.find((e) => e.sandbox === 'ingress-sbox')?.ip ?? null;
}

export function overlayFirewall(ctx: DockerCtx, nets: NetworkRec[], _running: unknown, out: FirewallRules): void {
  const ingress = nets.find((n) => n.ingress);
  const gwIp = ingress ? ingressGatewayIp(ctx) : null;
  if (!ingress || !gwIp) return;
  const ports = meshPorts(ctx, ingress);
  if (ports.length > 0) ctx.host.docker.ingressChains = true;
  if (!ctx.host.docker.ingressChains) return;
  const dnat: Rule[] = [];
  const accept: Rule[] = [];
  for (const p of ports) {
    dnat.push({ match: { proto: p.protocol, dport: p.published }, target: 'DNAT', toDestination: `${gwIp}:${p.published}` });
    accept.push(
      { match: { proto: p.protocol, dport: p.published }, target: 'ACCEPT' },
      { match: { proto: p.protocol, sport: p.published, ctstate: ['RELATED', 'ESTABLISHED'] }, target: 'ACCEPT' },
    );
  }
  addRules(out.nat, 'DOCKER-INGRESS', ...dnat, { match: {}, target: 'RETURN' });
  addRules(out.filter, 'DOCKER-INGRESS', ...accept, { match: {}, target: 'RETURN' });
  const jump: Rule = { match: { dstTypeLocal: true }, target: 'DOCKER-INGRESS' };
  for (const chain of ['PREROUTING', 'OUTPUT']) front(out.nat, chain, { ...jump, match: { ...jump.match } });
  front(out.nat, 'POSTROUTING', { match: { out: 'docker_gwbridge', srcTypeLocal: true }, target: 'MASQUERADE' });
  front(out.filter, 'DOCKER-FORWARD', { match: {}, target: 'DOCKER-INGRESS' });
}

function front(table: Map<string, Rule[]>, chain: string, rule: Rule): void {
  const list = table.get(chain);
  if (list) list.unshift(rule);
  else table.set(chain, [rule]);
}
