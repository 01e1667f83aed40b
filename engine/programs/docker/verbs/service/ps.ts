import type { SwarmService } from '../../../../docker/types';
import { args, defineVerb } from '../../cli/verb';
import { daemonError, parseFilters } from '../../lib/common';
import { TASK_LIST_FLAGS, taskFilter } from '../../lib/task-filter';
import { printTasks } from '../../lib/task-print';

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
  flags: TASK_LIST_FLAGS,
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
    const filter = taskFilter(d, filters);
    if (!filter.ok) return daemonError(p, filter.error);
    const views = chosen.flatMap((s) => d.serviceTasks(s)).filter(filter.keep);
    const code = printTasks(p, d.now(), views, { trunc: !(opts.noTrunc || opts.quiet), quiet: opts.quiet, format: opts.format, noResolve: opts.noResolve });
    if (notFound.length > 0) {
      p.err(`${notFound.join('\n')}\n`);
      return 1;
    }
    return code;
  },
});
