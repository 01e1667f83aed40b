import type { DockerWorld as WorldState } from '../docker/world';
import { checkContainer } from './containers';
import { at, foldCauses, type Graded } from './criteria';
import type { CheckReport, ContainerGoal, Goal, Probe } from './goal';
import { checkNetwork } from './networks';
import { isServiceRef, splitRef } from './places';
import { checkProbe } from './probes';
import { checkNode, checkService, failedItem, nodeLabels, serviceLabels } from './swarm';
import { noSwarmMessage, swarmOf } from './swarm-view';
import { checkTerminal, type TerminalState } from './terminals';

/**
 * Grades a world against a goal, one result per criterion. It reads the world it is given and
 * never changes it: callers pass a copy (probes send packets, and packets leave traces such as
 * nginx log lines and DNS round-robin turns).
 */
export function checkWorld(world: WorldState, goal: Goal, terminals: readonly TerminalState[] = []): CheckReport {
  const cluster = swarmOf(world);
  const graded: Graded[] = [];
  if (!cluster) {
    // Without a swarm every node and service criterion fails for that one reason, folded under the first.
    const items = [...goal.nodes.flatMap(nodeLabels), ...goal.services.flatMap(serviceLabels)];
    graded.push(...failedItem(items, noSwarmMessage(world), undefined));
  } else {
    for (const g of goal.nodes) graded.push(...checkNode(world, cluster, g));
  }
  for (const g of goal.networks) graded.push(...checkNetwork(world, cluster, g));
  for (const g of goal.containers) graded.push(...checkContainer(world, g));
  if (cluster) for (const g of goal.services) graded.push(...checkService(cluster, g));
  goal.probes.forEach((p, i) => graded.push(checkProbe(world, cluster, p, i, probeCauses(world, goal.containers, p))));
  for (const g of goal.terminals) graded.push(checkTerminal(terminals, g, world.hostOrder));
  // One order of kinds, as the goal language lists them (single-host reports keep theirs).
  const order = (id: string) => ['nodes.', 'networks.', 'containers.', 'services.', 'probes.', 'terminals.'].findIndex((k) => id.startsWith(k));
  const sorted = graded.map((g, i) => ({ g, i })).sort((a, b) => order(a.g.id) - order(b.g.id) || a.i - b.i).map((x) => x.g);
  const criteria = foldCauses(sorted);
  return { pass: criteria.every((c) => c.pass), criteria };
}

/** What a probe's failure may follow from: its endpoints' existence, state and attachments, a service's tasks. */
function probeCauses(world: WorldState, containers: readonly ContainerGoal[], p: Probe): string[] {
  const r = 'reach' in p ? p.reach : 'resolve' in p ? p.resolve : 'neighbor' in p ? p.neighbor : p.http;
  const refs = [r.from, ...('reach' in p ? [p.reach.to] : []), ...('neighbor' in p ? [p.neighbor.mac] : [])];
  const first = world.hostOrder[0]!;
  const out: string[] = [];
  for (const ref of refs) {
    if (isServiceRef(ref)) {
      const s = ref.slice('service:'.length);
      out.push(`services.${s}`, `services.${s}.running`);
      continue;
    }
    if (Object.hasOwn(world.hosts, ref) || Object.hasOwn(world.machines, ref)) continue;
    const [name, host] = splitRef(world, ref);
    const id = `containers.${name}${at(host, first)}`;
    out.push(id, `${id}.state`);
    const g = containers.find((c) => c.name === name && (c.host ?? first) === host);
    for (const a of g?.networks ?? []) out.push(`${id}.networks.${a.network}`);
  }
  return out;
}
