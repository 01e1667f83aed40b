import type { EngineApi, TaskView } from '../../../docker/api';
import { flag } from '../cli/verb';

/** The flags `service ps` and `node ps` share (cli/command/service/ps.go, node/ps.go). */
export const TASK_LIST_FLAGS = {
  filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
  format: flag.string('format', 'Pretty-print tasks using a Go template'),
  noResolve: flag.bool('no-resolve', 'Do not map IDs to Names'),
  noTrunc: flag.bool('no-trunc', 'Do not truncate output'),
  quiet: flag.bool('quiet', 'Only display task IDs', { short: 'q' }),
};

const TASK_STATES = ['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'];
const TASK_FILTERS = ['name', 'id', 'label', 'service', 'node', 'desired-state', '_up-to-date', 'runtime'];

/**
 * The daemon's task filters (moby v28.5.2 daemon/cluster/filters.go newListTasksFilters): name
 * prefix of `svc.slot.id`, id prefix, label, service, node, desired-state. Returns the predicate,
 * or the daemon's refusal text.
 */
export function taskFilter(d: EngineApi, filters: Map<string, string[]>): { ok: true; keep: (v: TaskView) => boolean } | { ok: false; error: string } {
  for (const k of filters.keys()) if (!TASK_FILTERS.includes(k)) return { ok: false, error: `invalid filter '${k}'` };
  const nodeIds: string[] = [];
  for (const ref of filters.get('node') ?? []) {
    const n = d.node(ref);
    if (!n.ok) return { ok: false, error: n.error };
    nodeIds.push(n.value.node.id);
  }
  for (const s of filters.get('desired-state') ?? []) {
    if (s !== '' && !TASK_STATES.includes(s.toLowerCase())) return { ok: false, error: `Invalid desired-state filter: '${s}'` };
  }
  const matches = (k: string, val: string, v: TaskView): boolean => {
    switch (k) {
      case 'name':
        return `${v.name}.${v.task.id}`.startsWith(val);
      case 'id':
        return v.task.id.startsWith(val);
      case 'label': {
        const eq = val.indexOf('=');
        const key = eq < 0 ? val : val.slice(0, eq);
        return Object.hasOwn(v.service.spec.labels, key) && (eq < 0 || v.service.spec.labels[key] === val.slice(eq + 1));
      }
      case 'node':
        return nodeIds.includes(v.task.nodeId);
      case 'desired-state':
        return val.toLowerCase() === v.task.desired;
      case 'service':
        return v.service.id === val || v.service.spec.name === val || v.service.id.startsWith(val);
      default:
        return true;
    }
  };
  const keep = (v: TaskView): boolean => {
    for (const [k, vals] of filters) if (!vals.some((val) => matches(k, val, v))) return false;
    return true;
  };
  return { ok: true, keep };
}
