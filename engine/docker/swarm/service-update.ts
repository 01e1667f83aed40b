import type { ServiceSpec, SwarmCluster, SwarmService, SwarmTask } from '../types';
import type { DockerWorld } from '../world';
import { liveTask } from './scheduler';

/**
 * What an update does to a service's tasks and its UpdateStatus, as swarmkit decides it:
 * a task is dirty only when the task template or the endpoint changed (orchestrator.IsTaskDirty),
 * so `scale` or a label change replaces nothing; the updater marks the status "updating" (or
 * "rollback_started") while dirty tasks are replaced, and "completed" one monitoring period after
 * the last replacement runs (swarmkit manager/orchestrator/update/updater.go).
 */

/** UpdateConfig.Monitor's default (swarmkit api/defaults): the updater watches new tasks this long. */
export const UPDATE_MONITOR_MS = 5000;

/** The parts of a spec its tasks are made from: TaskTemplate and EndpointSpec, not the name, labels or mode. */
function taskPart(spec: ServiceSpec): unknown {
  return [
    spec.image,
    spec.args,
    spec.env,
    spec.containerLabels ?? {},
    spec.constraints,
    spec.networks,
    spec.aliases ?? {},
    spec.forceUpdate ?? 0,
    spec.ports,
    spec.endpointMode,
  ];
}

export function tasksDirty(before: ServiceSpec, after: ServiceSpec): boolean {
  return JSON.stringify(taskPart(before)) !== JSON.stringify(taskPart(after));
}

/** The store's next index (every write moves it; Version.Index shows the last one). */
export function nextIndex(cluster: SwarmCluster): number {
  cluster.raftIndex = (cluster.raftIndex ?? 10) + 1;
  return cluster.raftIndex;
}

/**
 * Installs `next` as the service's spec (controlapi UpdateService): the old one becomes
 * PreviousSpec, UpdateStatus is reset, and tasks are made again only if they are dirty.
 */
export function installSpec(world: DockerWorld, cluster: SwarmCluster, svc: SwarmService, next: ServiceSpec, rollback: boolean): void {
  const dirty = tasksDirty(svc.spec, next);
  svc.previous = svc.spec;
  svc.spec = next;
  svc.index = nextIndex(cluster);
  svc.updated = world.clock;
  if (dirty) svc.version++;
  if (rollback) svc.updateStatus = { state: 'rollback_started', started: world.clock, completed: null, message: 'manually requested rollback' };
  else svc.updateStatus = dirty ? { state: 'updating', started: world.clock, completed: null, message: 'update in progress' } : null;
}

/** The updater's end: once every task runs the current spec, one monitoring period after the last started. */
export function advanceUpdateStatus(world: DockerWorld, svc: SwarmService, tasks: SwarmTask[]): void {
  const status = svc.updateStatus;
  if (!status || (status.state !== 'updating' && status.state !== 'rollback_started')) return;
  const live = tasks.filter(liveTask);
  if (live.some((t) => t.specVersion !== svc.version || t.state !== 'running')) return;
  const lastStart = Math.max(status.started, ...live.filter((t) => (t.created ?? 0) >= status.started).map((t) => t.since));
  // A rollback that changes no task completes at once (updater.go: no dirty slots).
  const replaced = live.some((t) => (t.created ?? 0) >= status.started);
  if (replaced && world.clock < lastStart + UPDATE_MONITOR_MS) return;
  const rolledBack = status.state === 'rollback_started';
  svc.updateStatus = { ...status, state: rolledBack ? 'rollback_completed' : 'completed', completed: world.clock, message: rolledBack ? 'rollback completed' : 'update completed' };
}
