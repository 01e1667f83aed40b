/**
 * The packet behind a probe criterion of a goal (`probes.<id>` or `probes.<index>`), as
 * Lab.explainPath takes it: a reach probe's endpoints, way and port; an HTTP probe's URL host and
 * port; a resolve probe's name; a neighbour probe's address. Null for other criteria.
 */
import type { ExplainRequest, GoalInput } from '@/engine';

function urlTarget(url: string): { host: string; port: number } | null {
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?/i.exec(url);
  if (!m) return null;
  return { host: m[2]!, port: m[3] ? Number(m[3]) : m[1]!.toLowerCase() === 'https' ? 443 : 80 };
}

/** `firstNode`: the address `{node}` (eachNode) stands for first, the lab's first host. */
export function probeRequest(goal: GoalInput, criterionId: string, firstNode = ''): ExplainRequest | null {
  const m = /^probes\.(.+)$/.exec(criterionId);
  if (!m) return null;
  const probes = goal.probes ?? [];
  const key = m[1]!;
  const probe = probes.find((p) => p.id === key) ?? (/^\d+$/.test(key) ? probes[Number(key)] : undefined);
  if (!probe) return null;
  if ('reach' in probe) {
    const r = probe.reach;
    const tcp = r.via === 'tcp';
    return { from: r.from, to: r.to, by: r.by ?? 'name', ...(tcp ? { port: r.port ?? 80, proto: 'tcp' as const } : { proto: 'icmp' as const }) };
  }
  if ('http' in probe) {
    // {node} (eachNode) stands for every host: explain the first, where the check started.
    const t = urlTarget(probe.http.url.replaceAll('{node}', firstNode));
    return t ? { from: probe.http.from, to: t.host, port: t.port, proto: 'tcp' } : null;
  }
  if ('resolve' in probe) return { from: probe.resolve.from, to: probe.resolve.name };
  return { from: probe.neighbor.from, to: probe.neighbor.address };
}
