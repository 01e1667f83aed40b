import type { ExplainHop, ExplainRule } from '../api';
import type { DockerWorld } from '../docker/world';
import type { NfVerdict } from '../kernel/netfilter';
import { ruleSpec } from '../kernel/netfilter-print';
import type { Route } from '../kernel/types';
import type { PathHop } from '../kernel/walk-types';

/**
 * The kernel's walk path in a learner's words: each hop names its machine and namespace (a
 * container by its name, not its hostname), the device, the route as `ip route` prints it, and
 * the netfilter rule as `iptables -S` prints it.
 */

export interface NsInfo {
  host: string;
  nsKind: ExplainHop['nsKind'];
  namespace: string;
  container: { id: string; name: string } | null;
}

/** Who every namespace belongs to. A shared namespace (`--network container:x`, host mode) is its owner's. */
export function namespaceIndex(world: DockerWorld): Map<string, NsInfo> {
  const out = new Map<string, NsInfo>();
  const first = world.hostOrder[0];
  for (const h of world.hostOrder) {
    const host = world.hosts[h]!;
    out.set(host.nsId, { host: h, nsKind: 'host', namespace: h, container: null });
  }
  for (const h of world.hostOrder) {
    const cs = Object.values(world.hosts[h]!.docker.containers).sort((a, b) => a.created - b.created);
    for (const c of cs) {
      if (!c.nsId || out.has(c.nsId)) continue;
      out.set(c.nsId, { host: h, nsKind: 'container', namespace: `container ${c.name}${h === first ? '' : ` on ${h}`}`, container: { id: c.id, name: c.name } });
    }
  }
  for (const m of Object.values(world.machines)) out.set(m.nsId, { host: m.name, nsKind: 'machine', namespace: m.name, container: null });
  out.set(world.routerNs, { host: 'router', nsKind: 'router', namespace: 'router', container: null });
  if (world.internetNs) out.set(world.internetNs, { host: 'internet', nsKind: 'internet', namespace: 'the internet', container: null });
  return out;
}

/** A route as `ip route` prints it (iproute2's order of fields). */
export function routeText(r: Route): string {
  const parts = [r.dst];
  if (r.via) parts.push(`via ${r.via}`);
  parts.push(`dev ${r.dev}`);
  if (r.proto && r.proto !== 'static') parts.push(`proto ${r.proto}`);
  if (r.scope) parts.push(`scope ${r.scope}`);
  if (r.src) parts.push(`src ${r.src}`);
  if (r.metric !== null) parts.push(`metric ${r.metric}`);
  return parts.join(' ');
}

export function ruleOf(v: NfVerdict): ExplainRule {
  return {
    table: v.table,
    chain: v.chain,
    hook: v.hook,
    verdict: v.verdict,
    policy: v.rule === null,
    index: v.index,
    text: v.rule ? ruleSpec(v.chain, v.rule) : `-P ${v.hook} ${v.verdict}`,
  };
}

function ruleWords(r: ExplainRule): string {
  return `${r.table} ${r.policy ? `${r.hook} policy` : r.chain}: ${r.text}`;
}

function words(h: PathHop, who: string, route: string | null, rule: ExplainRule | null): string {
  const by = rule ? ` (${rule.verdict === 'DROP' ? 'dropped by' : 'accepted by'} ${ruleWords(rule)})` : '';
  const via = route ? ` (route: ${route})` : '';
  switch (h.step) {
    case 'loopback':
      return `${who}: to its own address ${h.why ?? ''} through lo`;
    case 'out':
      return `${who}: out of ${h.dev}${h.route?.via ? ` to the gateway ${h.route.via}` : ''}${via}`;
    case 'in':
      return `${who}: in on ${h.dev}`;
    case 'forward':
      return `${who}: forwarded from ${h.dev} to ${h.to}${via}${by}`;
    case 'local':
      return `${who}: delivered to a local socket${by}`;
    case 'bridge':
      return `${who}: bridged from ${h.dev} to ${h.to}${by}`;
    case 'switch':
      return `${who}: across the switch from ${h.dev}${h.to ? ` to ${h.to}` : ''}`;
    case 'encap':
      return `${who}: into the tunnel ${h.dev}${h.to ? `, outer packet to the VTEP ${h.to}` : ''}`;
    case 'decap':
      return `${who}: out of the tunnel on ${h.dev}`;
    case 'ipvs':
      return `${who}: IPVS sent it to ${h.to}`;
    case 'drop':
      return rule ? `${who}: dropped by ${ruleWords(rule)}` : `${who}: lost${h.dev ? ` at ${h.dev}` : ''}: ${h.why ?? 'no reason recorded'}`;
  }
}

/** The kernel's hops (and a tunnel's underlay hops, in place) as ExplainHops. */
export function explainHops(path: readonly PathHop[], index: Map<string, NsInfo>, direction: ExplainHop['direction'], underlay = false): ExplainHop[] {
  const out: ExplainHop[] = [];
  for (const h of path) {
    const info = index.get(h.ns) ?? { host: h.host, nsKind: 'other' as const, namespace: h.host, container: null };
    const route = h.route ? routeText(h.route) : null;
    const rule = h.verdict ? ruleOf(h.verdict) : null;
    const who = info.nsKind === 'container' ? info.namespace.replace(/^container /, '') : info.namespace;
    const hop: ExplainHop = {
      step: h.step,
      direction,
      underlay,
      host: info.host,
      nsKind: info.nsKind,
      namespace: info.namespace,
      container: info.container,
      device: h.dev,
      to: h.to ?? null,
      route,
      rule,
      text: words(h, who, route, rule),
    };
    if (h.step === 'encap') {
      out.push(hop, ...explainHops(h.underlay ?? [], index, direction, true));
    } else if (h.step === 'drop' && h.underlay) {
      // The outer packet died: its walk says where.
      out.push(...explainHops(h.underlay, index, direction, true), hop);
    } else out.push(hop);
  }
  return out;
}
