import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/network/remove.go */
export const rm = defineVerb({
  path: 'network rm',
  aliases: ['remove'],
  use: 'NETWORK [NETWORK...]',
  short: 'Remove one or more networks',
  flags: { force: flag.bool('force', 'Do not error if the network does not exist', { short: 'f' }) },
  args: args.atLeast(1),
  completes: ['network'],
  run({ p, d, opts, args: refs }) {
    let status = 0;
    for (const ref of refs) {
      const n = d.network(ref);
      if (!n.ok) {
        if (opts.force && n.error.endsWith('not found')) continue;
        status = daemonError(p, n.error);
        continue;
      }
      const res = d.networkRemove(n.value);
      if (!res.ok) {
        status = daemonError(p, res.error);
        continue;
      }
      p.out(`${ref}\n`);
    }
    p.rt.changed();
    return status;
  },
});
