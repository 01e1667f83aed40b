import type { Daemon } from '../daemon/daemon';
import type { ContainerRec, SwarmCluster, SwarmTask } from '../types';
import { settingsOf } from './cluster';
import { releaseSerial } from './overlays';

/**
 * The task reaper (swarmkit manager/orchestrator/taskreaper/task_reaper.go) and what deleting a
 * task from the store means on its node: the agent, no longer assigned the task, removes its
 * container; the task's addresses go back to their networks.
 */

export interface TaskHostAccess {
  daemon(host: string): Daemon | undefined;
}

export function taskContainer(env: TaskHostAccess, cluster: SwarmCluster, t: SwarmTask): { d: Daemon; c: ContainerRec } | null {
  const node = cluster.nodes[t.nodeId];
  const d = node && env.daemon(node.host);
  if (!d || !t.containerId) return null;
  const c = d.container(t.containerId);
  return c.ok ? { d, c: c.value } : null;
}

export function deleteTask(env: TaskHostAccess, cluster: SwarmCluster, t: SwarmTask): void {
  const found = taskContainer(env, cluster, t);
  if (found) found.d.containerRemove(found.c, true);
  for (const a of t.addresses) {
    const net = cluster.networks[a.networkId];
    if (net) releaseSerial(net, a.addr.split('/')[0]!);
  }
  delete cluster.tasks[t.id];
}

const TERMINAL = new Set(['complete', 'shutdown', 'failed', 'rejected']);
/** task_reaper.go taskInTerminalState: observed state beyond RUNNING. */
const terminal = (t: SwarmTask) => TERMINAL.has(t.state);
/** task_reaper.go taskWillNeverRun: not yet ASSIGNED and no longer wanted running. */
const willNeverRun = (t: SwarmTask) => (t.state === 'new' || t.state === 'pending') && t.desired !== 'running';

/**
 * One tick of the reaper. Tasks with desired state REMOVE (their slot was scaled away or their
 * service removed) go once unassigned or shut down (task_reaper.go:178-183). Per slot (per node
 * for global services) at most TaskHistoryRetentionLimit tasks stay, the live one included: the
 * oldest that ended or will never run go first (task_reaper.go:302-355).
 */
export function reap(env: TaskHostAccess, cluster: SwarmCluster): void {
  for (const t of Object.values(cluster.tasks)) {
    if (t.desired === 'remove' && (t.state === 'new' || t.state === 'pending' || terminal(t))) deleteTask(env, cluster, t);
  }
  const bySlot = new Map<string, SwarmTask[]>();
  for (const t of Object.values(cluster.tasks)) {
    // A removed service's tasks all have desired state REMOVE; the history pass skips them (task_reaper.go:272).
    if (!Object.hasOwn(cluster.services, t.serviceId)) continue;
    const key = `${t.serviceId}/${t.slot ?? t.nodeId}`;
    const list = bySlot.get(key);
    if (list) list.push(t);
    else bySlot.set(key, [t]);
  }
  const limit = settingsOf(cluster).taskHistoryLimit;
  if (limit < 0) return;
  for (const list of bySlot.values()) {
    let keep = limit;
    if (list.length <= keep) continue;
    for (const t of list.sort((a, b) => a.since - b.since)) {
      if (!terminal(t) && !willNeverRun(t)) continue;
      deleteTask(env, cluster, t);
      if (list.length <= ++keep) break;
    }
  }
}
