import { args, defineVerb } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { specChange, swarmSpecFlags } from '../../lib/swarm';

/** docker/cli@v28.5.2 cli/command/swarm/update.go: with no flag at all it shows its help (pflag.ErrHelp). */
export const update = defineVerb({
  path: 'swarm update',
  use: '[OPTIONS]',
  short: 'Update the swarm',
  swarm: 'manager',
  flags: swarmSpecFlags('Change manager autolocking setting (true|false)'),
  args: args.none,
  run({ p, d, opts, changed, nflags, help }) {
    if (nflags === 0) {
      p.out(help());
      return 0;
    }
    const change = specChange(p, opts, changed);
    if (!change) return 1;
    const r = d.swarmUpdate(change);
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    p.out('Swarm updated.\n');
    return 0;
  },
});
