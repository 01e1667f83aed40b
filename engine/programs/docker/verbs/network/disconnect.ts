import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { networkAndContainer } from '../../lib/network-args';

/** docker/cli@v28.5.2 cli/command/network/disconnect.go */
export const disconnect = defineVerb({
  path: 'network disconnect',
  use: '[OPTIONS] NETWORK CONTAINER',
  short: 'Disconnect a container from a network',
  flags: { force: flag.bool('force', 'Force the container to disconnect from a network', { short: 'f' }) },
  args: args.exactly(2),
  completes: ['network', 'container'],
  run({ p, d, args: a }) {
    const pair = networkAndContainer(p, d, a);
    if (typeof pair === 'number') return pair;
    const res = d.networkDisconnect(pair.net, pair.c);
    if (!res.ok) return daemonError(p, res.error);
    p.rt.changed();
    return 0;
  },
});
