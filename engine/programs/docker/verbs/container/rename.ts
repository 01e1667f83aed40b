import { args, defineVerb } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { lookup } from '../../lib/each';

/** docker/cli@v28.5.2 cli/command/container/rename.go */
export const rename = defineVerb({
  path: 'container rename',
  shortcut: 'rename',
  use: 'CONTAINER NEW_NAME',
  short: 'Rename a container',
  flags: {},
  args: args.exactly(2),
  completes: ['container'],
  run({ p, d, args: [ref, name] }) {
    const c = lookup(p, d, ref!);
    if (!c) return 1;
    const res = d.containerRename(c, name!);
    if (!res.ok) return daemonError(p, res.error);
    p.rt.changed();
    return 0;
  },
});
