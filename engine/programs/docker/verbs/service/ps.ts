import type { TaskView } from '../../../../docker/api';
import type { SwarmService } from '../../../../docker/types';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError, parseFilters } from '../../lib/common';
import { printTasks } from '../../lib/task-print';

const TASK_STATES = ['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'];

/**
 * docker/cli@v28.5.2 cli/command/service/ps.go: each argument is a service by full id, name or
 * unique id prefix (a missing one is "no such service: X", printed after the others' tasks);
 * filters are the daemon's task filters (moby daemon/cluster/filters.go newListTasksFilters:
 * name prefix, id prefix, label, node, desired-state).
 */
export const ps = defineVerb({
  path: 'service ps',
  use: '[OPTIONS] SERVICE [SERVICE...]',
  short: 'List the tasks of one or more services',
  flags: {
    filter: flag.filter('filter', 'Filter output based on conditions provided', { short: 'f' }),
    format: flag.string('format', 'Pretty-print tasks using a Go template'),
    noResolve: flag.bool('no-resolve', 'Do not map IDs to Names'),
    noTrunc: flag.bool('no-trunc', 'Do not truncate output'),
    quiet: flag.bool('quiet', 'Only display task IDs', { short: 'q' }),
  },
  args: args.atLeast(1),
  run({ p, d, opts, args: refs }) {
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    const all = d.services();
    if (!all.ok) return daemonError(p, all.error);
    const chosen: SwarmService[] = [];
    const notFound: string[] = [];
    for (const ref of refs) {
      const exact = all.value.find((s) => s.id === ref) ?? all.value.find((s) => s.spec.name === ref);
      if (exact) {
        chosen.push(exact);
        continue;
      }
      const byPrefix = all.value.filter((s) => s.id.startsWith(ref));
      if (byPrefix.length > 1) {
        p.err(`multiple services found with provided prefix: ${ref}\n`);
        return 1;
      }
      if (byPrefix.length === 1) chosen.push(byPrefix[0]!);
      else notFound.push(`no such service: ${ref}`);
    }
    if (chosen.length === 0) {
      p.err(`${notFound.join('\n')}\n`);
      return 1;
    }
    for (const k of filters.keys()) {
      if (!['name', 'id', 'label', 'service', 'node', 'desired-state', '_up-to-date', 'runtime'].includes(k)) return daemonError(p, `invalid filter '${k}'`);
    }
    const nodeIds: string[] = [];
    for (const ref of filters.get('node') ?? []) {
      const n = d.node(ref);
      if (!n.ok) return daemonError(p, n.error);
      nodeIds.push(n.value.node.id);
    }
    for (const s of filters.get('desired-state') ?? []) {
      if (s !== '' && !TASK_STATES.includes(s.toLowerCase())) return daemonError(p, `Invalid desired-state filter: '${s}'`);
    }
    const keep = (v: TaskView): boolean => {
      for (const [k, vals] of filters) {
        const ok = vals.some((val) => {
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
        });
        if (!ok) return false;
      }
      return true;
    };
    const views = chosen.flatMap((s) => d.serviceTasks(s)).filter(keep);
    const code = printTasks(p, d.now(), views, { trunc: !(opts.noTrunc || opts.quiet), quiet: opts.quiet, format: opts.format, noResolve: opts.noResolve });
    if (notFound.length > 0) {
      p.err(`${notFound.join('\n')}\n`);
      return 1;
    }
    return code;
  },
});
