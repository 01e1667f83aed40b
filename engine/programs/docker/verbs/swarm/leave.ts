import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';

/** docker/cli@v28.5.2 cli/command/swarm/leave.go ("Node left the swarm."; the docs' "the default swarm" is stale). */
export const leave = defineVerb({
  path: 'swarm leave',
  use: '[OPTIONS]',
  short: 'Leave the swarm',
  swarm: 'active',
  flags: {
    force: flag.bool('force', 'Force this node to leave the swarm, ignoring warnings', { short: 'f' }),
  },
  args: args.none,
  async run({ p, d, opts }) {
    const r = d.swarmLeave(opts.force);
    if (!r.ok) return daemonError(p, r.error);
    p.rt.changed();
    await d.reconcile();
    p.out('Node left the swarm.\n');
    return 0;
  },
});
