import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { printJoinCommand } from '../../lib/swarm';

/** docker/cli@v28.5.2 cli/command/swarm/join_token.go */
export const joinToken = defineVerb({
  path: 'swarm join-token',
  use: '[OPTIONS] (worker|manager)',
  short: 'Manage join tokens',
  swarm: 'manager',
  flags: {
    quiet: flag.bool('quiet', 'Only display token', { short: 'q' }),
    rotate: flag.bool('rotate', 'Rotate join token'),
  },
  args: args.exactly(1),
  run({ p, d, opts, args: [role] }) {
    if (role !== 'worker' && role !== 'manager') {
      p.err(`unknown role ${role}\n`);
      return 1;
    }
    if (opts.rotate) {
      const r = d.swarmJoinToken(role, true);
      if (!r.ok) return daemonError(p, r.error);
      p.rt.changed();
      if (!opts.quiet) p.out(`Successfully rotated ${role} join token.\n\n`);
    }
    if (opts.quiet) {
      const r = d.swarmJoinToken(role, false);
      if (!r.ok) return daemonError(p, r.error);
      p.out(`${r.value.token}\n`);
      return 0;
    }
    return printJoinCommand(p, d, role === 'worker', role === 'manager');
  },
});
