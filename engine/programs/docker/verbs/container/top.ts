import { formatTable } from '../../../../util/tabwriter';
import { args, defineVerb } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/**
 * docker/cli@v28.5.2 cli/command/container/top.go: everything after CONTAINER goes to the host's
 * ps (flags are not interspersed); tabwriter with minwidth 20, padding 3.
 */
export const top = defineVerb({
  path: 'container top',
  shortcut: 'top',
  use: 'CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  flags: {},
  args: args.atLeast(1),
  interspersed: false,
  completes: ['container'],
  run({ p, d, args: [ref, ...psArgs] }) {
    const found = d.container(ref!);
    if (!found.ok) return daemonError(p, found.error);
    const r = d.containerTop(found.value, psArgs);
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    p.out(formatTable([r.value.titles, ...r.value.processes], 20));
    return 0;
  },
});
