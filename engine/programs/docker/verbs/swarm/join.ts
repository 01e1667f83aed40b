import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { advertiseAddrFlag, availabilityFlag, dataPathAddrFlag, listenAddrFlag, availabilityOf } from '../../lib/swarm';

/** swarmConnectTimeout (moby daemon/cluster/cluster.go): how long the CLI waits for the join. */
const JOIN_WAIT_MS = 20_000;

const JOIN_TIMEOUT =
  'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.';

/** docker/cli@v28.5.2 cli/command/swarm/join.go */
export const join = defineVerb({
  path: 'swarm join',
  use: '[OPTIONS] HOST:PORT',
  short: 'Join a swarm as a node and/or manager',
  swarm: '',
  flags: {
    advertiseAddr: advertiseAddrFlag(),
    availability: availabilityFlag(),
    dataPathAddr: dataPathAddrFlag(),
    listenAddr: listenAddrFlag(),
    token: flag.string('token', 'Token for entry into the swarm'),
  },
  args: args.exactly(1),
  async run({ p, d, opts, args: [remote], changed }) {
    const availability = availabilityOf(p, opts.availability, changed('availability'));
    if (!availability) return 1;
    const r = d.swarmJoin(opts.token, remote!, opts.advertiseAddr || null, availability);
    if (!r.ok) return daemonError(p, r.error);
    if ('timedOut' in r.value) {
      // The manager never answered: the CLI gives up after the daemon's join timeout.
      if (!(await p.rt.sleep(JOIN_WAIT_MS, p.signal))) return 130;
      return daemonError(p, JOIN_TIMEOUT);
    }
    p.rt.changed();
    await d.reconcile();
    p.out(`This node joined a swarm as a ${r.value.role}.\n`);
    return 0;
  },
});
