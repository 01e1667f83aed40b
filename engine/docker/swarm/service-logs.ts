import { err, ok, type DResult, type ServiceLogs, type TaskLogs, type TaskView } from '../api';
import type { SwarmCluster, SwarmTask } from '../types';
import { taskName, type SwarmHostAccess } from './orchestrator';
import { lookupService } from './services';

/**
 * `docker service logs`: the managers ask each node's agent for the logs of the service's tasks
 * (swarmkit's log broker); here each node's daemon hands over what the task's container wrote.
 * A reference is a service first, then a task (moby daemon/cluster/helpers.go getService/getTask).
 */

export function taskView(cluster: SwarmCluster, t: SwarmTask): TaskView | null {
  const service = cluster.services[t.serviceId];
  if (!service) return null;
  return { task: t, service, name: taskName(service, t), nodeHost: cluster.nodes[t.nodeId]?.host ?? '' };
}

/** getTask: full id, then the full name (web.1.<id>), then a unique id prefix. */
function lookupTask(cluster: SwarmCluster, ref: string): DResult<SwarmTask> {
  const all = Object.values(cluster.tasks);
  if (Object.hasOwn(cluster.tasks, ref)) return ok(cluster.tasks[ref]!);
  const byName = all.filter((t) => {
    const v = taskView(cluster, t);
    return v !== null && `${v.name}.${t.id}` === ref;
  });
  const matches = byName.length > 0 ? byName : ref === '' ? [] : all.filter((t) => t.id.startsWith(ref));
  if (matches.length === 1) return ok(matches[0]!);
  if (matches.length > 1) return err(`task ${ref} is ambiguous (${matches.length} matches found)`);
  return err(`task ${ref} not found`);
}

function logsOf(access: SwarmHostAccess, view: TaskView): TaskLogs | null {
  const d = view.nodeHost ? access.daemon(view.nodeHost) : undefined;
  const found = d && view.task.containerId ? d.container(view.task.containerId) : null;
  if (!d || !found?.ok) return null;
  const c = found.value;
  return {
    view,
    lines: d.containerLogs(c),
    follow: (io) => (c.status === 'running' || c.status === 'paused' ? d.containerFollow(c, io) : null),
  };
}

export function serviceLogs(access: SwarmHostAccess, cluster: SwarmCluster, ref: string): DResult<ServiceLogs> {
  const svc = lookupService(cluster, ref);
  if (svc.ok) {
    const views = Object.values(cluster.tasks)
      .filter((t) => t.serviceId === svc.value.id)
      .map((t) => taskView(cluster, t)!);
    return ok({ service: svc.value, task: null, logs: views.map((v) => logsOf(access, v)).filter((l): l is TaskLogs => l !== null) });
  }
  if (!svc.error.endsWith('not found')) return svc;
  const task = lookupTask(cluster, ref);
  if (!task.ok) return task.error.endsWith('not found') ? { ok: false, error: `no such task or service: ${ref}`, clientSide: true } : task;
  const view = taskView(cluster, task.value);
  if (!view) return { ok: false, error: `no such task or service: ${ref}`, clientSide: true };
  const logs = logsOf(access, view);
  return ok({ service: view.service, task: view, logs: logs ? [logs] : [] });
}
