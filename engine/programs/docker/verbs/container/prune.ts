import { args, defineVerb, flag } from '../../cli/verb';
import { printDeleted, printReclaimed } from '../../lib/prune-print';
import { confirm } from '../../lib/prompt';

/** docker/cli@v28.5.2 cli/command/container/prune.go */
export const prune = defineVerb({
  path: 'container prune',
  use: '[OPTIONS]',
  short: 'Remove all stopped containers',
  flags: {
    filter: flag.list('filter', 'Provide filter values (e.g. "until=<timestamp>")', { valueName: 'filter' }),
    force: flag.bool('force', 'Do not prompt for confirmation', { short: 'f' }),
  },
  args: args.none,
  async run({ p, d, opts }) {
    if (!opts.force && !(await confirm(p, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?'))) return 0;
    const r = d.containerPrune();
    p.rt.changed();
    printDeleted(p, 'Deleted Containers:', r.deleted);
    printReclaimed(p, r.reclaimed);
    return 0;
  },
});
