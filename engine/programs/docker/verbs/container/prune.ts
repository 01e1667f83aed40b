import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { printDeleted, printReclaimed, pruneFilters } from '../../lib/prune-print';
import { confirm } from '../../lib/prompt';

/** docker/cli@v28.5.2 cli/command/container/prune.go */
export const prune = defineVerb({
  path: 'container prune',
  use: '[OPTIONS]',
  short: 'Remove all stopped containers',
  flags: {
    filter: flag.filter('filter', 'Provide filter values (e.g. "until=<timestamp>")'),
    force: flag.bool('force', 'Do not prompt for confirmation', { short: 'f' }),
  },
  args: args.none,
  async run({ p, d, opts }) {
    const filters = pruneFilters(p, opts.filter);
    if (!filters) return 1;
    if (!opts.force && !(await confirm(p, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?'))) return 0;
    const r = d.containerPrune(filters);
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    printDeleted(p, 'Deleted Containers:', r.value.deleted);
    printReclaimed(p, r.value.reclaimed);
    return 0;
  },
});
