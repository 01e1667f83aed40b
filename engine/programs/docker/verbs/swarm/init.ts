import { isIPv4, networkOf, parseCidr } from '../../../../util/ipv4';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { advertiseAddrFlag, availabilityFlag, dataPathAddrFlag, listenAddrFlag, availabilityOf, printJoinCommand, specChange, swarmSpecFlags } from '../../lib/swarm';

/** pflag's ipNetSlice: each comma-separated value a CIDR. */
function checkPools(value: string): string | null {
  for (const part of value.split(',')) {
    const c = parseCidr(part.trim());
    if (!c || !isIPv4(c.ip)) return `invalid string being converted to CIDR: ${part}`;
  }
  return null;
}

/** docker/cli@v28.5.2 cli/command/swarm/init.go; the daemon's checks from moby daemon/cluster/swarm.go and listen_addr.go. */
export const init = defineVerb({
  path: 'swarm init',
  use: '[OPTIONS]',
  short: 'Initialize a swarm',
  swarm: '',
  flags: {
    advertiseAddr: advertiseAddrFlag(),
    availability: availabilityFlag(),
    dataPathAddr: dataPathAddrFlag(),
    dataPathPort: flag.uint('data-path-port', 'Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.', { valueName: 'uint32' }),
    defaultAddrPool: flag.strings('default-addr-pool', 'default address pool in CIDR format', { valueName: 'ipNetSlice', defaultText: '[]', validate: checkPools }),
    defaultAddrPoolMaskLength: flag.uint('default-addr-pool-mask-length', 'default address pool subnet mask length', { valueName: 'uint32', defaultText: '24' }),
    forceNewCluster: flag.bool('force-new-cluster', 'Force create a new cluster from current state'),
    listenAddr: listenAddrFlag(),
    ...swarmSpecFlags('Enable manager autolocking (requiring an unlock key to start a stopped manager)'),
  },
  args: args.none,
  run({ p, d, opts, changed }) {
    const availability = availabilityOf(p, opts.availability, changed('availability'));
    if (!availability) return 1;
    const settings = specChange(p, opts, changed);
    if (!settings) return 1;
    if (opts.forceNewCluster) {
      p.err('sim: recovering a swarm that lost its quorum (--force-new-cluster) is not part of this lab\n');
      return 1;
    }
    const size = changed('defaultAddrPoolMaskLength') ? opts.defaultAddrPoolMaskLength : 24;
    const pools = opts.defaultAddrPool.map((s) => {
      const c = parseCidr(s.trim())!;
      return `${networkOf(c.ip, c.prefix)}/${c.prefix}`;
    });
    if (pools.length > 0) {
      if ((size || 24) > 29) return daemonError(p, `subnet size is out of range: ${size}`);
      for (const pool of pools) {
        if ((size || 24) < parseCidr(pool)!.prefix) return daemonError(p, `invalid CIDR: "${pool}". Subnet size is too small for pool: ${size}`);
      }
    }
    if (pools.length > 1) {
      p.err("sim: this lab's swarm takes one default address pool; give --default-addr-pool once\n");
      return 1;
    }
    const port = opts.dataPathPort || 4789;
    if (port < 1024 || port > 49151) return daemonError(p, `Datapath port number is not in valid range (1024-49151) : ${port}`);
    const r = d.swarmInit({
      advertiseAddr: opts.advertiseAddr || null,
      availability,
      defaultAddrPool: pools[0] ?? '10.0.0.0/8',
      subnetSize: size || 24,
      dataPathPort: port,
      settings,
    });
    if (!r.ok) {
      const needsAddr = r.error.includes('could not choose an IP address to advertise') || r.error.includes("could not find the system's IP address");
      return daemonError(p, needsAddr ? `${r.error} - specify one with --advertise-addr` : r.error);
    }
    p.rt.changed();
    p.out(`Swarm initialized: current node (${r.value.nodeId}) is now a manager.\n\n`);
    const code = printJoinCommand(p, d, true, false);
    if (code !== 0) return code;
    p.out("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n");
    return 0;
  },
});
