/** Goal candidates (goal-recorder.ts) and the goal made of those the author keeps. Engine-free. */
import type { GoalInput } from '../../engine/index';

export type GoalNetwork = NonNullable<GoalInput['networks']>[number];
export type GoalContainer = NonNullable<GoalInput['containers']>[number];
export type GoalProbe = NonNullable<GoalInput['probes']>[number];

export type GoalCandidate =
  | { key: string; kind: 'network'; label: string; selected: boolean; network: GoalNetwork }
  | { key: string; kind: 'container'; label: string; selected: boolean; container: GoalContainer }
  /** An exact address of a container on a network: added to that container's attachment. */
  | { key: string; kind: 'address'; label: string; selected: boolean; container: string; network: string; ip: string }
  | { key: string; kind: 'probe'; label: string; selected: boolean; probe: GoalProbe };

/** The goal made of the selected candidates. */
export function goalFromCandidates(candidates: readonly GoalCandidate[]): GoalInput {
  const selected = candidates.filter((c) => c.selected);
  const containers = new Map<string, GoalContainer>();
  for (const c of selected) if (c.kind === 'container') containers.set(c.container.name ?? '', structuredClone(c.container));
  for (const c of selected) {
    if (c.kind !== 'address') continue;
    const container = containers.get(c.container);
    const attachment = container?.networks?.find((n) => n.network === c.network);
    if (attachment) attachment.ip = c.ip;
  }
  const goal: GoalInput = {};
  const networks = selected.flatMap((c) => (c.kind === 'network' ? [c.network] : []));
  const probes = selected.flatMap((c) => (c.kind === 'probe' ? [c.probe] : []));
  if (networks.length) goal.networks = networks;
  if (containers.size) goal.containers = [...containers.values()];
  if (probes.length) goal.probes = probes;
  return goal;
}
