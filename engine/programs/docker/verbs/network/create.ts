import { args, defineVerb, flag } from '../../cli/verb';
import { daemonError } from '../../lib/common';
import { consolidateIpam } from '../../lib/ipam';

/** opts.MapOpts: "k=v" (a lone key maps to ""). */
function toMap(list: string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq < 0) out[item] = '';
    else out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return { ...out };
}

/** opts.ValidateLabel */
function checkLabel(value: string): string | null {
  const key = value.split('=')[0]!.replace(/^[ \t]+/, '');
  if (key === '') return `invalid label '${value}': empty name`;
  if (/[ \t]/.test(key)) return `label '${key}' contains whitespaces`;
  return null;
}

/** docker/cli@v28.5.2 cli/command/network/create.go */
export const create = defineVerb({
  path: 'network create',
  use: '[OPTIONS] NETWORK',
  short: 'Create a network',
  flags: {
    attachable: flag.bool('attachable', 'Enable manual container attachment'),
    auxAddress: flag.list('aux-address', 'Auxiliary IPv4 or IPv6 addresses used by Network driver', { valueName: 'map', defaultText: 'map[]' }),
    configFrom: flag.string('config-from', 'The network from which to copy the configuration'),
    configOnly: flag.bool('config-only', 'Create a configuration only network'),
    driver: flag.string('driver', 'Driver to manage the Network', { short: 'd', default: 'bridge' }),
    gateway: flag.strings('gateway', 'IPv4 or IPv6 Gateway for the master subnet'),
    ingress: flag.bool('ingress', 'Create swarm routing-mesh network'),
    internal: flag.bool('internal', 'Restrict external access to the network'),
    ipRange: flag.strings('ip-range', 'Allocate container ip from a sub-range'),
    ipamDriver: flag.string('ipam-driver', 'IP Address Management Driver', { default: 'default' }),
    ipamOpt: flag.list('ipam-opt', 'Set IPAM driver specific options', { valueName: 'map', defaultText: 'map[]' }),
    ipv4: flag.bool('ipv4', 'Enable or disable IPv4 address assignment', { default: true }),
    ipv6: flag.bool('ipv6', 'Enable or disable IPv6 address assignment'),
    label: flag.list('label', 'Set metadata on a network', { validate: checkLabel }),
    opt: flag.list('opt', 'Set driver specific options', { short: 'o', valueName: 'map', defaultText: 'map[]' }),
    scope: flag.string('scope', "Control the network's scope"),
    subnet: flag.strings('subnet', 'Subnet in CIDR format that represents a network segment'),
  },
  args: args.exactly(1),
  run({ p, d, opts, args: [name] }) {
    const ipam = consolidateIpam(opts.subnet, opts.ipRange, opts.gateway, toMap(opts.auxAddress));
    if (typeof ipam === 'string') {
      p.err(`${ipam}\n`);
      return 1;
    }
    if ('daemon' in ipam) return daemonError(p, ipam.daemon);
    const res = d.networkCreate({
      name: name!,
      driver: opts.driver,
      ipam,
      ipamDriver: opts.ipamDriver,
      internal: opts.internal,
      attachable: opts.attachable,
      ipv6: opts.ipv6,
      ipv4: opts.ipv4,
      options: toMap(opts.opt),
      labels: toMap(opts.label),
      scope: opts.scope || null,
      ingress: opts.ingress,
    });
    if (!res.ok) return daemonError(p, res.error);
    p.rt.changed();
    p.out(`${res.value.id}\n`);
    // Docker 27+ would also give it an IPv6 subnet; the lab models IPv4 only, and says so.
    if (opts.ipv6) p.err('sim: IPv6 addresses are not part of this lab; the network only gets IPv4 addresses\n');
    return 0;
  },
});
