import { args, defineVerb, flag } from '../../cli/verb';
import { printDeleted } from '../../lib/prune-print';
import { confirm } from '../../lib/prompt';

/** docker/cli@v28.5.2 cli/command/network/prune.go: names, and no "Total reclaimed space" line. */
export const prune = defineVerb({
  path: 'network prune',
  use: '[OPTIONS]',
  short: 'Remove all unused networks',
  flags: {
    filter: flag.list('filter', 'Provide filter values (e.g. "until=<timestamp>")', { valueName: 'filter' }),
    force: flag.bool('force', 'Do not prompt for confirmation', { short: 'f' }),
  },
  args: args.none,
  async run({ p, d, opts }) {
    if (!opts.force && !(await confirm(p, 'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue?'))) return 0;
    const deleted = d.networkPrune();
    p.rt.changed();
    printDeleted(p, 'Deleted Networks:', deleted);
    return 0;
  },
});
