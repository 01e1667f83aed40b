import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { printDeleted, printReclaimed, pruneFilters } from '../../lib/prune-print';
import { confirm } from '../../lib/prompt';

/** docker/cli@v28.5.2 cli/command/image/prune.go */
export const prune = defineVerb({
  path: 'image prune',
  use: '[OPTIONS]',
  short: 'Remove unused images',
  flags: {
    all: flag.bool('all', 'Remove all unused images, not just dangling ones', { short: 'a' }),
    filter: flag.filter('filter', 'Provide filter values (e.g. "until=<timestamp>")'),
    force: flag.bool('force', 'Do not prompt for confirmation', { short: 'f' }),
  },
  args: args.none,
  async run({ p, d, opts }) {
    const warning = opts.all
      ? 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?'
      : 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
    const filters = pruneFilters(p, opts.filter);
    if (!filters) return 1;
    if (!opts.force && !(await confirm(p, warning))) return 0;
    const r = d.imagePrune(opts.all, filters);
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    printDeleted(p, 'Deleted Images:', r.value.deleted);
    printReclaimed(p, r.value.reclaimed);
    return 0;
  },
});
