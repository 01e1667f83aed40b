import { args, defineVerb } from '../../cli/verb';
import { parseFilters } from '../../lib/common';
import { TASK_LIST_FLAGS, taskFilter } from '../../lib/task-filter';
import { printTasks } from '../../lib/task-print';

/**
 * docker/cli@v28.5.2 cli/command/node/ps.go: the tasks of each node (`self` when none is named),
 * asked of the daemon with the learner's filters plus `node=<id>`. Failures are collected, one per
 * line, after the tasks that were found; unlike `service ps`, -q keeps the ids truncated.
 */
export const ps = defineVerb({
  path: 'node ps',
  use: '[OPTIONS] [NODE...]',
  short: 'List tasks running on one or more nodes, defaults to current node',
  flags: TASK_LIST_FLAGS,
  args: args.atLeast(0),
  run({ p, d, opts, args: refs }) {
    const filters = parseFilters(p, opts.filter);
    if (!filters) return 1;
    const errors: string[] = [];
    const views = [];
    for (const ref of refs.length > 0 ? refs : ['self']) {
      const node = d.node(ref);
      if (!node.ok) {
        errors.push(`Error response from daemon: ${node.error}`);
        continue;
      }
      const withNode = new Map(filters);
      withNode.set('node', [...(filters.get('node') ?? []), node.value.node.id]);
      const filter = taskFilter(d, withNode);
      if (!filter.ok) {
        errors.push(`Error response from daemon: ${filter.error}`);
        continue;
      }
      const services = d.services();
      if (!services.ok) {
        errors.push(`Error response from daemon: ${services.error}`);
        continue;
      }
      // filter.Add("node", id): the daemon ORs a key's values, so a node the learner filtered on
      // adds its tasks to this node's, as the real CLI's request does.
      views.push(...services.value.flatMap((s) => d.serviceTasks(s)).filter(filter.keep));
    }
    let code = 0;
    if (errors.length === 0 || views.length > 0) code = printTasks(p, d.now(), views, { trunc: !opts.noTrunc, quiet: opts.quiet, format: opts.format, noResolve: opts.noResolve });
    if (errors.length > 0) {
      p.err(`${errors.join('\n')}\n`);
      return 1;
    }
    return code;
  },
});
