import type { SwarmCluster, SwarmNode, SwarmService, SwarmTask } from '../types';

/**
 * Where a task goes (swarmkit's scheduler, simplified to what a learner can see): nodes that are
 * active, up, and satisfy the service's constraints; among them the one running the fewest tasks
 * of this service, then the fewest tasks overall, then the first by hostname.
 */

export function liveTask(t: SwarmTask): boolean {
  return t.desired === 'running' && !['complete', 'shutdown', 'failed', 'rejected'].includes(t.state);
}

/** `node.hostname==x`, `node.role!=manager`, `node.id==…`, `node.labels.k==v` (swarmkit constraint syntax). */
export function satisfies(node: SwarmNode, constraint: string): boolean {
  const m = /^\s*([\w.-]+)\s*(==|!=)\s*(.+?)\s*$/.exec(constraint);
  if (!m) return false;
  const [, key, op, want] = m as unknown as [string, string, '==' | '!=', string];
  let have: string | undefined;
  if (key === 'node.hostname') have = node.host;
  else if (key === 'node.id') have = node.id;
  else if (key === 'node.role') have = node.role;
  else if (key.startsWith('node.labels.')) have = Object.hasOwn(node.labels, key.slice(12)) ? node.labels[key.slice(12)] : undefined;
  else if (key === 'node.platform.os') have = 'linux';
  else if (key === 'node.platform.arch') have = 'x86_64';
  const equal = have !== undefined && have.toLowerCase() === want.toLowerCase();
  return op === '==' ? equal : !equal;
}

/** swarmkit manager/constraint/constraint.go Parse: why a constraint is refused, or null. */
export function constraintError(constraints: readonly string[]): string | null {
  for (const e of constraints) {
    const op = ['==', '!='].find((o) => e.includes(o));
    if (!op) return 'constraint expected one operator from ==, !=';
    const at = e.indexOf(op);
    const key = e.slice(0, at).trim();
    const value = e.slice(at + op.length).trim();
    if (!/^[a-z_][a-z0-9\-_.]+$/i.test(key)) return `key '${key}' is invalid`;
    if (!/^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i.test(value)) return `value '${value}' is invalid`;
  }
  return null;
}

/** Whether a constraint is one swarmkit can parse; Docker refuses the service otherwise. */
export function validConstraint(constraint: string): boolean {
  return /^\s*(node\.(hostname|id|role|labels\.[\w.-]+|platform\.(os|arch))|engine\.labels\.[\w.-]+)\s*(==|!=)\s*\S.*$/.test(constraint);
}

export function eligibleNodes(cluster: SwarmCluster, svc: SwarmService, ready: (n: SwarmNode) => boolean): SwarmNode[] {
  return Object.values(cluster.nodes)
    .filter((n) => !n.left && n.availability === 'active' && ready(n))
    .filter((n) => svc.spec.constraints.every((c) => satisfies(n, c)))
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

export function pickNode(cluster: SwarmCluster, svc: SwarmService, candidates: SwarmNode[]): SwarmNode | null {
  const live = Object.values(cluster.tasks).filter(liveTask);
  let best: SwarmNode | null = null;
  let bestKey: [number, number] = [Infinity, Infinity];
  for (const n of candidates) {
    const mine = live.filter((t) => t.nodeId === n.id && t.serviceId === svc.id).length;
    const all = live.filter((t) => t.nodeId === n.id).length;
    if (mine < bestKey[0] || (mine === bestKey[0] && all < bestKey[1])) {
      best = n;
      bestKey = [mine, all];
    }
  }
  return best;
}

/** Why nothing fits, in swarmkit's words ("no suitable node (…)"). */
export function noNodeReason(cluster: SwarmCluster, svc: SwarmService): string {
  const nodes = Object.values(cluster.nodes).filter((n) => !n.left);
  const active = nodes.filter((n) => n.availability === 'active');
  if (active.length === 0) return `no suitable node (${nodes.length} node${nodes.length === 1 ? '' : 's'} not available for new tasks)`;
  const bad = active.filter((n) => !svc.spec.constraints.every((c) => satisfies(n, c))).length;
  if (bad > 0) return `no suitable node (scheduling constraints not satisfied on ${bad} node${bad === 1 ? '' : 's'})`;
  return 'no suitable node';
}
