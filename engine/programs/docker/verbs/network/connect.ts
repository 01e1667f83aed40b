import { isIPv4 } from '../../../../util/ipv4';
import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { networkAndContainer } from '../../lib/network-args';

/** docker/cli@v28.5.2 cli/command/network/connect.go */
export const connect = defineVerb({
  path: 'network connect',
  use: '[OPTIONS] NETWORK CONTAINER',
  short: 'Connect a container to a network',
  flags: {
    alias: flag.strings('alias', 'Add network-scoped alias for the container'),
    driverOpt: flag.strings('driver-opt', 'driver options for the network'),
    gwPriority: flag.int('gw-priority', 'Highest gw-priority provides the default gateway. Accepts positive and negative values.'),
    ip: flag.string('ip', 'IPv4 address (e.g., "172.30.100.104")'),
    ip6: flag.string('ip6', 'IPv6 address (e.g., "2001:db8::33")'),
    link: flag.list('link', 'Add link to another container'),
    linkLocalIp: flag.strings('link-local-ip', 'Add a link-local address for the container'),
  },
  args: args.exactly(2),
  completes: ['network', 'container'],
  run({ p, d, opts, args: a }) {
    const pair = networkAndContainer(p, d, a, true);
    if (typeof pair === 'number') return pair;
    if (opts.ip !== '' && !isIPv4(opts.ip)) {
      p.err(`invalid IPv4 address: ${opts.ip}\n`);
      return 1;
    }
    const res = d.networkConnect(pair.net, pair.c, { aliases: opts.alias, ip: opts.ip || null, links: opts.link, gwPriority: opts.gwPriority });
    if (!res.ok) return daemonError(p, res.error);
    p.rt.changed();
    return 0;
  },
});
